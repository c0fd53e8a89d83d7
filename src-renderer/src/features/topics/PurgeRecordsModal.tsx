import { useState } from 'react';
import type { PurgeRecordsResult, TopicDetail } from '@shared/topics';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { topicCalls } from './topics-store';

type Before = 'offset' | 'timestamp';

/** The purge's preview: per partition, what is kept now, where it starts after, and how many records go. */
function PurgePreview({ result }: { result: PurgeRecordsResult }) {
  return (
    <table className="grid compact" data-testid="purge-preview">
      <thead>
        <tr>
          <th>Partition</th>
          <th>First offset now</th>
          <th>First offset after</th>
          <th>End</th>
          <th>Records that go</th>
        </tr>
      </thead>
      <tbody>
        {result.partitions.map((p) => (
          <tr key={p.partition}>
            <td>{p.partition}</td>
            <td>{p.lowWatermark.toLocaleString('en-US')}</td>
            <td>{p.newLowWatermark.toLocaleString('en-US')}</td>
            <td>{p.highWatermark.toLocaleString('en-US')}</td>
            <td className={p.removed > 0 ? 'warn' : 'muted'}>{p.removed.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The purge's own arguments from what the form holds (a blank partition list: all of them). */
function purgeArgs(name: string, kind: Before, value: string, partitions: string) {
  const list = partitions
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return {
    name,
    before: kind === 'offset' ? { offset: value === '' ? Number.NaN : Number(value) } : { timestamp: value === '' ? Number.NaN : new Date(value).getTime() },
    ...(list.length > 0 ? { partitions: list.map(Number) } : {}),
  };
}

/** DeleteRecords: the records before an offset or a time go from the chosen partitions; a preview first, then the typed name. */
export function PurgeRecordsModal({ detail, onClose }: { detail: TopicDetail; onClose: () => void }) {
  const name = detail.summary.name;
  const [kind, setKind] = useState<Before>('offset');
  const [value, setValue] = useState('');
  const [partitions, setPartitions] = useState('');
  const [typed, setTyped] = useState('');
  const [preview, setPreview] = useState<PurgeRecordsResult | null>(null);
  const form = useContractForm({ fields: ['before.offset', 'before.timestamp', 'partitions', 'confirmation'] });
  const busy = form.busy !== null;
  const changed = (apply: () => void) => (apply(), setPreview(null));
  const run = async (dryRun: boolean) => {
    const result = await form.submit({ ...purgeArgs(name, kind, value, partitions), dryRun, ...(dryRun ? {} : { confirmation: typed }) }, topicCalls.purge);
    if (!result) return;
    setPreview(result);
    if (!dryRun) onClose();
  };
  return (
    <Modal
      title={`Purge records of ${name}`}
      onClose={onClose}
      testId="purge-modal"
      wide
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button disabled={busy} onClick={() => void run(true)} data-testid="purge-preview-button">
            Preview
          </button>
          <button className="danger" disabled={busy || !preview || typed !== name} onClick={() => void run(false)} data-testid="purge-apply">
            {busy ? 'Purging…' : `Purge ${preview ? preview.removed.toLocaleString('en-US') : ''} records`}
          </button>
        </>
      }
    >
      <p className="muted">Kafka deletes every record before the point you choose (DeleteRecords). They cannot be brought back.</p>
      <div className="form-row">
        <Field label="Delete records before">
          <select value={kind} onChange={(event) => changed(() => (setKind(event.target.value as Before), setValue('')))}>
            <option value="offset">an offset</option>
            <option value="timestamp">a time</option>
          </select>
        </Field>
        {kind === 'offset' ? (
          <Field label="Offset" error={form.error('before.offset')}>
            <input type="number" min={0} value={value} onChange={(event) => changed(() => setValue(event.target.value))} data-testid="purge-offset" />
          </Field>
        ) : (
          <Field label="Time" error={form.error('before.timestamp')}>
            <input type="datetime-local" value={value} onChange={(event) => changed(() => setValue(event.target.value))} />
          </Field>
        )}
        <Field label="Partitions" error={form.error('partitions')} hint={`Blank: all ${detail.summary.partitions}. Else e.g. 0, 2`}>
          <input value={partitions} placeholder="all" onChange={(event) => changed(() => setPartitions(event.target.value))} />
        </Field>
      </div>
      {preview && <PurgePreview result={preview} />}
      {preview && (
        <Field label={`Type ${name} to purge ${preview.removed.toLocaleString('en-US')} records`} error={form.error('confirmation')}>
          <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} data-testid="purge-confirm" />
        </Field>
      )}
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </Modal>
  );
}
