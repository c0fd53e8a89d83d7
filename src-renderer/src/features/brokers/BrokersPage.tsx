import { BrokersTable } from './BrokersTable';
import { BrokerConfigsPanel } from './BrokerConfigsPanel';
import { QuorumPanel } from './QuorumPanel';
import { brokersStore } from './brokers-store';
import { ReassignmentsPanel } from '../reassignments/ReassignmentsPanel';

/** The brokers, the metadata quorum, and the configs of the broker named in the route (`#/brokers/1`). */
export function BrokersPage({ brokerId }: { brokerId: string | null }) {
  const { data, error } = brokersStore.use();
  const selected = brokerId !== null && /^\d+$/.test(brokerId) ? Number(brokerId) : null;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Brokers</h1>
          <div className="muted" data-testid="brokers-summary">
            {data
              ? `${data.brokers.length} broker${data.brokers.length === 1 ? '' : 's'} · ${data.mode === 'kraft' ? 'KRaft' : 'ZooKeeper mode'} · active controller ${data.controllerId === null ? 'unknown' : `#${data.controllerId}`}${data.clusterId ? ` · cluster ${data.clusterId}` : ''}`
              : 'Reading the brokers…'}
          </div>
        </div>
      </div>
      {error && <div className="callout error">{data ? `Could not refresh: ${error}` : error}</div>}
      {data && (
        <section className="panel">
          <BrokersTable brokers={data.brokers} selected={selected} />
        </section>
      )}
      <ReassignmentsPanel />
      <QuorumPanel />
      {selected !== null && <BrokerConfigsPanel key={selected} brokerId={selected} />}
    </div>
  );
}
