import { useState } from 'react';
import type { TopicDetail } from '@shared/topics';
import { AlterTopicConfigsArgs } from '@shared/topics';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { ConfigRows, type ConfigRow } from './ConfigRows';
import { topicCalls } from './topics-store';

export function EditConfigsModal({ detail, onClose }: { detail: TopicDetail; onClose: () => void }) {
  const overrides = detail.configs.filter((entry) => !entry.isDefault && !entry.readOnly && !entry.sensitive);
  const [rows, setRows] = useState<ConfigRow[]>(overrides.map((entry) => ({ key: entry.name, value: entry.value ?? '' })));
  const form = useContractForm({ fields: ['configs', 'name'] });
  const busy = form.busy !== null;
  const save = async () => {
    const set = Object.fromEntries(rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value.trim()]));
    const reset = overrides.map((entry) => entry.name).filter((name) => !(name in set));
    const args = { name: detail.summary.name, set, reset };
    if (await form.submit(args, topicCalls.alterConfigs, { schema: AlterTopicConfigsArgs })) onClose();
  };
  const configError = form.error('configs');
  return (
    <Modal
      title={`Configs of ${detail.summary.name}`}
      onClose={onClose}
      testId="edit-configs-modal"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p className="muted">Overrides of the broker defaults. Removing a row resets that config to its default; other configs are untouched.</p>
      <ConfigRows rows={rows} onChange={setRows} error={configError} />
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </Modal>
  );
}

export function AddPartitionsModal({ detail, onClose }: { detail: TopicDetail; onClose: () => void }) {
  const [total, setTotal] = useState(String(detail.summary.partitions + 1));
  const form = useContractForm({ fields: ['totalPartitions'] });
  const busy = form.busy !== null;
  const add = async () => (await form.submit({ name: detail.summary.name, totalPartitions: Number(total) }, topicCalls.addPartitions)) && onClose();
  return (
    <Modal
      title={`Add partitions to ${detail.summary.name}`}
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void add()}>
            {busy ? 'Adding…' : 'Add partitions'}
          </button>
        </>
      }
    >
      <Field
        label="Total partitions"
        error={form.error('totalPartitions') ?? form.error('form')}
        hint={`Now ${detail.summary.partitions}. Kafka can add partitions but never remove them; keys move to other partitions.`}
      >
        <input type="number" min={detail.summary.partitions + 1} value={total} onChange={(event) => setTotal(event.target.value)} />
      </Field>
    </Modal>
  );
}

export function DeleteTopicModal({ name, onClose, onDeleted }: { name: string; onClose: () => void; onDeleted: () => void }) {
  const [typed, setTyped] = useState('');
  const form = useContractForm({ fields: ['confirmation', 'name'] });
  const busy = form.busy !== null;
  const remove = async () => (await form.submit({ name, confirmation: typed }, topicCalls.delete)) && onDeleted();
  return (
    <Modal
      title={`Delete ${name}?`}
      onClose={onClose}
      testId="delete-topic-modal"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="danger" disabled={busy || typed !== name} onClick={() => void remove()}>
            {busy ? 'Deleting…' : 'Delete topic'}
          </button>
        </>
      }
    >
      <p>Every record in this topic is deleted. This cannot be undone.</p>
      <Field label={`Type ${name} to confirm`} error={form.error('confirmation') ?? form.error('name') ?? form.error('form')}>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
    </Modal>
  );
}
