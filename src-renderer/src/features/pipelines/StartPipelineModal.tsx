import { useState } from 'react';
import type { FlinkCluster } from '@shared/flink';
import { StartPipelineArgs, type PipelineDefinition, type StartPipelineResult } from '@shared/pipelines';
import { Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { jarsStore, pipelineCalls, savepointsStore } from './pipelines-store';
import { startArgs, useJarRun, useRunSettings } from './start-pipeline-settings';
import { JarRunFields, JarUploadChoice, ParallelismAndCheckpointing, PipelinePicker, SavepointFields } from './StartPipelineFields';

const FIELDS = [
  'pipelineName',
  'parallelism',
  'checkpointIntervalMs',
  'checkpointingMode',
  'savepointPath',
  'allowNonRestoredState',
  'entryClass',
  'programArgs',
] as const;

interface Props {
  pipelines: PipelineDefinition[];
  cluster: FlinkCluster | null;
  initial?: { pipelineName?: string; savepointPath?: string | null; resumeJobId?: string; upload?: boolean };
  onClose: () => void;
  onStarted: (result: StartPipelineResult) => void;
  /** A jar was uploaded into the catalog from here. */
  onCatalogChanged: () => void;
}

/** The seed's Start Pipeline modal: a catalog pipeline or an uploaded jar; parallelism and checkpoint settings, optionally from a savepoint. */
export function StartPipelineModal({ pipelines: catalog, cluster, initial, onClose, onStarted, onCatalogChanged }: Props) {
  const [uploaded, setUploaded] = useState<PipelineDefinition[]>([]);
  const pipelines = [...catalog, ...uploaded.filter((u) => !catalog.some((p) => p.name === u.name))];
  const [uploading, setUploading] = useState(Boolean(initial?.upload));
  const [pipelineName, setPipelineName] = useState(initial?.pipelineName ?? pipelines[0]?.name ?? '');
  const settings = useRunSettings(initial?.savepointPath ?? '');
  const savepoints = savepointsStore.use().data ?? [];
  const jars = jarsStore.use().data ?? [];
  const form = useContractForm({ fields: FIELDS });
  const busy = form.busy !== null;
  const selected = pipelines.find((p) => p.name === pipelineName) ?? null;
  const jar = selected?.kind === 'jar' ? selected : null;
  const jarRun = useJarRun(jar);
  const manifestEntries = jar ? (jars.find((j) => j.id === jar.jarId)?.entryClasses ?? []) : [];
  const resumeJobId = initial?.resumeJobId;

  async function submit() {
    const { mode, allowNonRestored } = settings;
    const result = await form.submit(
      startArgs(pipelineName, settings, jar, jarRun),
      (checked): Promise<StartPipelineResult> =>
        resumeJobId
          ? pipelineCalls.resume({
              jobId: resumeJobId,
              pipelineName,
              parallelism: checked.parallelism,
              checkpointIntervalMs: checked.checkpointIntervalMs,
              checkpointingMode: mode,
              allowNonRestoredState: allowNonRestored,
              ...(checked.savepointPath ? { savepointPath: checked.savepointPath } : {}),
            })
          : pipelineCalls.start(checked),
      { schema: StartPipelineArgs },
    );
    if (result) onStarted(result);
  }

  function onUploaded(pipeline: PipelineDefinition) {
    setUploaded((list) => [...list, pipeline]);
    setPipelineName(pipeline.name);
    setUploading(false);
    void jarsStore.refresh();
    onCatalogChanged();
  }

  return (
    <Modal
      title={resumeJobId ? 'Resume pipeline' : 'Start pipeline'}
      testId="start-pipeline-modal"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy || uploading || pipelines.length === 0} onClick={() => void submit()} data-testid="start-pipeline-submit">
            {busy ? 'Submitting to Flink…' : resumeJobId ? 'Resume' : 'Start'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <PipelinePicker pipelines={pipelines} pipelineName={pipelineName} onChange={setPipelineName} disabled={Boolean(resumeJobId) || uploading} form={form} />
        <JarUploadChoice offer={!resumeJobId} uploading={uploading} setUploading={setUploading} onUploaded={onUploaded} />
        {jar && !uploading && <JarRunFields run={jarRun} manifestEntries={manifestEntries} form={form} />}
        <ParallelismAndCheckpointing settings={settings} cluster={cluster} form={form} />
        <SavepointFields settings={settings} savepoints={savepoints} resuming={Boolean(resumeJobId)} form={form} />
        {form.error('form') && (
          <div className="form-error" data-testid="start-pipeline-error">
            {form.error('form')}
          </div>
        )}
      </div>
    </Modal>
  );
}
