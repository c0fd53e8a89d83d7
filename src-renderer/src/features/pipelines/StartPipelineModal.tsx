import { useEffect, useState } from 'react';
import type { FlinkCluster, SavepointInfo } from '../../../../src-shared/flink';
import { joinProgramArgs, splitProgramArgs, StartPipelineArgs, type CheckpointingMode, type PipelineDefinition, type StartPipelineResult } from '../../../../src-shared/pipelines';
import { Field, Modal } from '../../ui/Modal';
import { useContractForm } from '../../forms/use-contract-form';
import { JarUploadForm } from './JarUploadForm';
import { jarsStore, pipelineCalls, savepointsStore } from './pipelines-store';

const FIELDS = ['pipelineName', 'parallelism', 'checkpointIntervalMs', 'checkpointingMode', 'savepointPath', 'allowNonRestoredState', 'entryClass', 'programArgs'] as const;

interface Props {
  pipelines: PipelineDefinition[];
  cluster: FlinkCluster | null;
  initial?: { pipelineName?: string; savepointPath?: string | null; resumeJobId?: string; upload?: boolean };
  onClose(): void;
  onStarted(result: StartPipelineResult): void;
  /** A jar was uploaded into the catalog from here. */
  onCatalogChanged(): void;
}

const savepointLabel = (savepoint: SavepointInfo) =>
  `${savepoint.createdAt ? new Date(savepoint.createdAt).toLocaleString() : 'unknown time'} — ${savepoint.path.replace(/^.*\/(savepoint-[^/]+)\/?$/, '$1')}${savepoint.jobId ? ` (job ${savepoint.jobId.slice(0, 8)})` : ''}`;

/** The seed's Start Pipeline modal: a catalog pipeline or an uploaded jar; parallelism and checkpoint settings, optionally from a savepoint. */
export function StartPipelineModal({ pipelines: catalog, cluster, initial, onClose, onStarted, onCatalogChanged }: Props) {
  const [uploaded, setUploaded] = useState<PipelineDefinition[]>([]);
  const pipelines = [...catalog, ...uploaded.filter((u) => !catalog.some((p) => p.name === u.name))];
  const [uploading, setUploading] = useState(Boolean(initial?.upload));
  const [pipelineName, setPipelineName] = useState(initial?.pipelineName ?? pipelines[0]?.name ?? '');
  const [parallelism, setParallelism] = useState('1');
  const [checkpointing, setCheckpointing] = useState(true);
  const [interval, setInterval] = useState('10000');
  const [mode, setMode] = useState<CheckpointingMode>('exactly-once');
  const [savepointPath, setSavepointPath] = useState(initial?.savepointPath ?? '');
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  const savepoints = savepointsStore.use().data ?? [];
  const jars = jarsStore.use().data ?? [];
  const [entryClass, setEntryClass] = useState('');
  const [programArgs, setProgramArgs] = useState('');
  const form = useContractForm({ fields: FIELDS });
  const busy = form.busy !== null;
  const selected = pipelines.find((p) => p.name === pipelineName) ?? null;
  const jar = selected?.kind === 'jar' ? selected : null;
  // a jar pipeline's own entry class and arguments, editable for this run
  useEffect(() => {
    setEntryClass(jar?.entryClass ?? '');
    setProgramArgs(jar ? joinProgramArgs(jar.programArgs) : '');
  }, [jar?.name]); // eslint-disable-line react-hooks/exhaustive-deps
  const manifestEntries = jar ? (jars.find((j) => j.id === jar.jarId)?.entryClasses ?? []) : [];
  const wanted = Number(parallelism);
  const overSlots = cluster !== null && Number.isInteger(wanted) && wanted > cluster.slotsFree;

  async function submit() {
    const jarOverrides = jar
      ? {
          ...((entryClass.trim() || null) !== jar.entryClass && entryClass.trim() !== '' ? { entryClass: entryClass.trim() } : {}),
          ...(joinProgramArgs(splitProgramArgs(programArgs)) !== joinProgramArgs(jar.programArgs) ? { programArgs: splitProgramArgs(programArgs) } : {}),
        }
      : {};
    const args = {
      pipelineName,
      parallelism: wanted,
      checkpointIntervalMs: checkpointing ? Number(interval) : null,
      checkpointingMode: mode,
      savepointPath: savepointPath.trim() === '' ? null : savepointPath.trim(),
      allowNonRestoredState: allowNonRestored,
      ...jarOverrides,
    };
    const resumeJobId = initial?.resumeJobId;
    const result = await form.submit(
      args,
      (checked): Promise<StartPipelineResult> =>
        resumeJobId
          ? pipelineCalls.resume({ jobId: resumeJobId, pipelineName, parallelism: checked.parallelism, checkpointIntervalMs: checked.checkpointIntervalMs, checkpointingMode: mode, allowNonRestoredState: allowNonRestored, ...(checked.savepointPath ? { savepointPath: checked.savepointPath } : {}) })
          : pipelineCalls.start(checked),
      { schema: StartPipelineArgs },
    );
    if (result) onStarted(result);
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
          <button className="primary" disabled={busy || uploading || pipelines.length === 0} onClick={() => void submit()} data-testid="start-pipeline-submit">
            {busy ? 'Submitting to Flink…' : initial?.resumeJobId ? 'Resume' : 'Start'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="Pipeline" error={form.error('pipelineName')}>
          <select value={pipelineName} onChange={(event) => setPipelineName(event.target.value)} name="pipelineName" disabled={Boolean(initial?.resumeJobId) || uploading} style={{ maxWidth: '100%' }}>
            {pipelines.map((pipeline) => (
              <option key={pipeline.name} value={pipeline.name}>
                {pipeline.name} ({pipeline.kind === 'sql' ? 'SQL' : 'jar'}){pipeline.description ? ` — ${pipeline.description.slice(0, 60)}` : ''}
              </option>
            ))}
          </select>
        </Field>
        {!initial?.resumeJobId && !uploading && (
          <div className="actions">
            <button onClick={() => setUploading(true)} data-testid="upload-jar-toggle">
              Upload a jar…
            </button>
            <span className="muted">to run your own job from a .jar on this computer</span>
          </div>
        )}
        {uploading && (
          <JarUploadForm
            onCancel={() => setUploading(false)}
            onUploaded={(pipeline) => {
              setUploaded((list) => [...list, pipeline]);
              setPipelineName(pipeline.name);
              setUploading(false);
              void jarsStore.refresh();
              onCatalogChanged();
            }}
          />
        )}
        {jar && !uploading && (
          <div className="form-row">
            <Field label="Entry class" error={form.error('entryClass')} hint={manifestEntries.length ? `Manifest: ${manifestEntries.join(', ')}` : 'The jar names no entry class in its manifest: give one'}>
              <input name="entryClass" list="jar-entry-classes" value={entryClass} onChange={(event) => setEntryClass(event.target.value)} placeholder={manifestEntries[0] ?? 'org.example.MyJob'} spellCheck={false} />
              <datalist id="jar-entry-classes">
                {manifestEntries.map((entry) => (
                  <option key={entry} value={entry} />
                ))}
              </datalist>
            </Field>
            <Field label="Program arguments" error={form.error('programArgs')}>
              <input name="programArgs" value={programArgs} onChange={(event) => setProgramArgs(event.target.value)} placeholder="--input topic" spellCheck={false} />
            </Field>
          </div>
        )}
        <div className="form-row">
          <Field
            label="Parallelism"
            error={form.error('parallelism')}
            hint={cluster ? (overSlots ? <span className="flag warn" data-testid="slots-warning">Only {cluster.slotsFree} of {cluster.slotsTotal} slots are free: the job waits for slots and fails if none free up</span> : `${cluster.slotsFree} of ${cluster.slotsTotal} slots free`) : undefined}
          >
            <input type="number" min={1} name="parallelism" value={parallelism} onChange={(event) => setParallelism(event.target.value)} className={overSlots ? 'warn' : undefined} />
          </Field>
          <Field label="Checkpoint interval (ms)" error={form.error('checkpointIntervalMs')}>
            <input type="number" min={100} name="checkpointIntervalMs" value={checkpointing ? interval : ''} disabled={!checkpointing} onChange={(event) => setInterval(event.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={checkpointing} onChange={(event) => setCheckpointing(event.target.checked)} /> Checkpointing
          </label>
        </div>
        <Field label="Checkpointing mode" error={form.error('checkpointingMode')}>
          <select value={mode} onChange={(event) => setMode(event.target.value as CheckpointingMode)} disabled={!checkpointing}>
            <option value="exactly-once">exactly-once</option>
            <option value="at-least-once">at-least-once</option>
          </select>
        </Field>
        <Field label="Restore from savepoint (optional)" error={form.error('savepointPath')} hint={initial?.resumeJobId ? 'Empty: stop the running job with a savepoint, or use its latest one' : 'Pick one of the savepoints, or paste a path'}>
          <select name="savepointPick" value={savepoints.some((s) => s.path === savepointPath) ? savepointPath : ''} onChange={(event) => setSavepointPath(event.target.value)} data-testid="savepoint-pick">
            <option value="">{savepoints.length ? `— none (${savepoints.length} available) —` : '— no savepoint yet —'}</option>
            {savepoints.map((savepoint) => (
              <option key={savepoint.path} value={savepoint.path}>
                {savepointLabel(savepoint)}
              </option>
            ))}
          </select>
          <input name="savepointPath" value={savepointPath} onChange={(event) => setSavepointPath(event.target.value)} placeholder="file:///…/savepoints/savepoint-…" spellCheck={false} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={allowNonRestored} onChange={(event) => setAllowNonRestored(event.target.checked)} /> Allow non-restored state (skip savepoint state no operator claims)
        </label>
        {form.error('form') && <div className="form-error" data-testid="start-pipeline-error">{form.error('form')}</div>}
      </div>
    </Modal>
  );
}
