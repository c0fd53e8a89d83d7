import { useCallback, useState } from 'react';
import type { BrowseResult, MessageRecord } from '../../../src-shared/messages';
import { bridge } from '../bridge';
import { Field } from '../components/Modal';
import { VirtualRows } from '../components/VirtualRows';
import { bytes } from '../format';
import { SearchBar } from './SearchBar';

type Position = 'end' | 'beginning' | 'offset' | 'timestamp';
const COLUMNS = '56px 80px 160px 100px minmax(200px, 1fr) 64px';

/** JSON pretty-printed; anything else shown as it is. Always rendered as text, never as HTML. */
function prettyValue(record: MessageRecord): string {
  if (record.value === null) return '(null — tombstone)';
  if (record.valueFormat !== 'json') return record.value;
  try {
    return JSON.stringify(JSON.parse(record.value), null, 2);
  } catch {
    return record.value;
  }
}

function RecordPanel({ record, onClose }: { record: MessageRecord; onClose(): void }) {
  return (
    <aside className="record-panel" data-testid="record-panel">
      <header>
        <h2>
          Partition {record.partition} · offset {record.offset}
        </h2>
        <button className="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="record-meta">
        <dt>Timestamp</dt>
        <dd>{new Date(record.timestamp).toISOString()}</dd>
        <dt>Key</dt>
        <dd>{record.key ?? '(none)'}{record.keyEncoding === 'base64' ? ' (base64)' : ''}</dd>
        <dt>Size</dt>
        <dd>{bytes(record.sizeBytes)}</dd>
        <dt>Headers</dt>
        <dd>{record.headers.length === 0 ? '(none)' : record.headers.map((header) => `${header.key}=${header.value ?? ''}`).join(', ')}</dd>
        <dt>Value</dt>
        <dd>{record.valueFormat}</dd>
      </dl>
      <pre className="log" data-testid="record-value">{prettyValue(record)}</pre>
    </aside>
  );
}

/** Browse a topic from the beginning, the end, an offset or a time, one partition or all. */
export function MessagesPanel({ topic, partitions }: { topic: string; partitions: number }) {
  const [position, setPosition] = useState<Position>('end');
  const [amount, setAmount] = useState('50');
  const [offset, setOffset] = useState('0');
  const [time, setTime] = useState(() => new Date(Date.now() - 3_600_000).toISOString().slice(0, 16));
  const [partition, setPartition] = useState('all');
  const [result, setResult] = useState<BrowseResult | null>(null);
  const [selected, setSelected] = useState<MessageRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Search matches stream in batches; a functional update keeps every batch.
  const addMatches = useCallback((records: MessageRecord[]) => setResult((current) => ({ topic, records: [...(current?.records ?? []), ...records], partitions: [], hasMore: false })), [topic]);
  const resetForSearch = useCallback(() => {
    setSelected(null);
    setResult({ topic, records: [], partitions: [], hasMore: false });
  }, [topic]);

  async function load() {
    const from =
      position === 'end'
        ? { kind: 'end' as const, count: Number(amount) }
        : position === 'beginning'
          ? { kind: 'beginning' as const }
          : position === 'offset'
            ? { kind: 'offset' as const, offset: Number(offset) }
            : { kind: 'timestamp' as const, ms: new Date(time).getTime() };
    setBusy(true);
    try {
      setResult(await bridge.call('messages:browse', { topic, partition: partition === 'all' ? null : Number(partition), from, limit: Math.max(1, Math.min(10_000, Number(amount) * (partition === 'all' ? partitions : 1))) }));
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" data-testid="messages-panel">
      <header>
        <h2>Messages</h2>
        {result && (
          <span className="muted">
            {result.records.length} records{result.hasMore ? ' (more available)' : ''}
          </span>
        )}
      </header>
      <div className="form-row browse-form">
        <Field label="From">
          <select value={position} onChange={(event) => setPosition(event.target.value as Position)} data-testid="browse-position">
            <option value="end">the end (newest)</option>
            <option value="beginning">the beginning</option>
            <option value="offset">an offset</option>
            <option value="timestamp">a time</option>
          </select>
        </Field>
        {position === 'offset' && (
          <Field label="Offset">
            <input type="number" min={0} value={offset} onChange={(event) => setOffset(event.target.value)} />
          </Field>
        )}
        {position === 'timestamp' && (
          <Field label="Time">
            <input type="datetime-local" value={time} onChange={(event) => setTime(event.target.value)} />
          </Field>
        )}
        <Field label={position === 'end' ? 'Last N per partition' : 'Per partition'}>
          <input type="number" min={1} value={amount} onChange={(event) => setAmount(event.target.value)} />
        </Field>
        <Field label="Partition">
          <select value={partition} onChange={(event) => setPartition(event.target.value)}>
            <option value="all">all</option>
            {Array.from({ length: partitions }, (_, index) => (
              <option key={index} value={index}>
                {index}
              </option>
            ))}
          </select>
        </Field>
        <button className="primary" disabled={busy} onClick={() => void load()} data-testid="browse-load">
          {busy ? 'Reading…' : 'Read'}
        </button>
      </div>
      <SearchBar topic={topic} onMatches={addMatches} onReset={resetForSearch} />
      {error && <div className="note error">{error}</div>}
      {result && (
        <div className="messages-layout">
          <div className="vtable" data-testid="messages-table">
            <div className="vtable-head" style={{ gridTemplateColumns: COLUMNS }}>
              <span>Partition</span>
              <span>Offset</span>
              <span>Timestamp</span>
              <span>Key</span>
              <span>Value</span>
              <span className="right">Size</span>
            </div>
            <VirtualRows
              items={result.records}
              rowHeight={32}
              maxHeight={420}
              render={(record) => (
                <button key={`${record.partition}-${record.offset}`} className="vtable-row as-button" style={{ gridTemplateColumns: COLUMNS }} onClick={() => setSelected(record)} data-offset={record.offset}>
                  <span>{record.partition}</span>
                  <span>{record.offset}</span>
                  <span>{new Date(record.timestamp).toLocaleString()}</span>
                  <span>{record.key ?? '—'}</span>
                  <span className="value-preview">{record.value ?? '(null)'}</span>
                  <span className="right">{bytes(record.sizeBytes)}</span>
                </button>
              )}
            />
          </div>
          {selected && <RecordPanel record={selected} onClose={() => setSelected(null)} />}
        </div>
      )}
    </section>
  );
}
