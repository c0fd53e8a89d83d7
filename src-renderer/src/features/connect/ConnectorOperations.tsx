import { useState } from 'react';
import type { ConnectorDetail } from '@shared/connect';
import type { ConnectorAt } from './connect-route';
import { useAction } from '@renderer/store';
import { connectCalls, connectorStore, overviewStore } from './connect-store';
import { needsVersion } from './connect-versions';
import { restartAsked, restartOutcome, type RestartVariant } from './restart-text';
import { DeleteConnectorModal } from './DeleteConnectorModal';

const RESTARTS: { label: string; variant: RestartVariant; testId: string }[] = [
  { label: 'Restart connector', variant: { includeTasks: false, onlyFailed: false }, testId: 'restart-connector' },
  { label: 'Restart with tasks', variant: { includeTasks: true, onlyFailed: false }, testId: 'restart-all' },
  { label: 'Restart failed', variant: { includeTasks: true, onlyFailed: true }, testId: 'restart-failed' },
];

/** Runs a restart; its answer (the states once settled) replaces the detail at once, so no stale state is shown. */
function useRestart(ref: ConnectorAt) {
  const action = useAction('connect-connector');
  const restart = (variant: RestartVariant) =>
    action.run(() => connectCalls.restart({ ...ref, ...variant }), {
      label: `Restarting ${restartAsked(variant)}`,
      busyLabel: 'restart',
      done: (result) => {
        const current = connectorStore.get(ref).data;
        if (current) connectorStore.set(ref, { ...current, ...result.after });
        const failed = result.after.state === 'FAILED' || result.after.tasks.some((task) => task.state === 'FAILED');
        return { kind: failed || !result.settled ? 'error' : 'ok', text: restartOutcome(result) };
      },
      refresh: [overviewStore],
    });
  return { ...action, restart };
}

/** Pause, resume, the three restarts, stop (Connect ≥ 3.5) and delete, with what each did. */
export function ConnectorOperations({ detail }: { detail: ConnectorDetail }) {
  const ref = { cluster: detail.cluster, name: detail.name };
  const { outcome, busy, run, restart } = useRestart(ref);
  const [deleting, setDeleting] = useState(false);
  const simple = (label: string, call: (ref: ConnectorAt) => Promise<unknown>) => () =>
    void run(() => call(ref), { label, refresh: [connectorStore, overviewStore] });
  const stopBlocked = needsVersion(detail.workerVersion, 3, 5, 'Stop');
  const { state } = detail;
  return (
    <section className="panel" data-testid="connector-operations">
      <div className="toolbar">
        <button
          disabled={busy !== null || state === 'PAUSED' || state === 'STOPPED'}
          onClick={simple('Pause', connectCalls.pause)}
          data-testid="connector-pause"
        >
          Pause
        </button>
        <button
          disabled={busy !== null || (state !== 'PAUSED' && state !== 'STOPPED')}
          onClick={simple('Resume', connectCalls.resume)}
          data-testid="connector-resume"
        >
          Resume
        </button>
        <span className="segmented">
          {RESTARTS.map(({ label, variant, testId }) => (
            <button key={testId} disabled={busy !== null} onClick={() => void restart(variant)} data-testid={testId}>
              {label}
            </button>
          ))}
        </span>
        <button
          disabled={busy !== null || stopBlocked !== null || state === 'STOPPED'}
          title={stopBlocked ?? 'Stops the connector and its tasks and keeps no task config: needed to alter or reset offsets'}
          onClick={simple('Stop', connectCalls.stop)}
          data-testid="connector-stop"
        >
          Stop
        </button>
        <span className="spacer" />
        <button className="danger" onClick={() => setDeleting(true)} data-testid="connector-delete">
          Delete
        </button>
      </div>
      {stopBlocked && <div className="muted small">{stopBlocked}</div>}
      {outcome && (
        <div
          className={`note ${outcome.kind === 'error' ? 'error' : outcome.kind === 'ok' ? 'ok' : ''}`}
          data-testid="connector-outcome"
          data-kind={outcome.kind}
        >
          {outcome.text}
        </div>
      )}
      {deleting && <DeleteConnectorModal connector={ref} onClose={() => setDeleting(false)} />}
    </section>
  );
}
