import type { ServiceStatus } from '@shared/health';

const LABELS: Record<ServiceStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  starting: 'Starting',
  'not-configured': 'Not configured',
  unknown: 'Unknown',
};

export function StatusBadge({ status }: { status: ServiceStatus }) {
  return (
    <span className={`badge status-${status}`} data-status={status}>
      <span className="dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
