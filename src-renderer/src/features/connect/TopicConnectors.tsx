import { overviewStore } from './connect-store';
import { StateBadge } from './StateBadge';
import { connectorHref } from './connect-route';

/** On a topic's page: the connectors that read or write it, each linking to its detail (nothing when none does). */
export function TopicConnectors({ topic }: { topic: string }) {
  // Read once and on each connector change; the topic page does not poll Connect every 3 s.
  const connectors = overviewStore.use(undefined, { poll: false }).data?.connectors.filter((connector) => connector.topics.includes(topic)) ?? [];
  if (connectors.length === 0) return null;
  return (
    <section className="panel" data-testid="topic-connectors">
      <header>
        <h2>Connectors</h2>
        <span className="muted">{connectors.length} use this topic</span>
      </header>
      <table className="grid compact">
        <tbody>
          {connectors.map((connector) => (
            <tr key={`${connector.cluster} ${connector.name}`}>
              <td>
                <a href={connectorHref(connector)}>{connector.name}</a>
              </td>
              <td>{connector.type === 'sink' ? 'reads it (sink)' : connector.type === 'source' ? 'writes it (source)' : connector.type}</td>
              <td>
                <StateBadge state={connector.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
