import { useEffect, useRef, useState } from 'react';
import type { MessageRecord, SearchProgress } from '@shared/messages';
import { messageCalls } from './messages-store';
import { Field } from '@renderer/ui/Modal';
import { num } from '@renderer/format';

/** How far a search got: scanned (of how many), rate, matches, and how it ended. */
function SearchProgressBar({ progress }: { progress: SearchProgress }) {
  const share = progress.total ? Math.min(1, progress.scanned / progress.total) : 0;
  return (
    <div className="search-progress" data-testid="search-progress" data-done={progress.done}>
      <div className="bar">
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span>
        scanned {num(progress.scanned)}
        {progress.total ? ` of ${num(progress.total)}` : ''} · {num(Math.round(progress.ratePerSec))}/s ·{' '}
        <strong data-testid="search-matched">{num(progress.matched)}</strong> matched
        {progress.done ? (progress.cancelled ? ' · cancelled' : progress.stoppedAtLimit ? ' · stopped at the match limit' : ' · done') : ''}
        {progress.error ? ` · ${progress.error}` : ''}
        {progress.cluster
          ? ` · on the Flink cluster: ${progress.cluster.parallelism} reader(s) for ${progress.cluster.partitions} partition(s)` +
            (progress.cluster.parallelism < progress.cluster.partitions ? `, capped by ${progress.cluster.freeSlots} free slot(s)` : '')
          : ''}
      </span>
    </div>
  );
}

/** The topic's size as its page knows it (null: unknown). */
export interface TopicScale {
  records: number | null;
  bytes: number | null;
}

/** Over these a full scan is suggested to run on the Flink cluster (its readers scale with TaskManagers). */
const SUGGEST_RECORDS = 50_000_000;
const SUGGEST_BYTES = 10 * 1024 ** 3;

function ClusterSuggestion({ scale, onAccept }: { scale: TopicScale; onAccept: () => void }) {
  const large = (scale.records ?? 0) > SUGGEST_RECORDS || (scale.bytes ?? 0) > SUGGEST_BYTES;
  if (!large) return null;
  return (
    <div className="note" data-testid="search-cluster-suggestion">
      A full scan reads {num(scale.records ?? 0)} records{scale.bytes ? ` (${(scale.bytes / 1024 ** 3).toFixed(1)} GB)` : ''}: the Flink cluster can scan it
      with one reader per partition.{' '}
      <button onClick={onAccept} data-testid="search-cluster-accept">
        Run on the Flink cluster
      </button>
    </div>
  );
}

function WhereField({ where, onChange }: { where: 'local' | 'cluster'; onChange: (where: 'local' | 'cluster') => void }) {
  return (
    <Field label="Run on">
      <select value={where} onChange={(event) => onChange(event.target.value as 'local' | 'cluster')} data-testid="search-where">
        <option value="local">this back end</option>
        <option value="cluster">the Flink cluster</option>
      </select>
    </Field>
  );
}

/** The filter's text inputs: a field-path expression, and text the value contains. */
function TextFields(p: { expression: string; contains: string; onExpression: (text: string) => void; onContains: (text: string) => void }) {
  return (
    <>
      <Field label="Expression">
        <input
          value={p.expression}
          onChange={(event) => p.onExpression(event.target.value)}
          placeholder='value.garage == "Kyrre" && value.free < 10'
          spellCheck={false}
          className="mono-input"
          data-testid="search-expression"
        />
      </Field>
      <Field label="Value contains">
        <input value={p.contains} onChange={(event) => p.onContains(event.target.value)} data-testid="search-contains" />
      </Field>
    </>
  );
}

/**
 * Search a topic: a field-path expression and/or text in the value, over the last N per
 * partition or the whole topic; matches stream in, with scanned count, rate and cancel.
 */
export function SearchBar({
  topic,
  scale,
  onMatches,
  onReset,
}: {
  topic: string;
  scale?: TopicScale;
  onMatches: (records: MessageRecord[]) => void;
  onReset: () => void;
}) {
  const [where, setWhere] = useState<'local' | 'cluster'>('local');
  const [expression, setExpression] = useState('');
  const [contains, setContains] = useState('');
  const [scope, setScope] = useState<'bounded' | 'full'>('bounded');
  const [perPartition, setPerPartition] = useState('10000');
  const [progress, setProgress] = useState<SearchProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchId = useRef<string | null>(null);
  useEffect(() => {
    const offProgress = messageCalls.onSearchProgressed((next) => next.searchId === searchId.current && setProgress(next));
    const offMatches = messageCalls.onSearchMatched((batch) => batch.searchId === searchId.current && onMatches(batch.records));
    return () => {
      offProgress();
      offMatches();
      if (searchId.current) void messageCalls.cancelSearch(searchId.current);
    };
  }, [onMatches]);

  async function start() {
    onReset();
    setError(null);
    setProgress(null);
    try {
      const started = await messageCalls.search({
        topic,
        from: scope === 'full' ? { kind: 'beginning' } : { kind: 'end', count: Number(perPartition) },
        filter: { ...(expression.trim() ? { expression: expression.trim() } : {}), ...(contains ? { value: { mode: 'contains', pattern: contains } } : {}) },
        where,
      });
      searchId.current = started.searchId;
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  const running = progress !== null && !progress.done;
  return (
    <div className="search-bar" data-testid="search-bar">
      <div className="form-row browse-form">
        <TextFields expression={expression} contains={contains} onExpression={setExpression} onContains={setContains} />
        <Field label="Scan">
          <select value={scope} onChange={(event) => setScope(event.target.value as 'bounded' | 'full')} data-testid="search-scope">
            <option value="bounded">last N per partition</option>
            <option value="full">the whole topic</option>
          </select>
        </Field>
        {scope === 'bounded' && (
          <Field label="N">
            <input type="number" min={1} value={perPartition} onChange={(event) => setPerPartition(event.target.value)} />
          </Field>
        )}
        <WhereField where={where} onChange={setWhere} />
        {running ? (
          <button onClick={() => searchId.current && void messageCalls.cancelSearch(searchId.current)}>Cancel</button>
        ) : (
          <button className="primary" onClick={() => void start()} data-testid="search-start">
            Search
          </button>
        )}
      </div>
      {scale && scope === 'full' && where === 'local' && <ClusterSuggestion scale={scale} onAccept={() => setWhere('cluster')} />}
      {error && <div className="note error">{error}</div>}
      {progress && <SearchProgressBar progress={progress} />}
    </div>
  );
}
