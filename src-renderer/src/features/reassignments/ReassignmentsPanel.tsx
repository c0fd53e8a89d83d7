import { useState } from 'react';
import type { ReassignmentsProgress } from '@shared/reassignments';
import { bytes, elapsed } from '@renderer/format';
import { useAction } from '@renderer/store';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';
import { ElectLeadersModal } from './ElectLeadersModal';
import { InFlightTable } from './InFlightTable';
import { reassignmentCalls, reassignmentsStore } from './reassignments-store';

/** Per topic in flight: how much is left, its throttle, and its cancel. */
function TopicLines({ progress, cancel }: { progress: ReassignmentsProgress; cancel: (topic?: string) => void }) {
  const topics = [...new Set(progress.inFlight.map((p) => p.topic))];
  return (
    <ul>
      {topics.map((topic) => {
        const partitions = progress.inFlight.filter((p) => p.topic === topic);
        const throttle = progress.throttles.find((t) => t.topic === topic);
        return (
          <li key={topic} data-testid={`reassigning-${topic}`}>
            <b>{topic}</b>: {partitions.length} partition{partitions.length === 1 ? '' : 's'},{' '}
            {bytes(partitions.reduce((sum, p) => sum + (p.bytesToGo ?? 0), 0))} to copy
            {throttle ? `, throttled to ${bytes(throttle.bytesPerSec)}/s` : ''}{' '}
            <ConfirmButton
              question={`Cancel the reassignment of ${topic}? Its partitions go back to their replicas from before.`}
              onConfirm={() => cancel(topic)}
            >
              Cancel
            </ConfirmButton>
          </li>
        );
      })}
    </ul>
  );
}

/** Every reassignment in flight in the cluster (whoever started it), with cancel; and preferred leader election for the cluster. */
export function ReassignmentsPanel() {
  const { data, error } = reassignmentsStore.use();
  const { run, outcome } = useAction('reassignments');
  const [electing, setElecting] = useState(false);
  const cancel = (topic?: string) =>
    void run(() => reassignmentCalls.cancel(topic ? { topic } : {}), {
      label: topic ? `Cancel the reassignment of ${topic}` : 'Cancel every reassignment',
      refresh: [reassignmentsStore],
    });
  const recent = (data?.finished ?? []).filter((f) => !data?.inFlight.some((p) => p.topic === f.topic));
  return (
    <section className="panel" data-testid="reassignments-panel">
      <header>
        <h2>Reassignments</h2>
        <div className="actions">
          {(data?.inFlight.length ?? 0) > 0 && (
            <ConfirmButton question="Cancel every reassignment in flight? Their partitions go back to their replicas from before." onConfirm={() => cancel()}>
              Cancel all
            </ConfirmButton>
          )}
          <button onClick={() => setElecting(true)} data-testid="open-elect-cluster">
            Elect preferred leaders…
          </button>
        </div>
      </header>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      {error && <div className="callout error">{data ? `Could not refresh: ${error}` : error}</div>}
      {data && data.inFlight.length === 0 && <div className="muted">No reassignment in flight. Start one from a topic’s page (Reassign partitions).</div>}
      {data && data.inFlight.length > 0 && (
        <>
          <TopicLines progress={data} cancel={cancel} />
          <InFlightTable partitions={data.inFlight} showTopic testId="reassignments-table" />
        </>
      )}
      {recent.length > 0 && (
        <ul className="muted">
          {recent.map((f) => (
            <li key={f.topic}>
              {f.topic}: {f.outcome} {elapsed(f.finishedAt)} ago
            </li>
          ))}
        </ul>
      )}
      {electing && <ElectLeadersModal onClose={() => setElecting(false)} />}
    </section>
  );
}
