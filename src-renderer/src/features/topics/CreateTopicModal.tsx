import { useState } from 'react';
import { CreateTopicArgs, type CleanupPolicy } from '@shared/topics';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { ConfigRows, type ConfigRow } from './ConfigRows';
import { topicCalls } from './topics-store';

const FIELDS = ['name', 'partitions', 'replicationFactor', 'retentionHours', 'cleanupPolicy', 'configs'] as const;

interface RetentionProps {
  retentionHours: string;
  setRetentionHours: (hours: string) => void;
  forever: boolean;
  setForever: (forever: boolean) => void;
  error: string | undefined;
}

/** Retention in hours, or kept forever. */
function RetentionRow({ retentionHours, setRetentionHours, forever, setForever, error }: RetentionProps) {
  return (
    <div className="form-row">
      <Field label="Retention (hours)" error={error} hint={forever ? 'Records are never deleted by age' : `${(Number(retentionHours) / 24).toFixed(1)} days`}>
        <input
          name="retentionHours"
          type="number"
          min={1}
          value={forever ? '' : retentionHours}
          disabled={forever}
          onChange={(event) => setRetentionHours(event.target.value)}
        />
      </Field>
      <label className="check">
        <input type="checkbox" name="forever" checked={forever} onChange={(event) => setForever(event.target.checked)} /> Keep forever
      </label>
    </div>
  );
}

/** The seed's Create Topic modal: partitions, replicas, retention, cleanup policy, and any other config. */
export function CreateTopicModal({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState('3');
  const [replicationFactor, setReplicationFactor] = useState('1');
  const [retentionHours, setRetentionHours] = useState('168');
  const [forever, setForever] = useState(false);
  const [cleanupPolicy, setCleanupPolicy] = useState<CleanupPolicy>('delete');
  const [configs, setConfigs] = useState<ConfigRow[]>([]);
  const form = useContractForm({ fields: FIELDS });
  const { errors } = form;
  const busy = form.busy !== null;

  async function submit() {
    const args = {
      name: name.trim(),
      partitions: Number(partitions),
      replicationFactor: Number(replicationFactor),
      retentionHours: forever ? null : Number(retentionHours),
      cleanupPolicy,
      configs: Object.fromEntries(configs.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value.trim()])),
    };
    if (await form.submit(args, topicCalls.create, { schema: CreateTopicArgs })) onCreated(args.name);
  }

  const configError = form.error('configs');
  return (
    <Modal
      title="Create topic"
      testId="create-topic-modal"
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void submit()} data-testid="create-topic-submit">
            {busy ? 'Creating…' : 'Create topic'}
          </button>
        </>
      }
    >
      <form className="form-grid" onSubmit={(event) => (event.preventDefault(), void submit())}>
        <Field label="Name" error={errors.name} hint="Letters, digits, “.”, “_” and “-”; up to 249 characters">
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="stavanger_parking_events"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div className="form-row">
          <Field label="Partitions" error={errors.partitions}>
            <input name="partitions" type="number" min={1} value={partitions} onChange={(event) => setPartitions(event.target.value)} />
          </Field>
          <Field label="Replication factor" error={errors.replicationFactor} hint="At most the number of brokers">
            <input name="replicationFactor" type="number" min={1} value={replicationFactor} onChange={(event) => setReplicationFactor(event.target.value)} />
          </Field>
        </div>
        <RetentionRow
          retentionHours={retentionHours}
          setRetentionHours={setRetentionHours}
          forever={forever}
          setForever={setForever}
          error={errors.retentionHours}
        />
        <Field label="Cleanup policy" error={errors.cleanupPolicy}>
          <select name="cleanupPolicy" value={cleanupPolicy} onChange={(event) => setCleanupPolicy(event.target.value as CleanupPolicy)}>
            <option value="delete">delete — drop old segments</option>
            <option value="compact">compact — keep the latest value per key</option>
            <option value="compact,delete">compact,delete — both</option>
          </select>
        </Field>
        <ConfigRows rows={configs} onChange={setConfigs} error={configError} exclude={['retention.ms', 'cleanup.policy']} />
        {errors.form && <div className="form-error">{errors.form}</div>}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
