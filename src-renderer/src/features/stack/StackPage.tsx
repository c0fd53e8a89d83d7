import { useEffect, useRef, useState } from 'react';
import { allServicesRunning, type StackServiceState, type StackStatus } from '@shared/stack';
import { useAction } from '@renderer/store';
import { Field, Modal } from '@renderer/ui/Modal';
import { bytes, elapsed } from '@renderer/format';
import { ClusterChoice, shapeOf, type ClusterShape } from './ClusterChoice';
import { ConnectPlugins } from './ConnectPlugins';
import { stackCalls, stackLogStore, stackStore, type StackView } from './stack-store';

const SERVICE_LABELS: Record<string, string> = {
  zookeeper: 'ZooKeeper',
  kafka: 'Kafka broker',
  'kafka-2': 'Kafka broker 2',
  'kafka-3': 'Kafka broker 3',
  'flink-jobmanager': 'Flink JobManager',
  'flink-taskmanager': 'Flink TaskManager',
  'flink-sql-gateway': 'Flink SQL Gateway',
  'schema-registry': 'Schema Registry',
  'kafka-connect': 'Kafka Connect',
  'kafka-ui': 'Kafka UI',
};

function useTicker(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

/** The tail of a service's log, refreshed every two seconds while open (it follows the file). */
function LogView({ service, onClose }: { service: string; onClose: () => void }) {
  const { data: log, error } = stackLogStore.use({ service });
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [log]);
  return (
    <Modal title={`${SERVICE_LABELS[service] ?? service} log`} wide onClose={onClose} footer={<button onClick={onClose}>Close</button>} testId="log-view">
      {error && <div className="note error">{error}</div>}
      {log && <div className="muted">{log.file} · following</div>}
      <pre className="log">
        {log?.lines.join('\n') || 'The log is empty.'}
        <div ref={bottom} />
      </pre>
    </Modal>
  );
}

function ResetDialog({ onClose }: { onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title="Reset the local stack's data?"
      onClose={onClose}
      testId="reset-dialog"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button
            className="danger"
            disabled={typed !== 'reset'}
            onClick={() => void stackCalls.reset(typed).then(onClose, (caught: Error) => setError(caught.message))}
          >
            Delete all data
          </button>
        </>
      }
    >
      <p>Every topic and message, consumer offset, checkpoint, savepoint and log of the local stack is deleted. Connection profiles are kept.</p>
      <Field label='Type "reset" to confirm' error={error}>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
      </Field>
    </Modal>
  );
}

function ServiceState({
  service,
  operation,
  step,
  startedAt,
}: {
  service: StackServiceState;
  operation: string;
  step?: { phase: string; message?: string; at: number };
  startedAt: number | null;
}) {
  if (operation !== 'idle' && step) {
    const waited = startedAt ? ` · ${elapsed(startedAt, step.phase === 'ready' || step.phase === 'failed' ? step.at : Date.now())}` : '';
    return (
      <span className={`phase phase-${step.phase}`}>
        {step.phase}
        {waited}
        {step.message && step.phase === 'failed' ? <pre className="log short">{step.message}</pre> : step.message ? ` — ${step.message}` : ''}
      </span>
    );
  }
  if (service.skipped && !service.running) return <Skipped service={service.name} reason={service.skipped} />;
  // a running service with no step of its own is not waiting for anything (a Connect plugin's restart touches only the worker)
  if (service.running) return <span className="phase phase-ready">{service.health ?? 'running'}</span>;
  if (operation === 'starting') return <span className="phase phase-starting">waiting</span>;
  return <span className="phase phase-stopped">stopped</span>;
}

/** A service this machine cannot run (the registry without Java 21+): the rest starts without it, and this says why. */
function Skipped({ service, reason }: { service: string; reason: string }) {
  return (
    <>
      <span className="phase phase-skipped" data-testid={`skipped-${service}`}>
        skipped
      </span>
      <div className="muted small">{reason}</div>
    </>
  );
}

/** Kafka UI is a container image only: the native backend lists it so its absence is explained, not silent. */
function KafkaUiNeedsDocker({ composeDetail }: { composeDetail: string | null }) {
  return (
    <tr data-service="kafka-ui" data-needs="docker">
      <td>{SERVICE_LABELS['kafka-ui']}</td>
      <td>
        <span className="phase phase-stopped" data-testid="kafka-ui-needs-docker">
          needs Docker
        </span>
        <div className="muted small">
          {composeDetail ? `${composeDetail.replace(/\.$/, '')}. ` : 'Switch to Docker Compose to run it. '}StreamDesk's own Topics, Messages and Consumers
          pages cover the same ground.
        </div>
      </td>
      <td>—</td>
      <td>8082</td>
      <td />
    </tr>
  );
}

/** Start (in the shape chosen), stop (this window's own, or one the back end reports) and reset. */
function StackActions({ view, status, shape, onReset }: { view: StackView; status: StackStatus; shape: ClusterShape; onReset: () => void }) {
  const { operation, startedAt } = view;
  const { run } = useAction('stack');
  const anyRunning = status.services.some((service) => service.running);
  const allRunning = allServicesRunning(status.services);
  return (
    <div className="actions">
      {anyRunning && operation === 'idle' && (
        <button onClick={() => void run(() => stackCalls.down())} data-testid="stack-stop">
          Stop stack
        </button>
      )}
      {(!allRunning || operation !== 'idle') && (
        <button className="primary" disabled={operation !== 'idle'} onClick={() => void run(() => stackCalls.up(shape))} data-testid="stack-start">
          {operation === 'starting' ? `Starting… ${startedAt ? elapsed(startedAt) : ''}` : anyRunning ? 'Start stopped services' : 'Start stack'}
        </button>
      )}
      <button className="danger" disabled={anyRunning || operation !== 'idle'} title={anyRunning ? 'Stop the stack first' : undefined} onClick={onReset}>
        Reset data
      </button>
    </div>
  );
}

/** Local JVM processes or Docker Compose. */
function BackendChoice({ status }: { status: StackStatus }) {
  const { run } = useAction('stack');
  return (
    <section className="panel backend" data-testid="stack-backend">
      <label className="check">
        <input type="radio" name="backend" checked={status.backend === 'native'} onChange={() => void run(() => stackCalls.setBackend('native'))} /> Local JVM
        processes
        <span className="muted">— ZooKeeper, Kafka, Kafka Connect, Flink and Apicurio Registry from Maven Central; no Docker needed</span>
      </label>
      <label className="check">
        <input
          type="radio"
          name="backend"
          disabled={!status.compose.available}
          checked={status.backend === 'compose'}
          onChange={() => void run(() => stackCalls.setBackend('compose'))}
        />{' '}
        Docker Compose
        <span className="muted">— {status.compose.available ? `${status.compose.detail}, with Kafka UI` : status.compose.detail}</span>
      </label>
    </section>
  );
}

function MissingJars({ jars }: { jars: string[] }) {
  if (jars.length === 0) return null;
  return (
    <div className="callout warn">
      The stack's jars are not fetched yet: the first start fetches them from Maven Central, which takes a few minutes and needs Maven 3 (<code>mvn</code>). To
      fetch them ahead, run <code>npm run jars</code>.
      <ul>
        {jars.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/** Each service's state, PID and port, with its restart and log buttons. */
function ServicesTable({ view, status, onLog }: { view: StackView; status: StackStatus; onLog: (service: string) => void }) {
  const { operation, progress, startedAt } = view;
  const { run } = useAction('stack');
  const anyRunning = status.services.some((service) => service.running);
  return (
    <table className="grid" data-testid="stack-services">
      <thead>
        <tr>
          <th>Service</th>
          <th>State</th>
          <th>PID</th>
          <th>Port</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {status.services.map((service) => (
          <tr key={service.name} data-service={service.name} data-running={service.running}>
            <td>
              {SERVICE_LABELS[service.name] ?? service.name}
              {service.name === 'kafka-connect' && <ConnectPlugins status={status} busy={operation !== 'idle'} />}
            </td>
            <td>
              <ServiceState service={service} operation={operation} step={progress[service.name]} startedAt={startedAt} />
            </td>
            <td>{service.pid ?? '—'}</td>
            <td>
              {service.port}
              {service.portHolder && (
                <div className="field-error" data-testid={`port-taken-${service.name}`}>
                  taken by {service.portHolder}
                </div>
              )}
            </td>
            <td className="right">
              {!service.running && !service.skipped && anyRunning && operation === 'idle' && status.backend === 'native' && (
                <button onClick={() => void run(() => stackCalls.restartService(service.name))} data-testid={`restart-${service.name}`}>
                  Restart
                </button>
              )}{' '}
              {status.backend === 'native' && <button onClick={() => onLog(service.name)}>Log</button>}
            </td>
          </tr>
        ))}
        {status.backend === 'native' && <KafkaUiNeedsDocker composeDetail={status.compose.available ? null : status.compose.detail} />}
      </tbody>
    </table>
  );
}

/** The local stack: its services, start and stop, the backend, logs and reset (the status is read every 5 s while shown). */
export function StackPage() {
  const { data: view, error } = stackStore.use();
  const [logFor, setLogFor] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  // the shape the next start asks for: what the stack has until the user picks another
  const [chosen, setChosen] = useState<ClusterShape | null>(null);
  const { outcome } = useAction('stack');
  const actionError = outcome?.kind === 'error' ? outcome.text : null;
  useTicker((view?.operation ?? 'idle') !== 'idle');
  const status = view?.status;
  if (!view || !status) return <div className="page-empty">Reading the local stack…</div>;
  const shape = chosen ?? shapeOf(status);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Local stack</h1>
          <div className="muted">
            {status.kraft ? 'KRaft mode' : 'ZooKeeper mode'} · {status.brokers === 1 ? 'one broker' : `${status.brokers} brokers`}
            {status.superUser ? ` · secure, super user ${status.superUser}` : ''} · data in <code>{status.dataDir}</code> ({bytes(status.dataSizeBytes)})
          </div>
        </div>
        <StackActions view={view} status={status} shape={shape} onReset={() => setResetting(true)} />
      </div>
      <BackendChoice status={status} />
      <ClusterChoice status={status} shape={shape} onChange={setChosen} />
      <MissingJars jars={status.missingJars} />
      {(actionError ?? error ?? status.lastError) && (
        <div className="callout error" data-testid="stack-error">
          <pre>{actionError ?? error ?? status.lastError}</pre>
        </div>
      )}
      <ServicesTable view={view} status={status} onLog={setLogFor} />
      {logFor && <LogView service={logFor} onClose={() => setLogFor(null)} />}
      {resetting && <ResetDialog onClose={() => setResetting(false)} />}
    </div>
  );
}
