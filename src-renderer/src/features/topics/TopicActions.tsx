import { useState } from 'react';
import type { TopicDetail } from '../../../../src-shared/topics';
import { AlterTopicConfigsArgs } from '../../../../src-shared/topics';
import { bridge } from '../../bridge';
import { Field, Modal } from '../../ui/Modal';
import { issuesByField, messageByField, type FieldErrors } from '../../field-errors';
import { ConfigRows, type ConfigRow } from './ConfigRows';

/** Runs a back-end call for a dialog: busy flag, field errors from the message, close on success. */
function useSubmit(fields: readonly string[], onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit(call: () => Promise<unknown>) {
    setBusy(true);
    setErrors({});
    try {
      await call();
      onDone();
    } catch (error) {
      setErrors(messageByField((error as Error).message, fields));
    } finally {
      setBusy(false);
    }
  }
  return { busy, errors, setErrors, submit };
}

export function EditConfigsModal({ detail, onClose }: { detail: TopicDetail; onClose(): void }) {
  const overrides = detail.configs.filter((entry) => !entry.isDefault && !entry.readOnly && !entry.sensitive);
  const [rows, setRows] = useState<ConfigRow[]>(overrides.map((entry) => ({ key: entry.name, value: entry.value ?? '' })));
  const { busy, errors, setErrors, submit } = useSubmit(['configs', 'name'], onClose);
  const save = () => {
    const set = Object.fromEntries(rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value.trim()]));
    const reset = overrides.map((entry) => entry.name).filter((name) => !(name in set));
    const args = { name: detail.summary.name, set, reset };
    const parsed = AlterTopicConfigsArgs.safeParse(args);
    if (!parsed.success) return setErrors(issuesByField(parsed.error));
    void submit(() => bridge.call('topics:alterConfigs', args));
  };
  const configError = Object.entries(errors).find(([key]) => key.startsWith('configs'))?.[1];
  return (
    <Modal
      title={`Configs of ${detail.summary.name}`}
      onClose={onClose}
      testId="edit-configs-modal"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={save}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p className="muted">Overrides of the broker defaults. Removing a row resets that config to its default; other configs are untouched.</p>
      <ConfigRows rows={rows} onChange={setRows} error={configError} />
      {errors.form && <div className="form-error">{errors.form}</div>}
    </Modal>
  );
}

export function AddPartitionsModal({ detail, onClose }: { detail: TopicDetail; onClose(): void }) {
  const [total, setTotal] = useState(String(detail.summary.partitions + 1));
  const { busy, errors, submit } = useSubmit(['totalPartitions'], onClose);
  return (
    <Modal
      title={`Add partitions to ${detail.summary.name}`}
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void submit(() => bridge.call('topics:addPartitions', { name: detail.summary.name, totalPartitions: Number(total) }))}>
            {busy ? 'Adding…' : 'Add partitions'}
          </button>
        </>
      }
    >
      <Field label="Total partitions" error={errors.totalPartitions ?? errors.form} hint={`Now ${detail.summary.partitions}. Kafka can add partitions but never remove them; keys move to other partitions.`}>
        <input type="number" min={detail.summary.partitions + 1} value={total} onChange={(event) => setTotal(event.target.value)} />
      </Field>
    </Modal>
  );
}

export function DeleteTopicModal({ name, onClose, onDeleted }: { name: string; onClose(): void; onDeleted(): void }) {
  const [typed, setTyped] = useState('');
  const { busy, errors, submit } = useSubmit(['confirmation', 'name'], onDeleted);
  return (
    <Modal
      title={`Delete ${name}?`}
      onClose={onClose}
      testId="delete-topic-modal"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="danger" disabled={busy || typed !== name} onClick={() => void submit(() => bridge.call('topics:delete', { name, confirmation: typed }))}>
            {busy ? 'Deleting…' : 'Delete topic'}
          </button>
        </>
      }
    >
      <p>Every record in this topic is deleted. This cannot be undone.</p>
      <Field label={`Type ${name} to confirm`} error={errors.confirmation ?? errors.name ?? errors.form}>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
    </Modal>
  );
}
