import type { FlinkCluster, SavepointInfo } from '@shared/flink';
import type { CheckpointingMode, PipelineDefinition } from '@shared/pipelines';
import { Field } from '@renderer/ui/Modal';
import type { ContractForm } from '@renderer/forms/use-contract-form';
import { JarUploadForm } from './JarUploadForm';
import type { JarRun, RunSettings } from './start-pipeline-settings';

const savepointLabel = (savepoint: SavepointInfo) =>
  `${savepoint.createdAt ? new Date(savepoint.createdAt).toLocaleString() : 'unknown time'} — ${savepoint.path.replace(/^.*\/(savepoint-[^/]+)\/?$/, '$1')}${savepoint.jobId ? ` (job ${savepoint.jobId.slice(0, 8)})` : ''}`;

/** The pipeline to run: one of the catalog's (SQL or jar). */
export function PipelinePicker({
  pipelines,
  pipelineName,
  onChange,
  disabled,
  form,
}: {
  pipelines: PipelineDefinition[];
  pipelineName: string;
  onChange: (name: string) => void;
  disabled: boolean;
  form: ContractForm;
}) {
  return (
    <Field label="Pipeline" error={form.error('pipelineName')}>
      <select value={pipelineName} onChange={(event) => onChange(event.target.value)} name="pipelineName" disabled={disabled} style={{ maxWidth: '100%' }}>
        {pipelines.map((pipeline) => (
          <option key={pipeline.name} value={pipeline.name}>
            {pipeline.name} ({pipeline.kind === 'sql' ? 'SQL' : 'jar'}){pipeline.description ? ` — ${pipeline.description.slice(0, 60)}` : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** "Upload a jar…" and, once asked, the upload form. */
export function JarUploadChoice({
  offer,
  uploading,
  setUploading,
  onUploaded,
}: {
  offer: boolean;
  uploading: boolean;
  setUploading: (uploading: boolean) => void;
  onUploaded: (pipeline: PipelineDefinition) => void;
}) {
  return (
    <>
      {offer && !uploading && (
        <div className="actions">
          <button onClick={() => setUploading(true)} data-testid="upload-jar-toggle">
            Upload a jar…
          </button>
          <span className="muted">to run your own job from a .jar on this computer</span>
        </div>
      )}
      {uploading && <JarUploadForm onCancel={() => setUploading(false)} onUploaded={onUploaded} />}
    </>
  );
}

/** A jar pipeline's entry class (with its manifest's as suggestions) and program arguments for this run. */
export function JarRunFields({ run, manifestEntries, form }: { run: JarRun; manifestEntries: string[]; form: ContractForm }) {
  return (
    <div className="form-row">
      <Field
        label="Entry class"
        error={form.error('entryClass')}
        hint={manifestEntries.length ? `Manifest: ${manifestEntries.join(', ')}` : 'The jar names no entry class in its manifest: give one'}
      >
        <input
          name="entryClass"
          list="jar-entry-classes"
          value={run.entryClass}
          onChange={(event) => run.setEntryClass(event.target.value)}
          placeholder={manifestEntries[0] ?? 'org.example.MyJob'}
          spellCheck={false}
        />
        <datalist id="jar-entry-classes">
          {manifestEntries.map((entry) => (
            <option key={entry} value={entry} />
          ))}
        </datalist>
      </Field>
      <Field label="Program arguments" error={form.error('programArgs')}>
        <input
          name="programArgs"
          value={run.programArgs}
          onChange={(event) => run.setProgramArgs(event.target.value)}
          placeholder="--input topic"
          spellCheck={false}
        />
      </Field>
    </div>
  );
}

/** Parallelism (against the cluster's free slots), checkpointing, its interval and mode. */
export function ParallelismAndCheckpointing({ settings, cluster, form }: { settings: RunSettings; cluster: FlinkCluster | null; form: ContractForm }) {
  const { parallelism, checkpointing } = settings;
  const wanted = Number(parallelism);
  const overSlots = cluster !== null && Number.isInteger(wanted) && wanted > cluster.slotsFree;
  return (
    <>
      <div className="form-row">
        <Field
          label="Parallelism"
          error={form.error('parallelism')}
          hint={
            cluster ? (
              overSlots ? (
                <span className="flag warn" data-testid="slots-warning">
                  Only {cluster.slotsFree} of {cluster.slotsTotal} slots are free: the job waits for slots and fails if none free up
                </span>
              ) : (
                `${cluster.slotsFree} of ${cluster.slotsTotal} slots free`
              )
            ) : undefined
          }
        >
          <input
            type="number"
            min={1}
            name="parallelism"
            value={parallelism}
            onChange={(event) => settings.setParallelism(event.target.value)}
            className={overSlots ? 'warn' : undefined}
          />
        </Field>
        <Field label="Checkpoint interval (ms)" error={form.error('checkpointIntervalMs')}>
          <input
            type="number"
            min={100}
            name="checkpointIntervalMs"
            value={checkpointing ? settings.interval : ''}
            disabled={!checkpointing}
            onChange={(event) => settings.setInterval(event.target.value)}
          />
        </Field>
        <label className="check">
          <input type="checkbox" checked={checkpointing} onChange={(event) => settings.setCheckpointing(event.target.checked)} /> Checkpointing
        </label>
      </div>
      <Field label="Checkpointing mode" error={form.error('checkpointingMode')}>
        <select value={settings.mode} onChange={(event) => settings.setMode(event.target.value as CheckpointingMode)} disabled={!checkpointing}>
          <option value="exactly-once">exactly-once</option>
          <option value="at-least-once">at-least-once</option>
        </select>
      </Field>
    </>
  );
}

/** The savepoint to restore from (picked or pasted) and whether state no operator claims may be skipped. */
export function SavepointFields({
  settings,
  savepoints,
  resuming,
  form,
}: {
  settings: RunSettings;
  savepoints: SavepointInfo[];
  resuming: boolean;
  form: ContractForm;
}) {
  const { savepointPath, setSavepointPath } = settings;
  return (
    <>
      <Field
        label="Restore from savepoint (optional)"
        error={form.error('savepointPath')}
        hint={resuming ? 'Empty: stop the running job with a savepoint, or use its latest one' : 'Pick one of the savepoints, or paste a path'}
      >
        <select
          name="savepointPick"
          value={savepoints.some((s) => s.path === savepointPath) ? savepointPath : ''}
          onChange={(event) => setSavepointPath(event.target.value)}
          data-testid="savepoint-pick"
        >
          <option value="">{savepoints.length ? `— none (${savepoints.length} available) —` : '— no savepoint yet —'}</option>
          {savepoints.map((savepoint) => (
            <option key={savepoint.path} value={savepoint.path}>
              {savepointLabel(savepoint)}
            </option>
          ))}
        </select>
        <input
          name="savepointPath"
          value={savepointPath}
          onChange={(event) => setSavepointPath(event.target.value)}
          placeholder="file:///…/savepoints/savepoint-…"
          spellCheck={false}
        />
      </Field>
      <label className="check">
        <input type="checkbox" checked={settings.allowNonRestored} onChange={(event) => settings.setAllowNonRestored(event.target.checked)} /> Allow
        non-restored state (skip savepoint state no operator claims)
      </label>
    </>
  );
}
