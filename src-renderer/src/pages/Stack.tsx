import { useEffect, useState } from 'react';
import { elapsed } from '../format';
import { useStack } from '../stores/stack-store';

const SERVICE_LABELS: Record<string, string> = {
  zookeeper: 'ZooKeeper',
  kafka: 'Kafka broker',
  'flink-jobmanager': 'Flink JobManager',
  'flink-taskmanager': 'Flink TaskManager',
  'flink-sql-gateway': 'Flink SQL Gateway',
};

function useTicker(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

export function Stack() {
  const { status, progress, operation, startedAt, error, up, down, load } = useStack();
  useTicker(operation !== 'idle');
  useEffect(() => {
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load]);
  if (!status) return <div className="page-empty">Reading the local stack…</div>;
  const anyRunning = status.services.some((service) => service.running);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Local stack</h1>
          <div className="muted">
            Native backend (local JVM processes) · {status.kraft ? 'KRaft mode' : 'ZooKeeper mode'} · data in <code>{status.dataDir}</code>
          </div>
        </div>
        <div className="actions">
          {anyRunning && operation === 'idle' ? (
            <button onClick={() => void down()}>Stop stack</button>
          ) : (
            <button className="primary" disabled={operation !== 'idle' || status.missingJars.length > 0} onClick={() => void up()}>
              {operation === 'starting' ? `Starting… ${startedAt ? elapsed(startedAt) : ''}` : 'Start stack'}
            </button>
          )}
        </div>
      </div>
      {status.missingJars.length > 0 && (
        <div className="callout warn">
          The stack's jars are not fetched yet. Run <code>npm run jars</code> once (Maven downloads them from Maven Central).
          <ul>
            {status.missingJars.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {(error ?? status.lastError) && (
        <div className="callout error" data-testid="stack-error">
          <pre>{error ?? status.lastError}</pre>
        </div>
      )}
      <table className="grid" data-testid="stack-services">
        <thead>
          <tr>
            <th>Service</th>
            <th>State</th>
            <th>PID</th>
            <th>Port</th>
            <th>Log</th>
          </tr>
        </thead>
        <tbody>
          {status.services.map((service) => {
            const step = progress[service.name];
            return (
              <tr key={service.name} data-service={service.name}>
                <td>{SERVICE_LABELS[service.name] ?? service.name}</td>
                <td>
                  {operation !== 'idle' && step ? (
                    <span className={`phase phase-${step.phase}`}>{step.phase}{step.message ? ` — ${step.message}` : ''}</span>
                  ) : (
                    <span className={service.running ? 'phase phase-ready' : 'phase phase-stopped'}>{service.running ? 'running' : 'stopped'}</span>
                  )}
                </td>
                <td>{service.pid ?? '—'}</td>
                <td>{service.port}</td>
                <td>
                  <code className="path">{service.logFile}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
