import { lazy, Suspense } from 'react';
import { bytes, num } from '@renderer/format';
import { hrefOf } from '@renderer/router';
import { LatencyPanel } from './latency';
import { jobStore } from './pipelines-store';

/** recharts is loaded with the first job page, not with the app. */
const CheckpointHistoryChart = lazy(() => import('./CheckpointHistoryChart'));

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

type Job = NonNullable<ReturnType<typeof jobStore.get>['data']>;

/** Each operator's parallelism, status, rates, busy ratio and backpressure. */
function VerticesPanel({ job }: { job: Job }) {
  return (
    <section className="panel">
      <header>
        <h2>Vertices</h2>
      </header>
      <table className="grid compact" data-testid="vertices">
        <thead>
          <tr>
            <th>Operator</th>
            <th className="right">Parallelism</th>
            <th>Status</th>
            <th className="right">In/s</th>
            <th className="right">Out/s</th>
            <th className="right">Busy</th>
            <th>Backpressure</th>
          </tr>
        </thead>
        <tbody>
          {job.vertices.map((vertex) => (
            <tr key={vertex.id}>
              <td>{vertex.name}</td>
              <td className="right">{vertex.parallelism}</td>
              <td>{vertex.status}</td>
              <td className="right">{vertex.metrics.recordsInPerSecond != null ? num(Math.round(vertex.metrics.recordsInPerSecond)) : '—'}</td>
              <td className="right">{vertex.metrics.recordsOutPerSecond != null ? num(Math.round(vertex.metrics.recordsOutPerSecond)) : '—'}</td>
              <td className="right">{pct(vertex.metrics.busyRatio)}</td>
              <td>
                <span
                  className={`flag ${vertex.backpressure === 'high' ? 'bad' : vertex.backpressure === 'low' ? 'warn' : vertex.backpressure === 'ok' ? 'ok' : ''}`}
                >
                  {vertex.backpressure}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Recent checkpoints: the chart, then the last 15 in a table. */
function CheckpointsPanel({ job }: { job: Job }) {
  return (
    <section className="panel">
      <header>
        <h2>Checkpoints</h2>
      </header>
      {job.checkpoints.history.length > 0 && (
        <Suspense fallback={<div className="chart-empty">Loading the chart…</div>}>
          <CheckpointHistoryChart history={job.checkpoints.history} />
        </Suspense>
      )}
      <table className="grid compact">
        <thead>
          <tr>
            <th>#</th>
            <th>Status</th>
            <th>Triggered</th>
            <th className="right">Duration</th>
            <th className="right">Size</th>
            <th>Path</th>
          </tr>
        </thead>
        <tbody>
          {job.checkpoints.history.slice(0, 15).map((checkpoint) => (
            <tr key={checkpoint.id}>
              <td>
                {checkpoint.id}
                {checkpoint.isSavepoint ? ' (savepoint)' : ''}
              </td>
              <td>{checkpoint.status}</td>
              <td className="muted">{checkpoint.triggeredAt ? new Date(checkpoint.triggeredAt).toLocaleTimeString() : '—'}</td>
              <td className="right">{checkpoint.durationMs != null ? `${num(checkpoint.durationMs)} ms` : '—'}</td>
              <td className="right">{bytes(checkpoint.sizeBytes)}</td>
              <td>
                <code className="path">{checkpoint.externalPath ?? ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The latest exceptions and the job's configuration. */
function ExceptionsAndConfiguration({ job }: { job: Job }) {
  return (
    <>
      <section className="panel">
        <header>
          <h2>Exceptions</h2>
        </header>
        {job.exceptions.length === 0 ? (
          <div className="muted">None.</div>
        ) : (
          job.exceptions.slice(0, 10).map((entry, index) => (
            <details key={index}>
              <summary>
                {entry.timestamp ? new Date(entry.timestamp).toLocaleString() : ''} {entry.taskName ? `· ${entry.taskName}` : ''} — {entry.message}
              </summary>
              <pre className="log">{entry.stacktrace}</pre>
            </details>
          ))
        )}
      </section>
      <section className="panel">
        <header>
          <h2>Configuration</h2>
        </header>
        <table className="grid compact">
          <tbody>
            {Object.entries(job.configuration).map(([key, value]) => (
              <tr key={key}>
                <td>
                  <code>{key}</code>
                </td>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** One Flink job: vertices with their metrics and backpressure, checkpoints, exceptions, configuration. */
export function JobDetailPage({ jobId }: { jobId: string }) {
  const { data: job, error } = jobStore.use({ jobId });
  if (!job)
    return (
      <div className="page">
        <a href={hrefOf('pipelines')}>← Pipelines</a>
        <div className="page-empty">{error ?? 'Loading…'}</div>
      </div>
    );
  return (
    <div className="page">
      <a href={hrefOf('pipelines')}>← Pipelines</a>
      <div className="page-header">
        <div>
          <h1>{job.name}</h1>
          <div className="muted">
            {job.state}
            {job.pipelineName && job.pipelineName !== job.name ? ` · pipeline ${job.pipelineName}` : ''} · parallelism {job.parallelism ?? '—'} ·{' '}
            {job.checkpoints.completed} checkpoints completed, {job.checkpoints.failed} failed · {job.restarts ?? 0} restarts ·{' '}
            <a href={job.dashboardUrl} target="_blank" rel="noreferrer noopener">
              Open in Flink's dashboard ↗
            </a>
          </div>
        </div>
      </div>
      {error && <div className="callout error">Could not refresh: {error}</div>}
      <LatencyPanel latency={job.latency} />
      <VerticesPanel job={job} />
      <CheckpointsPanel job={job} />
      <ExceptionsAndConfiguration job={job} />
    </div>
  );
}
