import type { ConnectHealth } from '@shared/health';
import { num } from '@renderer/format';
import { HealthTile } from './HealthTile';

/**
 * The active connection's Kafka Connect clusters: version, workers, connectors running and failed (Running, Failed), tasks
 * failed; "not configured" when it names none.
 */
export function ConnectTile({ connect }: { connect: ConnectHealth }) {
  const { details } = connect;
  const subtitle = details.urls.length <= 1 ? details.urls[0] : `${details.urls.length} clusters`;
  return (
    <HealthTile
      id="connect"
      title="Kafka Connect"
      subtitle={subtitle}
      status={connect.status}
      reason={connect.reason}
      figures={[
        { label: 'Version', value: details.version ?? '—' },
        { label: 'Workers', value: num(details.workers) },
        { label: 'Running', value: num(details.connectorsRunning) },
        { label: 'Failed', value: num(details.connectorsFailed), alarm: (details.connectorsFailed ?? 0) > 0 },
        { label: 'Tasks failed', value: num(details.tasksFailed), alarm: (details.tasksFailed ?? 0) > 0 },
      ]}
    />
  );
}
