import { useCallback, useState } from 'react';
import { exportFile } from '@shared/message-export';
import type { BrowseResult, ExportFormat, MessageRecord } from '@shared/messages';
import { num } from '@renderer/format';
import { downloadFile } from './download';
import { RecordPanel } from './RecordPanel';
import { ReplayPanel } from './ReplayPanel';
import { DecodeSettingsPanel } from './DecodeSettingsPanel';
import { TAIL_MAX_ROWS, useLiveTail, type LiveTail } from './use-live-tail';
import { ProduceModal, type ProduceDraft } from './ProduceModal';
import { SearchBar, type TopicScale } from './SearchBar';
import { BrowseForm } from './BrowseForm';
import { MessagesTable } from './MessagesTable';
import { partitionOf, useBrowse, useBrowseQuery } from './use-browse';

/** The panel's title, what is shown (live tail or the read's count), export and replay. */
function MessagesHeader({
  tail,
  result,
  canExport,
  onExport,
  onToggleReplay,
  onToggleDecoding,
}: {
  tail: LiveTail;
  result: BrowseResult | null;
  canExport: boolean;
  onExport: (format: ExportFormat) => void;
  onToggleReplay: () => void;
  onToggleDecoding: () => void;
}) {
  return (
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
            {result.records.length} {result.records.length === 1 ? 'record' : 'records'}
            {result.hasMore ? ' (more available)' : ''}
          </span>
        )
      )}
      <div className="toolbar">
        <button
          disabled={!canExport}
          onClick={() => onExport('jsonl')}
          title="Download the rows shown (the matches after a search) as JSON Lines"
          data-testid="export-jsonl"
        >
          Export JSONL
        </button>
        <button
          disabled={!canExport}
          onClick={() => onExport('csv')}
          title="Download the rows shown (the matches after a search) as CSV"
          data-testid="export-csv"
        >
          Export CSV
        </button>
        <button onClick={onToggleDecoding} title="How keys and values are decoded (Schema Registry, or an override)" data-testid="decoding-open">
          Decoding…
        </button>
        <button onClick={onToggleReplay} data-testid="replay-open">
          Replay…
        </button>
      </div>
    </header>
  );
}

/** Browse a topic from the beginning, the end, an offset or a time, one partition or all; tail it live; export, copy, edit, replay. */
export function MessagesPanel({ topic, partitions, scale }: { topic: string; partitions: number; scale?: TopicScale }) {
  const query = useBrowseQuery();
  const [selected, setSelected] = useState<MessageRecord | null>(null);
  const [draft, setDraft] = useState<ProduceDraft | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [decoding, setDecoding] = useState(false);
  const tail = useLiveTail(topic, partitionOf(query.partition));
  const { result, setResult, error, busy, load } = useBrowse(topic, partitions, query, tail.stop);
  const rows = tail.active ? tail.rows : (result?.records ?? []);
  const exportRows = (format: ExportFormat) => downloadFile(exportFile(topic, rows, format));
  // Search matches stream in batches; a functional update keeps every batch.
  const addMatches = useCallback(
    (records: MessageRecord[]) => setResult((current) => ({ topic, records: [...(current?.records ?? []), ...records], partitions: [], hasMore: false })),
    [topic, setResult],
  );
  const stopTail = tail.stop;
  const resetForSearch = useCallback(() => {
    stopTail();
    setSelected(null);
    setResult({ topic, records: [], partitions: [], hasMore: false });
  }, [topic, stopTail, setResult]);

  return (
    <section className="panel" data-testid="messages-panel">
      <MessagesHeader
        tail={tail}
        result={result}
        canExport={rows.length > 0}
        onExport={exportRows}
        onToggleReplay={() => setReplaying(!replaying)}
        onToggleDecoding={() => setDecoding(!decoding)}
      />
      {decoding && <DecodeSettingsPanel topic={topic} onClose={() => setDecoding(false)} onSaved={() => result && !tail.active && void load()} />}
      {replaying && <ReplayPanel topic={topic} onClose={() => setReplaying(false)} />}
      <BrowseForm
        query={query}
        partitions={partitions}
        busy={busy}
        onLoad={() => void load()}
        tail={tail}
        onTailStart={() => (setSelected(null), tail.start())}
      />
      <SearchBar topic={topic} scale={scale} onMatches={addMatches} onReset={resetForSearch} />
      {error && <div className="note error">{error}</div>}
      {tail.error && <div className="note error">Live tail: {tail.error} (retrying)</div>}
      {(result || tail.active) && (
        <div className="messages-layout">
          <MessagesTable rows={rows} mode={tail.active ? 'tail' : 'browse'} onSelect={setSelected} />
          {selected && (
            <RecordPanel key={`${selected.partition}-${selected.offset}`} topic={topic} record={selected} onClose={() => setSelected(null)} onEdit={setDraft} />
          )}
        </div>
      )}
      {draft && <ProduceModal topic={topic} partitions={partitions} initial={draft} onClose={() => setDraft(null)} />}
    </section>
  );
}
