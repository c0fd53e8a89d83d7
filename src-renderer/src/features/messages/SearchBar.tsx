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
      </span>
    </div>
  );
}

/**
 * Search a topic: a field-path expression and/or text in the value, over the last N per
 * partition or the whole topic; matches stream in, with scanned count, rate and cancel.
 */
export function SearchBar({ topic, onMatches, onReset }: { topic: string; onMatches: (records: MessageRecord[]) => void; onReset: () => void }) {
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
        <Field label="Expression">
          <input
            value={expression}
            onChange={(event) => setExpression(event.target.value)}
            placeholder='value.garage == "Kyrre" && value.free < 10'
            spellCheck={false}
            className="mono-input"
            data-testid="search-expression"
          />
        </Field>
        <Field label="Value contains">
          <input value={contains} onChange={(event) => setContains(event.target.value)} data-testid="search-contains" />
        </Field>
        <Field label="Scan">
          <select value={scope} onChange={(event) => setScope(event.target.value as 'bounded' | 'full')}>
            <option value="bounded">last N per partition</option>
            <option value="full">the whole topic</option>
          </select>
        </Field>
        {scope === 'bounded' && (
          <Field label="N">
            <input type="number" min={1} value={perPartition} onChange={(event) => setPerPartition(event.target.value)} />
          </Field>
        )}
        {running ? (
          <button onClick={() => searchId.current && void messageCalls.cancelSearch(searchId.current)}>Cancel</button>
        ) : (
          <button className="primary" onClick={() => void start()} data-testid="search-start">
            Search
          </button>
        )}
      </div>
      {error && <div className="note error">{error}</div>}
      {progress && <SearchProgressBar progress={progress} />}
    </div>
  );
}
