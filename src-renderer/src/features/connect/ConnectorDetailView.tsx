import { Fragment, useState } from 'react';
import type { ConnectorDetail } from '@shared/connect';
import type { ConnectorAt } from './connect-route';
import { hrefOf } from '@renderer/router';
import { connectorStore } from './connect-store';
import { StateBadge } from './StateBadge';
import { Trace } from './TracePanel';
import { ConnectorOperations } from './ConnectorOperations';
import { OffsetsPanel } from './OffsetsPanel';
import { ConnectorFormModal } from './ConnectorFormModal';

function TasksPanel({ detail }: { detail: ConnectorDetail }) {
  return (
    <section className="panel">
      <header>
        <h2>Tasks</h2>
        <span className="muted">{detail.tasks.length}</span>
      </header>
      {detail.trace && <Trace trace={detail.trace} label="The connector failed" />}
      <table className="grid compact" data-testid="connector-tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>State</th>
            <th>Worker</th>
          </tr>
        </thead>
        <tbody>
          {detail.tasks.map((task) => (
            <Fragment key={task.id}>
              <tr data-task={task.id} className={task.state === 'FAILED' ? 'row-bad' : undefined}>
                <td>{task.id}</td>
                <td>
                  <StateBadge state={task.state} />
                </td>
                <td>{task.workerId}</td>
              </tr>
              {task.trace && (
                <tr className="row-bad">
                  <td colSpan={3}>
                    <Trace trace={task.trace} label={`Task ${task.id} failed`} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {detail.tasks.length === 0 && <div className="muted">No task runs ({detail.state === 'STOPPED' ? 'stopped' : 'none assigned yet'}).</div>}
    </section>
  );
}

function ConfigPanel({ detail, onEdit }: { detail: ConnectorDetail; onEdit: () => void }) {
  return (
    <section className="panel">
      <header>
        <h2>Config</h2>
        <button onClick={onEdit} data-testid="edit-connector">
          Edit config
        </button>
      </header>
      <table className="grid compact" data-testid="connector-config">
        <tbody>
          {Object.entries(detail.config)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => (
              <tr key={key}>
                <td>
                  <code>{key}</code>
                </td>
                <td className="mono-small">{value}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

function Header({ detail }: { detail: ConnectorDetail }) {
  return (
    <div className="page-header">
      <div>
        <h1 data-testid="connector-title">
          {detail.name} <StateBadge state={detail.state} />
        </h1>
        <div className="muted">
          {detail.type} · <code>{detail.className}</code> · on {detail.workerId || '—'} · {detail.cluster}
          {detail.workerVersion ? ` (Connect ${detail.workerVersion})` : ''}
        </div>
        <div data-testid="connector-topics">
          Topics:{' '}
          {detail.topics.length === 0
            ? '—'
            : detail.topics.map((topic, index) => (
                <span key={topic}>
                  {index > 0 && ', '}
                  <a href={hrefOf('topics', topic)}>{topic}</a>
                </span>
              ))}
        </div>
      </div>
    </div>
  );
}

/** One connector: its state, each task's state, worker and trace, its topics, config, the operations and its offsets. */
export function ConnectorDetailView({ connector }: { connector: ConnectorAt }) {
  const ref = { cluster: connector.cluster, name: connector.name };
  const { data: detail, error } = connectorStore.use(ref);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <a href={hrefOf('connect')}>← Kafka Connect</a>
      {!detail && <div className="page-empty">{error ?? 'Loading…'}</div>}
      {detail && (
        <>
          <Header detail={detail} />
          {error && <div className="callout error">Could not refresh: {error}</div>}
          <ConnectorOperations detail={detail} />
          <TasksPanel detail={detail} />
          <ConfigPanel detail={detail} onEdit={() => setEditing(true)} />
          <OffsetsPanel detail={detail} />
          {editing && <ConnectorFormModal clusters={[detail.cluster]} existing={detail} onClose={() => setEditing(false)} />}
        </>
      )}
    </>
  );
}
