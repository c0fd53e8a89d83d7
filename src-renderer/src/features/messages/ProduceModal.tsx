import { useState } from 'react';
import { ProduceArgs, type ProducedRecord, type ProduceSchema } from '@shared/produce';
import { RegisterSchemaArgs } from '@shared/schemas';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm, type FieldErrors } from '@renderer/forms/use-contract-form';
import { messageCalls } from './messages-store';
import { schemaCalls, subjectsStore } from '@renderer/features/schemas/schemas-store';
import { produceVersionsStore } from './produce-schema-store';
import { prettySchema, SchemaChoice, useChosenVersion } from './SchemaChoice';
import { RegisterFirst } from './RegisterFirst';

const FIELDS = ['topic', 'key', 'value', 'headers', 'partition', 'valueSchema', 'keySchema'] as const;
const EXAMPLE = JSON.stringify({ garage: 'Kyrre', capacity: 150, occupied: 97, free: 53, event_time: Date.now() }, null, 2);

/** What the form starts with, e.g. a record read from the topic ("Edit and produce again"). */
export interface ProduceDraft {
  key: string | null;
  value: string;
  valueIsJson: boolean;
  headers: { name: string; value: string }[];
  partition: number | null;
}

type Header = { name: string; value: string };

/** The record's headers, as rows of name and value, with their error. */
function HeadersFieldset({ headers, setHeaders, error }: { headers: Header[]; setHeaders: (headers: Header[]) => void; error: string | undefined }) {
  return (
    <fieldset className="configs">
      <legend>Headers</legend>
      {headers.map((header, index) => (
        <div className="config-row" key={index}>
          <input
            aria-label="Header name"
            value={header.name}
            onChange={(event) => setHeaders(headers.map((h, i) => (i === index ? { ...h, name: event.target.value } : h)))}
          />
          <input
            aria-label="Header value"
            value={header.value}
            onChange={(event) => setHeaders(headers.map((h, i) => (i === index ? { ...h, value: event.target.value } : h)))}
          />
          <button type="button" className="icon" aria-label="Remove header" onClick={() => setHeaders(headers.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setHeaders([...headers, { name: '', value: '' }])}>
        Add header
      </button>
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}

/** A field's message naming the part of the value it is about (`value.location.lat: required`). */
function errorWithPath(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const inner = Object.entries(errors).find(([key]) => key.startsWith(`${field}.`));
  return inner ? `${inner[0]}: ${inner[1]}` : undefined;
}

function writtenText(record: ProducedRecord): string {
  const schema = record.valueSchema ? ` (${record.valueSchema.subject} v${record.valueSchema.version}, id ${record.valueSchema.id})` : '';
  return `partition ${record.partition} @ offset ${record.offset}${schema}`;
}

function ProducedNote({ sent }: { sent: ProducedRecord[] }) {
  return (
    <div className="note ok" data-testid="produce-result">
      Written with acks=all: {sent.map(writtenText).join(' · ')}
    </div>
  );
}

/** The schema choice and "register a new version first", with the register call's own form. */
function useSchemaSide() {
  const [choice, setChoice] = useState<ProduceSchema | null>(null);
  const [registerFirst, setRegisterFirst] = useState(false);
  const [draft, setDraft] = useState('');
  const version = useChosenVersion(choice);
  const registerForm = useContractForm({ fields: ['subject', 'schemaType', 'schema', 'references'] });
  const toggleRegister = (on: boolean) => {
    setRegisterFirst(on);
    if (on && version) setDraft(prettySchema(version));
  };
  /** The schema to write with: the chosen one, or the version registered now (null: registering failed). */
  const resolve = async (): Promise<ProduceSchema | null | undefined> => {
    if (!choice || !registerFirst) return choice;
    if (!version) {
      registerForm.fail({ schema: 'the chosen subject has no version to start from' });
      return null;
    }
    const args = { subject: choice.subject, schemaType: version.schemaType, schema: draft, references: version.references };
    const registered = await registerForm.submit(args, schemaCalls.register, { schema: RegisterSchemaArgs });
    if (!registered) return null;
    void produceVersionsStore.refresh({ subject: choice.subject });
    void subjectsStore.refresh({ includeDeleted: false });
    const next = { ...choice, version: registered.version };
    setChoice(next);
    setRegisterFirst(false);
    return next;
  };
  return { choice, setChoice, registerFirst, toggleRegister, draft, setDraft, version, registerForm, resolve };
}

/** The value's schema and "register a new version first". */
function SchemaSection({ schema, errors }: { schema: ReturnType<typeof useSchemaSide>; errors: FieldErrors }) {
  return (
    <>
      <SchemaChoice choice={schema.choice} onChange={schema.setChoice} errors={errors} />
      {schema.choice && (
        <RegisterFirst
          on={schema.registerFirst}
          setOn={schema.toggleRegister}
          draft={schema.draft}
          setDraft={schema.setDraft}
          base={schema.version}
          error={schema.registerForm.error('schema') ?? schema.registerForm.error('form')}
        />
      )}
    </>
  );
}

/** Produce one record: key, headers, a value checked as JSON when it is meant to be JSON (or encoded with a chosen schema), a partition or none. */
export function ProduceModal({ topic, partitions, onClose, initial }: { topic: string; partitions: number; onClose: () => void; initial?: ProduceDraft }) {
  const [key, setKey] = useState(initial?.key ?? '');
  const [value, setValue] = useState(initial?.value ?? EXAMPLE);
  const [valueIsJson, setValueIsJson] = useState(initial?.valueIsJson ?? true);
  const [headers, setHeaders] = useState<{ name: string; value: string }[]>(initial?.headers ?? []);
  const [partition, setPartition] = useState(initial?.partition == null ? '' : String(initial.partition));
  const form = useContractForm({ fields: FIELDS });
  const schema = useSchemaSide();
  const busy = form.busy !== null || schema.registerForm.busy !== null;
  const [sent, setSent] = useState<ProducedRecord[]>([]);

  async function send() {
    const valueSchema = await schema.resolve();
    if (valueSchema === null && schema.choice) return;
    const args = {
      topic,
      key: key === '' ? null : key,
      value,
      valueIsJson: valueIsJson || valueSchema != null,
      headers: Object.fromEntries(headers.filter((header) => header.name !== '').map((header) => [header.name, header.value])),
      partition: partition === '' ? null : Number(partition),
      valueSchema,
    };
    const record = await form.submit(args, messageCalls.produce, { schema: ProduceArgs });
    if (record) setSent((previous) => [record, ...previous].slice(0, 5));
  }

  return (
    <Modal
      title={`Produce to ${topic}`}
      testId="produce-modal"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Close</button>
          <button className="primary" disabled={busy} onClick={() => void send()} data-testid="produce-submit">
            {busy ? 'Sending…' : schema.choice && schema.registerFirst ? 'Register and produce' : 'Produce'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <div className="form-row">
          <Field label="Key" error={form.error('key')} hint="Empty: no key (records spread over partitions)">
            <input value={key} onChange={(event) => setKey(event.target.value)} spellCheck={false} />
          </Field>
          <Field label="Partition" error={form.error('partition')} hint={`0–${partitions - 1}, or empty to let the key decide`}>
            <input type="number" min={0} max={partitions - 1} value={partition} onChange={(event) => setPartition(event.target.value)} />
          </Field>
        </div>
        <SchemaSection schema={schema} errors={form.errors} />
        <Field
          label="Value"
          error={errorWithPath(form.errors, 'value')}
          hint={schema.choice ? 'JSON, checked against the schema, then encoded with it' : undefined}
        >
          <textarea rows={8} value={value} onChange={(event) => setValue(event.target.value)} spellCheck={false} className="mono" data-testid="produce-value" />
        </Field>
        {!schema.choice && (
          <label className="check">
            <input type="checkbox" checked={valueIsJson} onChange={(event) => setValueIsJson(event.target.checked)} /> The value is JSON (checked before
            sending)
          </label>
        )}
        <HeadersFieldset headers={headers} setHeaders={setHeaders} error={form.error('headers')} />
        {form.error('form') && <div className="form-error">{form.error('form')}</div>}
        {sent.length > 0 && <ProducedNote sent={sent} />}
      </div>
    </Modal>
  );
}
