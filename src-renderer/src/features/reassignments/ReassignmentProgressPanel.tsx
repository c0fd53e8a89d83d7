import { bytes, elapsed } from '@renderer/format';
import { useAction } from '@renderer/store';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';
import { InFlightTable } from './InFlightTable';
import { reassignmentCalls, reassignmentsStore } from './reassignments-store';

/** The topic's reassignment while it runs (live, from `reassignments:changed`), with cancel; then how it ended. */
export function ReassignmentProgressPanel({ topic }: { topic: string }) {
  const { data, error } = reassignmentsStore.use();
  const { run, outcome } = useAction(`reassignment:${topic}`);
  const partitions = data?.inFlight.filter((p) => p.topic === topic) ?? [];
  const finished = data?.finished.find((f) => f.topic === topic);
  const throttle = data?.throttles.find((t) => t.topic === topic);
  if (partitions.length === 0 && !finished) return null;
  const toGo = partitions.reduce((sum, p) => sum + (p.bytesToGo ?? 0), 0);
  return (
    <section className="panel" data-testid="reassignment-progress">
      <header>
        <h2>Reassignment</h2>
        {partitions.length > 0 && (
          <ConfirmButton
            question={`Cancel the reassignment of ${topic}? Its partitions go back to the replicas they had before.`}
            onConfirm={() => run(() => reassignmentCalls.cancel({ topic }), { label: `Cancel the reassignment of ${topic}`, refresh: [reassignmentsStore] })}
          >
            Cancel reassignment
          </ConfirmButton>
        )}
      </header>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      {error && <div className="callout error">Could not refresh: {error}</div>}
      {partitions.length > 0 ? (
        <>
          <p data-testid="reassignment-status">
            In progress: {partitions.length} partition{partitions.length === 1 ? '' : 's'} moving, {bytes(toGo)} still to copy
            {throttle ? ` · throttled to ${bytes(throttle.bytesPerSec)}/s on brokers ${throttle.brokers.map((id) => `#${id}`).join(', ')}` : ''}
            {data?.readAt ? <span className="muted"> · read {elapsed(data.readAt)} ago</span> : null}
          </p>
          <InFlightTable partitions={partitions} showTopic={false} testId="reassignment-partitions" />
        </>
      ) : (
        finished && (
          <p className={finished.outcome === 'done' ? 'ok' : 'warn'} data-testid="reassignment-status">
            {finished.outcome === 'done' ? 'Done' : 'Cancelled'} {elapsed(finished.finishedAt)} ago. Replicas now:{' '}
            {Object.entries(finished.replicas)
              .map(([partition, replicas]) => `partition ${partition} on ${replicas.join(', ')}`)
              .join('; ')}
            {throttle ? '' : '. No throttle left.'}
          </p>
        )
      )}
    </section>
  );
}
