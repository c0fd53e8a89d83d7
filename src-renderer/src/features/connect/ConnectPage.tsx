import { useState } from 'react';
import { hrefOf } from '@renderer/router';
import { useAction } from '@renderer/store';
import { overviewStore } from './connect-store';
import { connectorOfParam } from './connect-route';
import { ClustersPanel, PluginsPanel } from './ClustersPanel';
import { ConnectorsTable } from './ConnectorsTable';
import { ConnectorDetailView } from './ConnectorDetailView';
import { ConnectorFormModal } from './ConnectorFormModal';

/** Kafka Connect: the clusters, their plugins and connectors; `param` opens one connector (`name@cluster`). */
export function ConnectPage({ param }: { param: string | null }) {
  const ref = param ? connectorOfParam(param) : null;
  return (
    <div className="page" data-testid="connect-page">
      {ref ? <ConnectorDetailView key={`${ref.cluster} ${ref.name}`} connector={ref} /> : <ConnectOverview />}
      {param && !ref && <div className="callout error">Not a connector address: {param}</div>}
    </div>
  );
}

function ConnectOverview() {
  const { data, error } = overviewStore.use();
  const { outcome } = useAction('connect');
  const [creating, setCreating] = useState(false);
  const answering = (data?.clusters ?? []).filter((cluster) => cluster.error === null);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Kafka Connect</h1>
          <div className="muted">
            {data
              ? `${data.clusters.length} cluster${data.clusters.length === 1 ? '' : 's'} · ${data.connectors.length} connectors`
              : error
                ? 'Not read'
                : 'Loading…'}
          </div>
        </div>
        <div className="actions">
          <button className="primary" disabled={answering.length === 0} onClick={() => setCreating(true)} data-testid="new-connector">
            New connector
          </button>
        </div>
      </div>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      {error && <div className="callout error">{data ? `Showing the last answer: ${error}` : error}</div>}
      {data?.clusters.length === 0 && (
        <div className="callout warn" data-testid="connect-unconfigured">
          <h2>No Kafka Connect cluster to show</h2>
          <p className="muted">
            Name a Connect REST URL in the active connection&apos;s <a href={hrefOf('profiles')}>profile</a>, or start the local stack&apos;s worker on the{' '}
            <a href={hrefOf('stack')}>Stack</a> page.
          </p>
        </div>
      )}
      {data && data.clusters.length > 0 && (
        <>
          <ConnectorsTable connectors={data.connectors} clusters={data.clusters.length} />
          <ClustersPanel clusters={data.clusters} />
          {answering.map((cluster) => (
            <PluginsPanel key={cluster.url} cluster={cluster.url} showUrl={answering.length > 1} />
          ))}
        </>
      )}
      {creating && <ConnectorFormModal clusters={answering.map((cluster) => cluster.url)} onClose={() => setCreating(false)} />}
    </>
  );
}
