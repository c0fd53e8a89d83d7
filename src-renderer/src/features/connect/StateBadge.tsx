import type { ConnectorState } from '@shared/connect';

const TONE: Record<ConnectorState, string> = {
  RUNNING: 'ok',
  PAUSED: 'warn',
  STOPPED: 'warn',
  FAILED: 'bad',
  UNASSIGNED: 'warn',
  RESTARTING: 'warn',
};

/** A connector's or task's state as Connect names it. */
export function StateBadge({ state }: { state: ConnectorState }) {
  return (
    <span className={`flag ${TONE[state]}`} data-state={state}>
      {state}
    </span>
  );
}
