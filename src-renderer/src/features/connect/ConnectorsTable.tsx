import { useState } from 'react';
import type { ConnectorSummary } from '@shared/connect';
import { hrefOf } from '@renderer/router';
import { StateBadge } from './StateBadge';
import { connectorHref } from './connect-route';

const count = (connector: ConnectorSummary, state: string) => connector.tasks.filter((task) => task.state === state).length;

const failing = (connector: ConnectorSummary) => connector.state === 'FAILED' || connector.tasks.some((task) => task.state === 'FAILED');

function matches(connector: ConnectorSummary, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [connector.name, connector.className, connector.state, connector.type, connector.cluster, ...connector.topics].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

function ConnectorRow({ connector, showCluster }: { connector: ConnectorSummary; showCluster: boolean }) {
  return (
    <tr data-connector={connector.name} className={failing(connector) ? 'row-bad' : undefined}>
      <td>
        <a href={connectorHref(connector)}>{connector.name}</a>
      </td>
      {showCluster && <td className="muted">{connector.cluster}</td>}
      <td>
        {connector.type} <span className="muted small">{connector.className.split('.').pop()}</span>
      </td>
      <td>
        <StateBadge state={connector.state} />
      </td>
      <td className="right">{count(connector, 'RUNNING')}</td>
      <td className={`right${count(connector, 'FAILED') > 0 ? ' bad' : ''}`}>{count(connector, 'FAILED')}</td>
      <td className="right">{count(connector, 'PAUSED')}</td>
      <td>
        {connector.topics.map((topic, index) => (
          <span key={topic}>
            {index > 0 && ', '}
            <a href={hrefOf('topics', topic)}>{topic}</a>
          </span>
        ))}
      </td>
    </tr>
  );
}

/** Every connector, FAILED connectors and tasks first (as the back end orders them), with a filter on name, class, state, type and topics. */
export function ConnectorsTable({ connectors, clusters }: { connectors: readonly ConnectorSummary[]; clusters: number }) {
  const [filter, setFilter] = useState('');
  const shown = connectors.filter((connector) => matches(connector, filter));
  return (
    <section className="panel">
      <header>
        <h2>Connectors</h2>
        <input
          type="search"
          placeholder="Filter: name, class, state, topic…"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="connectors-filter"
        />
      </header>
      <table className="grid compact" data-testid="connectors-table">
        <thead>
          <tr>
            <th>Name</th>
            {clusters > 1 && <th>Cluster</th>}
            <th>Type</th>
            <th>State</th>
            <th className="right">Tasks running</th>
            <th className="right">Failed</th>
            <th className="right">Paused</th>
            <th>Topics</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((connector) => (
            <ConnectorRow key={`${connector.cluster} ${connector.name}`} connector={connector} showCluster={clusters > 1} />
          ))}
        </tbody>
      </table>
      {connectors.length === 0 && <div className="muted">No connector yet: create one with New connector.</div>}
      {connectors.length > 0 && shown.length === 0 && <div className="muted">No connector matches “{filter}”.</div>}
    </section>
  );
}
