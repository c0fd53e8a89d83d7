import { useEffect, useRef, useState } from 'react';
import { ReplayArgs, type ReplayProgress } from '@shared/messages';
import { messageCalls } from './messages-store';
import { Field } from '@renderer/ui/Modal';
import { num } from '@renderer/format';

const localInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** How far a replay got: records read of the range, written, done or failed. */
function ReplayProgressBar({ progress }: { progress: ReplayProgress }) {
  const share = progress.total ? Math.min(1, progress.read / progress.total) : 0;
  return (
    <div className="search-progress" data-testid="replay-progress" data-done={progress.done}>
      <div className="bar">
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span>
        read {num(progress.read)} of {num(progress.total)} · <strong data-testid="replay-written">{num(progress.written)}</strong> written
        {progress.done ? (progress.error ? ` · failed: ${progress.error}` : ' · done') : ''}
      </span>
    </div>
  );
}

/**
 * The seed's "event history and replay": copies a time range of this topic into another
 * topic (keys, headers, timestamps, per-partition order), with progress.
 */
export function ReplayPanel({ topic, onClose }: { topic: string; onClose: () => void }) {
  const [target, setTarget] = useState('');
  const [from, setFrom] = useState(() => localInput(Date.now() - 3_600_000));
  const [to, setTo] = useState(() => localInput(Date.now() + 60_000));
  const [keepPartitions, setKeepPartitions] = useState(true);
  const [topics, setTopics] = useState<string[]>([]);
  const [progress, setProgress] = useState<ReplayProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const replayId = useRef<string | null>(null);

  useEffect(() => {
    void messageCalls.topicNames().then(
      (names) => setTopics(names.filter((name) => name !== topic)),
      () => undefined,
    );
    return messageCalls.onReplayProgressed((event) => event.replayId === replayId.current && setProgress(event));
  }, [topic]);

  async function start() {
    const args = { source: topic, target, fromMs: new Date(from).getTime(), toMs: new Date(to).getTime(), keepPartitions };
    const parsed = ReplayArgs.safeParse(args);
    if (!parsed.success) return setError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    setError(null);
    setProgress(null);
    try {
      replayId.current = (await messageCalls.replay(args)).replayId;
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  const running = replayId.current !== null && (progress === null || !progress.done);
  return (
    <section className="panel" data-testid="replay-panel">
      <header>
        <h2>Replay into another topic</h2>
        <button className="icon" aria-label="Close replay" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="form-row browse-form">
        <Field label="Target topic">
          <input list="replay-targets" value={target} onChange={(event) => setTarget(event.target.value)} spellCheck={false} data-testid="replay-target" />
          <datalist id="replay-targets">
            {topics.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </Field>
        <Field label="From (record time)">
          <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="replay-from" />
        </Field>
        <Field label="To (not included)">
          <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} data-testid="replay-to" />
        </Field>
        <label className="check">
          <input type="checkbox" checked={keepPartitions} onChange={(event) => setKeepPartitions(event.target.checked)} /> Same partition numbers (else by key)
        </label>
        <button className="primary" disabled={running} onClick={() => void start()} data-testid="replay-start">
          {running ? 'Replaying…' : 'Replay'}
        </button>
      </div>
      {error && <div className="note error">{error}</div>}
      {progress && <ReplayProgressBar progress={progress} />}
    </section>
  );
}
