import { Field } from '@renderer/ui/Modal';
import type { BrowseQuery, Position } from './use-browse';
import type { LiveTail } from './use-live-tail';

/** Start, pause, resume and stop the live tail. */
function TailControls({ tail, onStart }: { tail: LiveTail; onStart: () => void }) {
  if (!tail.active) {
    return (
      <button onClick={onStart} data-testid="tail-start">
        <span className="live-dot" style={{ display: 'inline-block' }} /> Live tail
      </button>
    );
  }
  return (
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
  );
}

/** Where to read from, how many, which partition; Read, and the live tail's buttons. */
export function BrowseForm({
  query,
  partitions,
  busy,
  onLoad,
  tail,
  onTailStart,
}: {
  query: BrowseQuery;
  partitions: number;
  busy: boolean;
  onLoad: () => void;
  tail: LiveTail;
  onTailStart: () => void;
}) {
  const { position } = query;
  return (
    <div className="form-row browse-form">
      <Field label="From">
        <select value={position} onChange={(event) => query.setPosition(event.target.value as Position)} data-testid="browse-position">
          <option value="end">the end (newest)</option>
          <option value="beginning">the beginning</option>
          <option value="offset">an offset</option>
          <option value="timestamp">a time</option>
        </select>
      </Field>
      {position === 'offset' && (
        <Field label="Offset">
          <input type="number" min={0} value={query.offset} onChange={(event) => query.setOffset(event.target.value)} />
        </Field>
      )}
      {position === 'timestamp' && (
        <Field label="Time">
          <input type="datetime-local" value={query.time} onChange={(event) => query.setTime(event.target.value)} />
        </Field>
      )}
      <Field label={position === 'end' ? 'Last N per partition' : 'Per partition'}>
        <input type="number" min={1} value={query.amount} onChange={(event) => query.setAmount(event.target.value)} />
      </Field>
      <Field label="Partition">
        <select value={query.partition} onChange={(event) => query.setPartition(event.target.value)}>
          <option value="all">all</option>
          {Array.from({ length: partitions }, (_, index) => (
            <option key={index} value={index}>
              {index}
            </option>
          ))}
        </select>
      </Field>
      <button className="primary" disabled={busy} onClick={onLoad} data-testid="browse-load">
        {busy ? 'Reading…' : 'Read'}
      </button>
      <TailControls tail={tail} onStart={onTailStart} />
    </div>
  );
}
