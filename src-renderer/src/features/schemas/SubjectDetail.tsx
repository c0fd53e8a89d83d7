import { useState } from 'react';
import type { SchemaVersion, VersionsResult } from '@shared/schemas';
import { useAction } from '@renderer/store';
import { hrefOf, navigate } from '@renderer/router';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';
import { schemaCalls, subjectsStore, versionsStore } from './schemas-store';
import { SubjectCompatibility } from './CompatibilityControl';
import { VersionDiff } from './VersionDiff';
import { SchemaEditor } from './SchemaEditor';
import { UsagePanel } from './UsagePanel';
import { readableSchema } from './line-diff';

/** One subject: its versions (soft-deleted ones marked), two side by side, a new version, its deletes and its topics. */
export function SubjectDetail({ subject }: { subject: string }) {
  const { data, error } = versionsStore.use({ subject });
  const { outcome } = useAction(`schemas:${subject}`);
  const live = data?.versions.filter((v) => !v.deleted) ?? [];
  return (
    <>
      <div className="page-header">
        <div>
          <a href={hrefOf('schemas')} className="muted">
            ← Schemas
          </a>
          <h1 data-testid="subject-name">{subject}</h1>
          {data && (
            <div className="muted">
              {live.length} version{live.length === 1 ? '' : 's'}
              {live.at(-1) && ` · latest ${live.at(-1)!.version} (id ${live.at(-1)!.id}, ${live.at(-1)!.schemaType})`}
            </div>
          )}
        </div>
        {data && <SubjectActions data={data} />}
      </div>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      {!data && <div className="page-empty">{error ?? 'Loading versions…'}</div>}
      {data && error && <div className="note error">Showing the last answer: {error}</div>}
      {data && <VersionsPanel data={data} />}
      {data && data.versions.length > 0 && <VersionDiff versions={data.versions} />}
      {data && <SchemaEditor subject={subject} latest={live.at(-1) ?? null} />}
      {data && <UsagePanel subject={subject} />}
    </>
  );
}

/** Compatibility, and deleting the whole subject: soft first (its ids still resolve), hard only after. */
function SubjectActions({ data }: { data: VersionsResult }) {
  const { subject } = data;
  const { run } = useAction(`schemas:${subject}`);
  const softDeleted = data.versions.every((v) => v.deleted);
  const remove = (permanent: boolean) =>
    void run(() => schemaCalls.delete({ subject, permanent }), {
      label: permanent ? `Hard delete ${subject}` : `Soft delete ${subject}`,
      refresh: [subjectsStore],
    }).then((done) => done && (permanent ? navigate('schemas') : versionsStore.refresh({ subject })));
  return (
    <div className="actions">
      <SubjectCompatibility subject={subject} compatibility={data.compatibility} />
      {!softDeleted && (
        <ConfirmButton
          question={`Soft delete ${subject}? Its versions are hidden, their ids still resolve (old records still decode), and it can be hard-deleted afterwards.`}
          onConfirm={() => remove(false)}
        >
          Soft delete subject
        </ConfirmButton>
      )}
      {softDeleted && (
        <ConfirmButton
          question={`Hard delete ${subject}? This removes it for good: records written with its ids will no longer decode.`}
          onConfirm={() => remove(true)}
        >
          Hard delete subject
        </ConfirmButton>
      )}
    </div>
  );
}

function VersionsPanel({ data }: { data: VersionsResult }) {
  return (
    <section className="panel">
      <header>
        <h2>Versions</h2>
        <span className="muted">Registries hard-delete only what was soft-deleted first: soft delete, then &quot;Delete permanently&quot;.</span>
      </header>
      <table className="grid compact" data-testid="versions-table">
        <thead>
          <tr>
            <th className="right">Version</th>
            <th className="right">Id</th>
            <th>Type</th>
            <th>References</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => (
            <VersionRow key={v.version} subject={data.subject} version={v} />
          ))}
          {data.versions.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Every version is soft-deleted and this registry does not show their text; &quot;Hard delete subject&quot; removes them for good.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function VersionRow({ subject, version: v }: { subject: string; version: SchemaVersion }) {
  const { run } = useAction(`schemas:${subject}`);
  const [open, setOpen] = useState(false);
  const remove = (permanent: boolean) =>
    void run(() => schemaCalls.delete({ subject, version: v.version, permanent }), {
      label: `${permanent ? 'Hard' : 'Soft'} delete ${subject} version ${v.version}`,
      refresh: [versionsStore, subjectsStore],
    });
  return (
    <>
      <tr data-version={v.version} data-deleted={v.deleted}>
        <td className="right">{v.version}</td>
        <td className="right">{v.id}</td>
        <td>
          <span className="tag">{v.schemaType}</span>
        </td>
        <td className="muted">{v.references.map((r) => `${r.name} → ${r.subject} v${r.version}`).join(', ') || '—'}</td>
        <td>{v.deleted ? <span className="flag warn">soft-deleted</span> : <span className="flag ok">live</span>}</td>
        <td className="right">
          <button onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'}</button>{' '}
          {!v.deleted ? (
            <ConfirmButton
              question={`Soft delete version ${v.version} of ${subject}? Its id still resolves; it can be hard-deleted afterwards.`}
              onConfirm={() => remove(false)}
            >
              Soft delete
            </ConfirmButton>
          ) : (
            <ConfirmButton
              question={`Delete version ${v.version} of ${subject} permanently? Records written with id ${v.id} may no longer decode.`}
              onConfirm={() => remove(true)}
            >
              Delete permanently
            </ConfirmButton>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <pre className="schema-text">{readableSchema(v.schema)}</pre>
          </td>
        </tr>
      )}
    </>
  );
}
