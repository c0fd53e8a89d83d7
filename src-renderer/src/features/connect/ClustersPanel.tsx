import type { ConnectCluster } from '@shared/connect';
import { pluginsStore } from './connect-store';

/** Each Connect cluster of the connection: its version, commit, Kafka cluster id and workers (the members of its Kafka group), or why it did not answer. */
export function ClustersPanel({ clusters }: { clusters: readonly ConnectCluster[] }) {
  return (
    <section className="panel">
      <header>
        <h2>Clusters</h2>
      </header>
      <table className="grid compact" data-testid="connect-clusters">
        <thead>
          <tr>
            <th>REST URL</th>
            <th>Version</th>
            <th>Commit</th>
            <th>Kafka cluster</th>
            <th>Workers</th>
          </tr>
        </thead>
        <tbody>
          {clusters.map((cluster) => (
            <tr key={cluster.url} className={cluster.error ? 'row-bad' : undefined}>
              <td>
                <code>{cluster.url}</code>
              </td>
              {cluster.error ? (
                <td colSpan={4} className="bad">
                  Not answering: {cluster.error}
                </td>
              ) : (
                <>
                  <td>{cluster.version ?? '—'}</td>
                  <td className="muted">{cluster.commit ?? '—'}</td>
                  <td className="muted">{cluster.kafkaClusterId ?? '—'}</td>
                  <td>
                    {cluster.workers.length > 0 ? cluster.workers.join(', ') : <span className="muted">none seen</span>}
                    {cluster.groupId && <span className="muted small"> · group {cluster.groupId}</span>}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The plugins installed on one cluster's workers: class, type and version. */
export function PluginsPanel({ cluster, showUrl }: { cluster: string; showUrl: boolean }) {
  const { data: plugins, error } = pluginsStore.use({ cluster });
  return (
    <section className="panel">
      <header>
        <h2>Plugins{showUrl ? ` of ${cluster}` : ''}</h2>
        <span className="muted">{plugins ? `${plugins.length} installed` : ''}</span>
      </header>
      {error && <div className="note error">{error}</div>}
      <table className="grid compact" data-testid="connect-plugins">
        <thead>
          <tr>
            <th>Class</th>
            <th>Type</th>
            <th>Version</th>
          </tr>
        </thead>
        <tbody>
          {(plugins ?? []).map((plugin) => (
            <tr key={`${plugin.type} ${plugin.class}`}>
              <td>
                <code>{plugin.class}</code>
              </td>
              <td>{plugin.type}</td>
              <td className="muted">{plugin.version ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
