import { useState } from 'react';
import { SaveJarPipelineArgs, MAX_JAR_BYTES, splitProgramArgs, type JarPipelineDefinition, type PipelineDefinition } from '@shared/pipelines';
import { Field } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { uploadJar } from './jar-upload';

const FIELDS = ['name', 'fileName', 'bytes', 'entryClass', 'programArgs', 'description'] as const;

/** A pipeline name from a jar's file name: flink-examples-streaming-1.18.1.jar → flink-examples-streaming-1.18.1 */
const nameOf = (fileName: string) =>
  fileName
    .replace(/\.jar$/i, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);

/** Pick a job jar on this machine, upload it to Flink through the back end and add it to the catalog. */
export function JarUploadForm({ onUploaded, onCancel }: { onUploaded: (pipeline: JarPipelineDefinition) => void; onCancel: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [entryClass, setEntryClass] = useState('');
  const [programArgs, setProgramArgs] = useState('');
  const form = useContractForm({ fields: FIELDS });
  const busy = form.busy !== null;

  async function upload() {
    if (!file) return form.fail({ fileName: 'choose a .jar file' });
    if (!/\.jar$/i.test(file.name)) return form.fail({ fileName: `"${file.name}" is not a .jar file` });
    if (file.size > MAX_JAR_BYTES)
      return form.fail({ fileName: `is ${Math.round(file.size / 1024 / 1024)} MiB; Flink accepts at most ${MAX_JAR_BYTES / 1024 / 1024} MiB` });
    const args = { name, entryClass: entryClass.trim() === '' ? null : entryClass.trim(), programArgs: splitProgramArgs(programArgs) };
    const saved: PipelineDefinition | undefined = await form.submit(args, (checked) => uploadJar(file, checked), { schema: SaveJarPipelineArgs });
    if (saved?.kind === 'jar') onUploaded(saved);
  }

  return (
    <div className="panel form-grid" data-testid="jar-upload">
      <Field
        label="Job jar"
        error={form.error('fileName') ?? form.error('bytes')}
        hint={file ? `${file.name}, ${Math.round(file.size / 1024)} KiB` : `At most ${MAX_JAR_BYTES / 1024 / 1024} MiB`}
      >
        <input
          type="file"
          accept=".jar,application/java-archive"
          name="jarFile"
          onChange={(event) => {
            const picked = event.target.files?.[0] ?? null;
            setFile(picked);
            if (picked && name === '') setName(nameOf(picked.name));
          }}
        />
      </Field>
      <div className="form-row">
        <Field label="Pipeline name" error={form.error('name')}>
          <input name="jarPipelineName" value={name} onChange={(event) => setName(event.target.value)} placeholder="state_machine" />
        </Field>
        <Field label="Entry class (empty: the manifest's)" error={form.error('entryClass')}>
          <input
            name="uploadEntryClass"
            value={entryClass}
            onChange={(event) => setEntryClass(event.target.value)}
            placeholder="org.example.MyJob"
            spellCheck={false}
          />
        </Field>
      </div>
      <Field label="Program arguments" error={form.error('programArgs')} hint={'Separated by spaces; quote an argument that holds spaces ("a b")'}>
        <input
          name="uploadProgramArgs"
          value={programArgs}
          onChange={(event) => setProgramArgs(event.target.value)}
          placeholder="--input topic --window 60"
          spellCheck={false}
        />
      </Field>
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
      <div className="actions">
        <button className="primary" disabled={busy} onClick={() => void upload()} data-testid="jar-upload-submit">
          {busy ? 'Uploading to Flink…' : 'Upload to Flink'}
        </button>
        <button onClick={onCancel}>Cancel upload</button>
      </div>
    </div>
  );
}
