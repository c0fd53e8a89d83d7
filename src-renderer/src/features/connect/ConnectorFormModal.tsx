import { useState } from 'react';
import { SaveConnectorArgs, type ConnectorDetail } from '@shared/connect';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm, type ContractForm } from '@renderer/forms/use-contract-form';
import { buildForm, errorsByField, otherSettings } from './config-form';
import { ConfigFields } from './ConfigFields';
import { connectCalls, connectorStore, overviewStore, pluginsStore } from './connect-store';
import { connectorHref } from './connect-route';
import { useConfigValidation } from './use-config-validation';
import { useConnectorDraft, type ConnectorDraft } from './use-connector-draft';

/** Cluster, plugin (the cluster's source and sink connectors) and name: what the rest of the form is built for. */
function Basics({
  draft,
  clusters,
  form,
  editing,
  nameError,
}: {
  draft: ConnectorDraft;
  clusters: readonly string[];
  form: ContractForm;
  editing: boolean;
  nameError?: string;
}) {
  const { data: plugins, error } = pluginsStore.use({ cluster: draft.cluster });
  const connectors = (plugins ?? []).filter((plugin) => plugin.type === 'source' || plugin.type === 'sink');
  return (
    <div className="form-row">
      {clusters.length > 1 && (
        <Field label="Cluster" error={form.error('cluster')}>
          <select value={draft.cluster} disabled={editing} onChange={(event) => draft.setCluster(event.target.value)}>
            {clusters.map((url) => (
              <option key={url}>{url}</option>
            ))}
          </select>
        </Field>
      )}
      <Field label="Plugin *" error={error ?? form.errors.config}>
        <select value={draft.plugin} disabled={editing} onChange={(event) => draft.setPlugin(event.target.value)} data-testid="connector-plugin">
          <option value="">{plugins ? 'Choose a connector plugin…' : 'Loading plugins…'}</option>
          {connectors.map((plugin) => (
            <option key={plugin.class} value={plugin.class}>
              {plugin.class.split('.').pop()} ({plugin.type}
              {plugin.version ? ` ${plugin.version}` : ''})
            </option>
          ))}
          {draft.plugin && !connectors.some((plugin) => plugin.class === draft.plugin) && <option value={draft.plugin}>{draft.plugin}</option>}
        </select>
      </Field>
      <Field label="Name *" error={form.error('name') ?? nameError}>
        <input value={draft.name} disabled={editing} onChange={(event) => draft.setName(event.target.value)} data-testid="connector-name" spellCheck={false} />
      </Field>
    </div>
  );
}

/** What the worker said about settings the form does not show (hidden ones, or a raw JSON's unknown names). */
function OtherErrors({ errors, shown }: { errors: Record<string, string>; shown: ReadonlySet<string> }) {
  const others = Object.entries(errors).filter(([key]) => key.startsWith('config.') && !shown.has(key.slice('config.'.length)));
  if (others.length === 0) return null;
  return <div className="form-error">{others.map(([key, message]) => `${key.slice('config.'.length)}: ${message}`).join('; ')}</div>;
}

function useSave(draft: ConnectorDraft, editing: boolean, form: ContractForm, onSaved: (detail: ConnectorDetail) => void) {
  const [submitted, setSubmitted] = useState(false);
  const save = async () => {
    setSubmitted(true);
    const args = { cluster: draft.cluster, name: draft.name, config: draft.config };
    const saved = await form.submit(args, editing ? connectCalls.update : connectCalls.create, { schema: SaveConnectorArgs });
    if (saved) onSaved(saved);
  };
  return { submitted, save };
}

/** Create a connector, or edit one's config: the form is built from the plugin's own definition and checked by the worker as it is edited. */
export function ConnectorFormModal({ clusters, existing, onClose }: { clusters: readonly string[]; existing?: ConnectorDetail; onClose: () => void }) {
  const editing = existing !== undefined;
  const draft = useConnectorDraft(clusters, existing ?? null);
  const form = useContractForm({ fields: ['cluster', 'name', 'config'] });
  const check = useConfigValidation({ cluster: draft.cluster, plugin: draft.plugin, config: draft.config, name: draft.name, editing });
  const { submitted, save } = useSave(draft, editing, form, (saved) => {
    void overviewStore.refresh();
    if (editing) void connectorStore.refresh({ cluster: saved.cluster, name: saved.name });
    else location.hash = connectorHref(saved);
    onClose();
  });
  const defined = check.validation ? buildForm(check.validation) : [];
  const other = check.validation ? otherSettings(defined, draft.values) : null;
  const groups = other ? [...defined, other] : defined;
  const workerErrors = errorsByField(check.validation);
  const errorOf = (key: string) => form.errors[`config.${key}`] ?? (submitted || draft.touched.has(key) ? workerErrors[key] : undefined);
  const shown = new Set(groups.flatMap((group) => group.fields.map((field) => field.name)));
  return (
    <Modal
      title={editing ? `Config of ${existing.name}` : 'New connector'}
      onClose={onClose}
      testId="connector-form"
      wide
      footer={<FormFooter draft={draft} busy={form.busy !== null} editing={editing} check={check} onCancel={onClose} onSave={() => void save()} />}
    >
      <Basics draft={draft} clusters={clusters} form={form} editing={editing} nameError={draft.touched.has('name') ? workerErrors.name : undefined} />
      {check.error && <div className="note error">The worker could not check this config: {check.error}</div>}
      {draft.raw ? (
        <Field label="Config as JSON (what is sent; connector.class picks the plugin)" error={draft.raw.error}>
          <textarea
            className="mono-input"
            rows={18}
            value={draft.raw.text}
            onChange={(event) => draft.editRaw(event.target.value)}
            spellCheck={false}
            data-testid="connector-raw"
          />
        </Field>
      ) : (
        <ConfigFields groups={groups} values={draft.values} storedSecrets={draft.storedSecrets} errorOf={errorOf} onChange={draft.setValue} />
      )}
      {draft.plugin && !check.validation && !check.error && <div className="muted">Reading the plugin&apos;s settings from the worker…</div>}
      <OtherErrors errors={form.errors} shown={draft.raw ? new Set() : shown} />
      {form.errors.form && <div className="form-error">{form.errors.form}</div>}
    </Modal>
  );
}

interface FooterProps {
  draft: ConnectorDraft;
  busy: boolean;
  editing: boolean;
  check: ReturnType<typeof useConfigValidation>;
  onCancel: () => void;
  onSave: () => void;
}

function FormFooter({ draft, busy, editing, check, onCancel, onSave }: FooterProps) {
  const errorCount = check.validation?.errorCount ?? 0;
  return (
    <>
      <span className="muted small" data-testid="connector-validation">
        {check.validating
          ? 'Checking with the worker…'
          : check.validation
            ? errorCount === 0
              ? 'The worker accepts this config'
              : `${errorCount} setting${errorCount === 1 ? '' : 's'} to fix`
            : ''}
      </span>
      <span className="spacer" />
      <button onClick={draft.toggleRaw} disabled={draft.raw?.error != null} data-testid="connector-raw-toggle">
        {draft.raw ? 'Form' : 'Raw JSON'}
      </button>
      <button onClick={onCancel}>Cancel</button>
      <button className="primary" disabled={busy || !draft.plugin} onClick={onSave} data-testid="connector-save">
        {busy ? 'Saving…' : editing ? 'Save config' : 'Create connector'}
      </button>
    </>
  );
}
