import { useState } from 'react';
import { CheckCompatibilityArgs, RegisterSchemaArgs, SchemaType, type CompatibilityResult, type SchemaVersion } from '@shared/schemas';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm, type ContractForm } from '@renderer/forms/use-contract-form';
import { navigate } from '@renderer/router';
import { schemaCalls, subjectsStore, usageStore, versionsStore } from './schemas-store';
import { useSchemaDraft, type SchemaDraft } from './use-schema-draft';
import { ReferenceRows } from './ReferenceRows';

const FIELDS = ['subject', 'schemaType', 'schema', 'references', 'version'];

/** Register a new version of `subject`, after checking it against the subject's compatibility level if wanted. */
export function SchemaEditor({ subject, latest }: { subject: string; latest: SchemaVersion | null }) {
  const draft = useSchemaDraft(latest);
  const form = useContractForm({ fields: FIELDS });
  const [checked, setChecked] = useState<CompatibilityResult | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  const check = async () => {
    setRegistered(null);
    setChecked((await form.submit(draft.args(subject), schemaCalls.checkCompatibility, { schema: CheckCompatibilityArgs, kind: 'check' })) ?? null);
  };
  const register = async () => {
    setChecked(null);
    const done = await form.submit(draft.args(subject), schemaCalls.register, { schema: RegisterSchemaArgs, kind: 'register' });
    if (!done) return;
    setRegistered(`Registered as version ${done.version} (id ${done.id})${done.version === latest?.version ? ': the registry already held this schema' : ''}`);
    await Promise.all([versionsStore.refresh({ subject }), subjectsStore.refresh(), usageStore.refresh({ subject })]);
  };
  return (
    <section className="panel" data-testid="schema-editor">
      <header>
        <h2>New version</h2>
        <div className="actions">
          <button disabled={form.busy !== null} onClick={() => void check()} data-testid="check-compatibility">
            {form.busy === 'check' ? 'Checking…' : 'Check compatibility'}
          </button>
          <button className="primary" disabled={form.busy !== null} onClick={() => void register()} data-testid="register-schema">
            {form.busy === 'register' ? 'Registering…' : 'Register'}
          </button>
        </div>
      </header>
      <SchemaFields draft={draft} form={form} />
      <CompatibilityAnswer result={checked} />
      {registered && <div className="note ok">{registered}</div>}
    </section>
  );
}

/** A new subject: its name, type and first schema. */
export function SchemaEditorModal({ onClose }: { onClose: () => void }) {
  const draft = useSchemaDraft(null);
  const form = useContractForm({ fields: FIELDS });
  const register = async () => {
    const args = draft.args(draft.subject.trim());
    const done = await form.submit(args, schemaCalls.register, { schema: RegisterSchemaArgs, kind: 'register' });
    if (!done) return;
    await subjectsStore.refresh();
    onClose();
    navigate('schemas', done.subject);
  };
  return (
    <Modal
      title="New subject"
      testId="new-subject-modal"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={form.busy !== null} onClick={() => void register()} data-testid="register-subject">
            {form.busy ? 'Registering…' : 'Register'}
          </button>
        </>
      }
    >
      <Field label="Subject" error={form.error('subject')} hint="TopicNameStrategy: <topic>-value or <topic>-key">
        <input name="subject" value={draft.subject} onChange={(event) => draft.setSubject(event.target.value)} placeholder="orders-value" spellCheck={false} />
      </Field>
      <SchemaFields draft={draft} form={form} />
    </Modal>
  );
}

function SchemaFields({ draft, form }: { draft: SchemaDraft; form: ContractForm }) {
  return (
    <div className="form-grid">
      <Field label="Type" error={form.error('schemaType')}>
        <select name="schemaType" value={draft.schemaType} onChange={(event) => draft.setSchemaType(event.target.value as SchemaType)}>
          {SchemaType.options.map((type) => (
            <option key={type} value={type}>
              {type === 'JSON' ? 'JSON Schema' : type === 'AVRO' ? 'Avro' : 'Protobuf'}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Schema" error={form.error('schema')}>
        <textarea className="mono" name="schema" rows={14} value={draft.schema} onChange={(event) => draft.setSchema(event.target.value)} spellCheck={false} />
      </Field>
      <ReferenceRows rows={draft.references} onChange={draft.setReferences} form={form} />
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </div>
  );
}

/** The registry's answer to "would it accept this?", in its own words (Apicurio gives none: then we say so). */
function CompatibilityAnswer({ result }: { result: CompatibilityResult | null }) {
  if (!result) return null;
  const level = result.level ? ` under ${result.level}` : '';
  return (
    <div className={`note ${result.compatible ? 'ok' : 'error'}`} data-testid="compatibility-answer" data-compatible={result.compatible}>
      {result.compatible ? `Compatible${level}: the registry would accept it.` : `Not compatible${level}: the registry would refuse it.`}
      {result.messages.length > 0 ? (
        <ul>
          {result.messages.map((message, n) => (
            <li key={n}>{message}</li>
          ))}
        </ul>
      ) : (
        !result.compatible && <div className="muted">The registry gave no reasons; registering shows its full refusal.</div>
      )}
    </div>
  );
}
