import type { BrokerSummary, LogDir } from '@shared/brokers';
import { bytes, num } from '@renderer/format';
import { hrefOf } from '@renderer/router';

/** A log dir: what its partitions hold, and its volume's free and total space. */
function LogDirCell({ dir }: { dir: LogDir }) {
  const usedShare = dir.totalBytes && dir.usableBytes !== null ? 1 - dir.usableBytes / dir.totalBytes : null;
  return (
    <div className="log-dir" title={dir.path}>
      <code>{dir.path}</code>
      <div className="muted">
        {bytes(dir.sizeBytes)} in {num(dir.partitions)} partition{dir.partitions === 1 ? '' : 's'} · {bytes(dir.usableBytes)} free of {bytes(dir.totalBytes)}
        {usedShare !== null && ` (${Math.round(usedShare * 100)}% used)`}
      </div>
    </div>
  );
}

/** Each broker: where it listens, its rack, the partitions it leads and the replicas it holds, its log dirs. */
export function BrokersTable({ brokers, selected }: { brokers: BrokerSummary[]; selected: number | null }) {
  return (
    <table className="grid compact" data-testid="brokers-table">
      <thead>
        <tr>
          <th>Broker</th>
          <th>Host</th>
          <th>Rack</th>
          <th className="right">Leaders</th>
          <th className="right">Replicas</th>
          <th>Log dirs</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {brokers.map((broker) => (
          <tr key={broker.id} data-testid={`broker-${broker.id}`} className={broker.id === selected ? 'row-selected' : undefined}>
            <td>
              #{broker.id} {broker.isController && <span className="flag ok">controller</span>}
            </td>
            <td>
              {broker.host}:{broker.port}
            </td>
            <td>{broker.rack ?? '—'}</td>
            <td className="right">{num(broker.leaders)}</td>
            <td className="right">{num(broker.replicas)}</td>
            <td>
              {broker.logDirsError ? (
                <span className="field-error">{broker.logDirsError}</span>
              ) : (
                broker.logDirs.map((dir) => <LogDirCell key={dir.path} dir={dir} />)
              )}
            </td>
            <td>
              <a href={hrefOf('brokers', String(broker.id))}>Configs</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
