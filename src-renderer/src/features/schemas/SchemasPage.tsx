import { useState } from 'react';
import { useAction } from '@renderer/store';
import { hrefOf } from '@renderer/router';
import { subjectsStore } from './schemas-store';
import { SubjectsTable } from './SubjectsTable';
import { SubjectDetail } from './SubjectDetail';
import { GlobalCompatibility } from './CompatibilityControl';
import { SchemaEditorModal } from './SchemaEditor';

/** Subjects of the active connection's Schema Registry; `subject` opens one (its versions, diff, editor, usage). */
export function SchemasPage({ subject }: { subject: string | null }) {
  return (
    <div className="page" data-testid="schemas-page">
      {subject ? <SubjectDetail key={subject} subject={subject} /> : <SubjectsOverview />}
    </div>
  );
}

function SubjectsOverview() {
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [creating, setCreating] = useState(false);
  const { data, error } = subjectsStore.use({ includeDeleted });
  const { outcome } = useAction('schemas');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Schemas</h1>
          <div className="muted">{data ? `Schema Registry at ${data.registryUrl}` : 'Schema Registry of the active connection'}</div>
        </div>
        <div className="actions">
          {data && <GlobalCompatibility level={data.globalCompatibility} />}
          <button className="primary" disabled={!data} onClick={() => setCreating(true)} data-testid="new-subject">
            New subject
          </button>
        </div>
      </div>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      {!data && error && <RegistryUnavailable reason={error} />}
      {!data && !error && <div className="page-empty">Loading subjects…</div>}
      {data && error && <div className="note error">Showing the last answer: {error}</div>}
      {data && <SubjectsTable subjects={data.subjects} includeDeleted={includeDeleted} onIncludeDeleted={setIncludeDeleted} />}
      {creating && <SchemaEditorModal onClose={() => setCreating(false)} />}
    </>
  );
}

/** The empty state: no registry in the connection, or one that does not answer — with the reason, and where to fix it. */
function RegistryUnavailable({ reason }: { reason: string }) {
  return (
    <div className="callout warn" data-testid="schemas-unavailable">
      <h2>No Schema Registry to show</h2>
      <p>{reason}</p>
      <p className="muted">
        Name a Schema Registry (Confluent, Karapace, or Apicurio&apos;s <code>/apis/ccompat/v7</code>) in the active connection&apos;s{' '}
        <a href={hrefOf('profiles')}>profile</a>, or start the local stack&apos;s registry on the <a href={hrefOf('stack')}>Stack</a> page. This page reads it
        again every 15 s.
      </p>
    </div>
  );
}
