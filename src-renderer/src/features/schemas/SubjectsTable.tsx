import { useState } from 'react';
import type { SubjectSummary } from '@shared/schemas';
import { hrefOf } from '@renderer/router';

interface Props {
  subjects: SubjectSummary[];
  includeDeleted: boolean;
  onIncludeDeleted: (value: boolean) => void;
}

/** Every subject: name, latest version and id, type, compatibility level (its own or the global one); filtered by name. */
export function SubjectsTable({ subjects, includeDeleted, onIncludeDeleted }: Props) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? subjects.filter((s) => s.subject.toLowerCase().includes(needle)) : subjects;
  return (
    <section className="panel">
      <div className="toolbar">
        <input
          className="filter"
          placeholder="Filter subjects"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="subjects-filter"
        />
        <label className="check">
          <input type="checkbox" checked={includeDeleted} onChange={(event) => onIncludeDeleted(event.target.checked)} /> Show soft-deleted subjects
        </label>
        <span className="muted">
          {shown.length === subjects.length ? '' : `${shown.length} of `}
          {subjects.length} subject{subjects.length === 1 ? '' : 's'}
        </span>
      </div>
      <table className="grid" data-testid="subjects-table">
        <thead>
          <tr>
            <th>Subject</th>
            <th className="right">Latest version</th>
            <th className="right">Id</th>
            <th>Type</th>
            <th>Compatibility</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.subject} data-subject={s.subject} data-deleted={s.deleted}>
              <td>
                <a href={hrefOf('schemas', s.subject)}>{s.subject}</a> {s.deleted && <span className="flag warn">soft-deleted</span>}
              </td>
              <td className="right">{s.latestVersion ?? '—'}</td>
              <td className="right">{s.id ?? '—'}</td>
              <td>{s.schemaType ? <span className="tag">{s.schemaType}</span> : '—'}</td>
              <td>
                {s.compatibility.level ?? '—'} {s.compatibility.source === 'global' && <span className="muted">(global)</span>}
              </td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {subjects.length === 0 ? 'The registry holds no subjects yet: register one with "New subject".' : 'No subject matches the filter.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
