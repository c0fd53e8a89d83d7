import { useEffect, useState } from 'react';
import type { FlinkCluster, SavepointInfo } from '../../../src-shared/flink';
import { StartPipelineArgs, type CheckpointingMode, type PipelineDefinition, type StartPipelineResult } from '../../../src-shared/pipelines';
import { bridge } from '../bridge';
import { Field, Modal } from '../components/Modal';
import { issuesByField, messageByField, type FieldErrors } from '../field-errors';

const FIELDS = ['pipelineName', 'parallelism', 'checkpointIntervalMs', 'checkpointingMode', 'savepointPath', 'allowNonRestoredState'] as const;

interface Props {
  pipelines: PipelineDefinition[];
  cluster: FlinkCluster | null;
  initial?: { pipelineName?: string; savepointPath?: string | null; resumeJobId?: string };
  onClose(): void;
  onStarted(result: StartPipelineResult): void;
}

/** The seed's Start Pipeline modal: parallelism and checkpoint settings, optionally from a savepoint. */
export function StartPipelineModal({ pipelines, cluster, initial, onClose, onStarted }: Props) {
  const [pipelineName, setPipelineName] = useState(initial?.pipelineName ?? pipelines[0]?.name ?? '');
  const [parallelism, setParallelism] = useState('1');
  const [checkpointing, setCheckpointing] = useState(true);
  const [interval, setInterval] = useState('10000');
  const [mode, setMode] = useState<CheckpointingMode>('exactly-once');
  const [savepointPath, setSavepointPath] = useState(initial?.savepointPath ?? '');
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  const [savepoints, setSavepoints] = useState<SavepointInfo[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    bridge.call('flink:savepoints', {}).then(setSavepoints, () => setSavepoints([]));
  }, []);
  const wanted = Number(parallelism);
  const overSlots = cluster !== null && Number.isInteger(wanted) && wanted > cluster.slotsFree;

  async function submit() {
    const args = {
      pipelineName,
      parallelism: wanted,
      checkpointIntervalMs: checkpointing ? Number(interval) : null,
      checkpointingMode: mode,
      savepointPath: savepointPath.trim() === '' ? null : savepointPath.trim(),
      allowNonRestoredState: allowNonRestored,
    };
    const parsed = StartPipelineArgs.safeParse(args);
    if (!parsed.success) return setErrors(issuesByField(parsed.error));
    setBusy(true);
    setErrors({});
    try {
      const result = initial?.resumeJobId
        ? await bridge.call('pipelines:resume', { jobId: initial.resumeJobId, pipelineName, parallelism: args.parallelism, checkpointIntervalMs: args.checkpointIntervalMs, checkpointingMode: mode, allowNonRestoredState: allowNonRestored, ...(args.savepointPath ? { savepointPath: args.savepointPath } : {}) })
        : await bridge.call('pipelines:start', args);
      onStarted(result);
    } catch (error) {
      setErrors(messageByField((error as Error).message, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={initial?.resumeJobId ? 'Resume pipeline' : 'Start pipeline'}
      testId="start-pipeline-modal"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy || pipelines.length === 0} onClick={() => void submit()} data-testid="start-pipeline-submit">
            {busy ? 'Submitting to Flink…' : initial?.resumeJobId ? 'Resume' : 'Start'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="Pipeline" error={errors.pipelineName}>
          <select value={pipelineName} onChange={(event) => setPipelineName(event.target.value)} name="pipelineName" disabled={Boolean(initial?.resumeJobId)}>
            {pipelines.map((pipeline) => (
              <option key={pipeline.name} value={pipeline.name}>
                {pipeline.name} ({pipeline.kind === 'sql' ? 'SQL' : 'jar'}){pipeline.description ? ` — ${pipeline.description.slice(0, 60)}` : ''}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-row">
          <Field
            label="Parallelism"
            error={errors.parallelism}
            hint={cluster ? (overSlots ? `Only ${cluster.slotsFree} of ${cluster.slotsTotal} slots are free: the job will wait for slots` : `${cluster.slotsFree} of ${cluster.slotsTotal} slots free`) : undefined}
          >
            <input type="number" min={1} name="parallelism" value={parallelism} onChange={(event) => setParallelism(event.target.value)} className={overSlots ? 'warn' : undefined} />
          </Field>
          <Field label="Checkpoint interval (ms)" error={errors.checkpointIntervalMs}>
            <input type="number" min={100} name="checkpointIntervalMs" value={checkpointing ? interval : ''} disabled={!checkpointing} onChange={(event) => setInterval(event.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={checkpointing} onChange={(event) => setCheckpointing(event.target.checked)} /> Checkpointing
          </label>
        </div>
        <Field label="Checkpointing mode" error={errors.checkpointingMode}>
          <select value={mode} onChange={(event) => setMode(event.target.value as CheckpointingMode)} disabled={!checkpointing}>
            <option value="exactly-once">exactly-once</option>
            <option value="at-least-once">at-least-once</option>
          </select>
        </Field>
        <Field label="Restore from savepoint (optional)" error={errors.savepointPath} hint={initial?.resumeJobId ? 'Empty: stop the running job with a savepoint, or use its latest one' : undefined}>
          <input list="savepoint-paths" value={savepointPath} onChange={(event) => setSavepointPath(event.target.value)} placeholder="file:///…/savepoints/savepoint-…" spellCheck={false} />
          <datalist id="savepoint-paths">
            {savepoints.map((savepoint) => (
              <option key={savepoint.path} value={savepoint.path}>
                {savepoint.createdAt ? new Date(savepoint.createdAt).toLocaleString() : ''}
              </option>
            ))}
          </datalist>
        </Field>
        <label className="check">
          <input type="checkbox" checked={allowNonRestored} onChange={(event) => setAllowNonRestored(event.target.checked)} /> Allow non-restored state (skip savepoint state no operator claims)
        </label>
        {errors.form && <div className="form-error" data-testid="start-pipeline-error">{errors.form}</div>}
      </div>
    </Modal>
  );
}
