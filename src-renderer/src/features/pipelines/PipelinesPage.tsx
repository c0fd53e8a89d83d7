import { useState } from 'react';
import { ACTIVE_JOB_STATES, type FlinkCluster, type JobSummary, type SavepointInfo } from '@shared/flink';
import type { PipelineDefinition } from '@shared/pipelines';
import { useAction } from '@renderer/store';
import { bytes, elapsed, num } from '@renderer/format';
import { hrefOf } from '@renderer/router';
import { JarsPanel } from './JarsPanel';
import { pipelineCalls, pipelinesStore } from './pipelines-store';
import { LatencyCell } from './latency';
import { SqlPipelineModal } from './SqlPipelineModal';
import { StartPipelineModal } from './StartPipelineModal';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';

type StartDialog = { pipelineName?: string; savepointPath?: string | null; resumeJobId?: string; upload?: boolean } | null;

type Act = (label: string, run: () => Promise<unknown>) => void;

function JobRow({ job, onAction, onResume }: { job: JobSummary; onAction: Act; onResume: (job: JobSummary) => void }) {
  const active = ACTIVE_JOB_STATES.includes(job.state);
  const checkpoint = job.lastCheckpoint;
  return (
    <tr data-job={job.name} data-state={job.state}>
      <td>
        <a href={hrefOf('pipelines', job.id)}>{job.name}</a>
        <div className="muted mono-small">{job.id}</div>
      </td>
      <td>
        <span className={`flag ${job.state === 'RUNNING' ? 'ok' : ['FAILED', 'FAILING', 'RESTARTING'].includes(job.state) ? 'bad' : ''}`}>{job.state}</span>
      </td>
      <td className="right">{job.parallelism ?? '—'}</td>
      <td className="right">{job.startTime ? elapsed(job.startTime) : '—'}</td>
      <td className="right">{job.recordsInPerSecond != null ? num(Math.round(job.recordsInPerSecond)) : '—'}</td>
      <td className="right">{job.recordsOutPerSecond != null ? num(Math.round(job.recordsOutPerSecond)) : '—'}</td>
      <td>
        {checkpoint ? `${checkpoint.status.toLowerCase()} ${checkpoint.ageMs != null ? `${Math.round(checkpoint.ageMs / 1000)} s ago` : ''}` : '—'}
        <div className="muted" data-testid="checkpoints-completed">
          {job.checkpointsCompleted ?? 0} completed{job.checkpointsFailed ? ` · ${job.checkpointsFailed} failed` : ''}
        </div>
      </td>
      <td className="right">{job.restarts ?? '—'}</td>
      <td className="right">
        <LatencyCell latency={job.latency} />
      </td>
      <td className="right">
        {/* two rows of buttons rather than a table wider than the page */}
        <div className="actions" style={{ justifyContent: 'flex-end', minWidth: 190 }}>
          {active && <button onClick={() => onAction('Savepoint', () => pipelineCalls.savepoint(job.id))}>Savepoint</button>}
          {active && <button onClick={() => onAction('Stop with savepoint', () => pipelineCalls.stopWithSavepoint(job.id))}>Stop</button>}
          {<button onClick={() => onResume(job)}>{active ? 'Redeploy' : 'Resume'}</button>}
          {active && (
            <ConfirmButton
              question={`Cancel ${job.name}? Its state is kept only in retained checkpoints.`}
              onConfirm={() => onAction('Cancel', () => pipelineCalls.cancelJob(job.id))}
            >
              Cancel
            </ConfirmButton>
          )}
        </div>
      </td>
    </tr>
  );
}

function ClusterHeader({
  cluster,
  canStart,
  onNewSql,
  onStart,
}: {
  cluster: FlinkCluster | null;
  canStart: boolean;
  onNewSql: () => void;
  onStart: (dialog: NonNullable<StartDialog>) => void;
}) {
  return (
    <div className="page-header">
      <div>
        <h1>Pipelines</h1>
        <div className="muted" data-testid="flink-cluster">
          {cluster
            ? `Flink ${cluster.flinkVersion ?? ''} · ${cluster.taskmanagers} TaskManager${cluster.taskmanagers === 1 ? '' : 's'} · ${cluster.slotsFree} of ${cluster.slotsTotal} slots free`
            : 'Reading Flink…'}{' '}
          {cluster && (
            <a href={cluster.dashboardUrl} target="_blank" rel="noreferrer noopener">
              Flink dashboard ↗
            </a>
          )}
        </div>
      </div>
      <div className="actions">
        <button onClick={onNewSql}>New SQL pipeline</button>
        <button onClick={() => onStart({ upload: true })} data-testid="open-upload-jar">
          Upload jar…
        </button>
        <button className="primary" onClick={() => onStart({})} data-testid="open-start-pipeline" disabled={!canStart}>
          Start pipeline
        </button>
      </div>
    </div>
  );
}

function JobsPanel({ jobs, onAction, onResume }: { jobs: JobSummary[] | null; onAction: Act; onResume: (job: JobSummary) => void }) {
  return (
    <section className="panel">
      <header>
        <h2>Jobs</h2>
      </header>
      {jobs && jobs.length === 0 ? (
        <div className="muted">No job has run on this cluster yet. Start one of the pipelines below.</div>
      ) : (
        <table className="grid compact" data-testid="jobs-table">
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th className="right">Parallelism</th>
              <th className="right">Uptime</th>
              <th className="right">In/s</th>
              <th className="right">Out/s</th>
              <th>Last checkpoint</th>
              <th className="right">Restarts</th>
              <th
                className="right"
                title="Median time from a result's event time to its arrival in the sink topic; hover a figure for exactly what it measures"
              >
                Latency
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(jobs ?? []).map((job) => (
              <JobRow key={job.id} job={job} onAction={onAction} onResume={onResume} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CatalogPanel({
  pipelines,
  onAction,
  onStart,
}: {
  pipelines: PipelineDefinition[];
  onAction: Act;
  onStart: (dialog: NonNullable<StartDialog>) => void;
}) {
  return (
    <section className="panel">
      <header>
        <h2>Catalog</h2>
      </header>
      <table className="grid compact" data-testid="pipeline-catalog">
        <tbody>
          {pipelines.map((pipeline) => (
            <tr key={pipeline.name} data-pipeline={pipeline.name}>
              <td>
                <strong>{pipeline.name}</strong> <span className="tag">{pipeline.kind === 'sql' ? 'SQL' : 'jar'}</span>
                <div className="muted">{pipeline.description}</div>
              </td>
              <td className="muted">
                {[pipeline.sourceTopic, pipeline.sinkTopic].filter(Boolean).join(' → ')}
                {pipeline.kind === 'jar' && (
                  <div className="mono-small">
                    {pipeline.entryClass ?? 'manifest entry class'} {pipeline.programArgs.join(' ')}
                  </div>
                )}
              </td>
              <td className="right actions-cell">
                <button onClick={() => onStart({ pipelineName: pipeline.name })}>Start…</button>
                {!pipeline.builtIn && (
                  <ConfirmButton
                    question={`Delete ${pipeline.name} from the catalog?${pipeline.kind === 'jar' ? ' Its jar is deleted from Flink too.' : ''}`}
                    onConfirm={() => onAction(`Delete ${pipeline.name}`, () => pipelineCalls.delete(pipeline.name))}
                  >
                    Delete
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SavepointsPanel({
  savepoints,
  onAction,
  onStart,
}: {
  savepoints: SavepointInfo[];
  onAction: Act;
  onStart: (dialog: NonNullable<StartDialog>) => void;
}) {
  return (
    <section className="panel">
      <header>
        <h2>Savepoints</h2>
      </header>
      {savepoints.length === 0 ? (
        <div className="muted">No savepoint yet.</div>
      ) : (
        <table className="grid compact" data-testid="savepoints">
          <tbody>
            {savepoints.map((savepoint) => (
              <tr key={savepoint.path}>
                <td>
                  <code className="path">{savepoint.path}</code>
                </td>
                <td className="muted">{savepoint.createdAt ? new Date(savepoint.createdAt).toLocaleString() : ''}</td>
                <td className="right">{bytes(savepoint.sizeBytes)}</td>
                <td className="right actions-cell">
                  <button onClick={() => onStart({ savepointPath: savepoint.path })}>Start from it…</button>
                  <ConfirmButton
                    question="Dispose of this savepoint? It is deleted."
                    onConfirm={() => onAction('Dispose', () => pipelineCalls.disposeSavepoint(savepoint.path))}
                  >
                    Dispose
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Flink: the cluster, its jobs, the pipeline catalog and the savepoints, with every operation. */
export function PipelinesPage() {
  const { data, error } = pipelinesStore.use();
  const { cluster = null, jobs = null, pipelines = [], savepoints = [] } = data ?? {};
  const { outcome: note, run, report } = useAction('pipelines');
  const [starting, setStarting] = useState<StartDialog>(null);
  const [editing, setEditing] = useState(false);
  const act: Act = (label, call) => void run(call, { label, refresh: [pipelinesStore] });
  const resume = (target: JobSummary) =>
    setStarting({ pipelineName: target.pipelineName ?? pipelines.find((p) => p.name === target.name)?.name ?? pipelines[0]?.name, resumeJobId: target.id });

  return (
    <div className="page">
      <ClusterHeader cluster={cluster} canStart={pipelines.length > 0} onNewSql={() => setEditing(true)} onStart={setStarting} />
      {error && <div className="callout error">{error}</div>}
      {note && (
        <div className={`note ${note.kind === 'error' ? 'error' : 'ok'}`} data-testid="pipeline-note">
          {note.text}
        </div>
      )}
      <JobsPanel jobs={jobs} onAction={act} onResume={resume} />
      <CatalogPanel pipelines={pipelines} onAction={act} onStart={setStarting} />
      <JarsPanel onAction={act} onUpload={() => setStarting({ upload: true })} />
      <SavepointsPanel savepoints={savepoints} onAction={act} onStart={setStarting} />
      {starting && (
        <StartPipelineModal
          pipelines={pipelines}
          cluster={cluster}
          initial={starting}
          onClose={() => setStarting(null)}
          onCatalogChanged={() => void pipelinesStore.refresh()}
          onStarted={(result) => {
            setStarting(null);
            report({
              kind: result.warning ? 'error' : 'ok',
              text: `Started ${result.pipelineName} as job ${result.jobId}${result.warning ? ` — ${result.warning}` : ''}`,
            });
            void pipelinesStore.refresh();
          }}
        />
      )}
      {editing && <SqlPipelineModal onClose={() => setEditing(false)} onSaved={() => (setEditing(false), void pipelinesStore.refresh())} />}
    </div>
  );
}
