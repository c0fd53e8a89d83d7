import { useCallback, useState } from 'react';
import { exportFile } from '../../../../src-shared/message-export';
import type { BrowseResult, ExportFormat, MessageRecord } from '../../../../src-shared/messages';
import { messageCalls } from './messages-store';
import { Field } from '../../ui/Modal';
import { VirtualRows } from '../../ui/VirtualRows';
import { bytes, num } from '../../format';
import { downloadFile } from './download';
import { RecordPanel } from './RecordPanel';
import { ReplayPanel } from './ReplayPanel';
import { TAIL_MAX_ROWS, useLiveTail } from './use-live-tail';
import { ProduceModal, type ProduceDraft } from './ProduceModal';
import { SearchBar } from './SearchBar';

type Position = 'end' | 'beginning' | 'offset' | 'timestamp';
const COLUMNS = '56px 80px 160px 100px minmax(200px, 1fr) 64px';

/** Browse a topic from the beginning, the end, an offset or a time, one partition or all; tail it live; export, copy, edit, replay. */
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
  const [draft, setDraft] = useState<ProduceDraft | null>(null);
  const [replaying, setReplaying] = useState(false);
  const tail = useLiveTail(topic, partition === 'all' ? null : Number(partition));
  const rows = tail.active ? tail.rows : (result?.records ?? []);
  const exportRows = (format: ExportFormat) => downloadFile(exportFile(topic, rows, format));
  // Search matches stream in batches; a functional update keeps every batch.
  const addMatches = useCallback((records: MessageRecord[]) => setResult((current) => ({ topic, records: [...(current?.records ?? []), ...records], partitions: [], hasMore: false })), [topic]);
  const stopTail = tail.stop;
  const resetForSearch = useCallback(() => {
    stopTail();
    setSelected(null);
    setResult({ topic, records: [], partitions: [], hasMore: false });
  }, [topic, stopTail]);

  async function load() {
    const from =
      position === 'end'
        ? { kind: 'end' as const, count: Number(amount) }
        : position === 'beginning'
          ? { kind: 'beginning' as const }
          : position === 'offset'
            ? { kind: 'offset' as const, offset: Number(offset) }
            : { kind: 'timestamp' as const, ms: new Date(time).getTime() };
    tail.stop();
    setBusy(true);
    try {
      setResult(await messageCalls.browse({ topic, partition: partition === 'all' ? null : Number(partition), from, limit: Math.max(1, Math.min(10_000, Number(amount) * (partition === 'all' ? partitions : 1))) }));
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
        {tail.active ? (
          <span className="muted" data-testid="tail-status">
            {tail.paused ? 'Paused' : tail.ready ? 'Live' : 'Starting…'} · {num(tail.received)} new record{tail.received === 1 ? '' : 's'}
            {tail.received > TAIL_MAX_ROWS ? ` (newest ${num(TAIL_MAX_ROWS)} shown)` : ''}
          </span>
        ) : (
          result && (
            <span className="muted">
              {result.records.length} records{result.hasMore ? ' (more available)' : ''}
            </span>
          )
        )}
        <div className="toolbar">
          <button disabled={rows.length === 0} onClick={() => exportRows('jsonl')} title="Download the rows shown (the matches after a search) as JSON Lines" data-testid="export-jsonl">
            Export JSONL
          </button>
          <button disabled={rows.length === 0} onClick={() => exportRows('csv')} title="Download the rows shown (the matches after a search) as CSV" data-testid="export-csv">
            Export CSV
          </button>
          <button onClick={() => setReplaying(!replaying)} data-testid="replay-open">
            Replay…
          </button>
        </div>
      </header>
      {replaying && <ReplayPanel topic={topic} onClose={() => setReplaying(false)} />}
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
        {!tail.active ? (
          <button onClick={() => (setSelected(null), tail.start())} data-testid="tail-start">
            <span className="live-dot" style={{ display: 'inline-block' }} /> Live tail
          </button>
        ) : (
          <>
            {tail.paused ? (
              <button onClick={tail.resume} data-testid="tail-resume">
                Resume
              </button>
            ) : (
              <button onClick={tail.pause} data-testid="tail-pause">
                <span className="live-dot on" style={{ display: 'inline-block' }} /> Pause
              </button>
            )}
            <button onClick={tail.stop} data-testid="tail-stop">
              Stop
            </button>
          </>
        )}
      </div>
      <SearchBar topic={topic} onMatches={addMatches} onReset={resetForSearch} />
      {error && <div className="note error">{error}</div>}
      {tail.error && <div className="note error">Live tail: {tail.error} (retrying)</div>}
      {(result || tail.active) && (
        <div className="messages-layout">
          <div className="vtable" data-testid="messages-table" data-mode={tail.active ? 'tail' : 'browse'}>
            <div className="vtable-head" style={{ gridTemplateColumns: COLUMNS }}>
              <span>Partition</span>
              <span>Offset</span>
              <span>Timestamp</span>
              <span>Key</span>
              <span>Value</span>
              <span className="right">Size</span>
            </div>
            <VirtualRows
              items={rows}
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
          {selected && <RecordPanel key={`${selected.partition}-${selected.offset}`} topic={topic} record={selected} onClose={() => setSelected(null)} onEdit={setDraft} />}
        </div>
      )}
      {draft && <ProduceModal topic={topic} partitions={partitions} initial={draft} onClose={() => setDraft(null)} />}
    </section>
  );
}
