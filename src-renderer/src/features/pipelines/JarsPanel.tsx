import { jarsStore, pipelineCalls } from './pipelines-store';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';

interface Props {
  onAction: (label: string, run: () => Promise<unknown>) => void;
  onUpload: () => void;
}

/** The jars Flink holds (uploaded here or through Flink's own dashboard) and the pipelines that run them. */
export function JarsPanel({ onAction, onUpload }: Props) {
  const { data: jars, error } = jarsStore.use();
  return (
    <section className="panel">
      <header className="section-header">
        <h2>Jars</h2>
        <button onClick={onUpload}>Upload jar…</button>
      </header>
      {error && <div className="muted">Could not list Flink's jars: {error}</div>}
      {jars && jars.length === 0 && <div className="muted">No jar uploaded to this cluster.</div>}
      {jars && jars.length > 0 && (
        <table className="grid compact" data-testid="jars">
          <thead>
            <tr>
              <th>Jar</th>
              <th>Entry classes (manifest)</th>
              <th>Pipelines</th>
              <th>Uploaded</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jars.map((jar) => (
              <tr key={jar.id} data-jar={jar.name}>
                <td>
                  {jar.name}
                  <div className="muted mono-small">{jar.id}</div>
                </td>
                <td className="mono-small">{jar.entryClasses.join(', ') || <span className="muted">none: give one at start</span>}</td>
                <td>{jar.pipelines.join(', ') || <span className="muted">—</span>}</td>
                <td className="muted">{jar.uploadedAt ? new Date(jar.uploadedAt).toLocaleString() : '—'}</td>
                <td className="right">
                  {jar.pipelines.length === 0 && (
                    <ConfirmButton
                      question={`Delete ${jar.name} from Flink?`}
                      onConfirm={() => onAction(`Delete ${jar.name}`, () => pipelineCalls.deleteJar(jar.id).then(() => jarsStore.refresh()))}
                    >
                      Delete
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
