import type { SchemaVersion } from '@shared/schemas';
import type { ProduceSchema } from '@shared/produce';
import { Field } from '@renderer/ui/Modal';
import type { FieldErrors } from '@renderer/forms/use-contract-form';
import { subjectsStore } from '@renderer/features/schemas/schemas-store';
import { produceVersionsStore } from './produce-schema-store';

/** The chosen subject's version (its schema text and references), once its versions are read. */
export function useChosenVersion(choice: ProduceSchema | null): SchemaVersion | null {
  const versions = produceVersionsStore.use({ subject: choice?.subject ?? '' }, { poll: false }).data;
  if (!choice || !versions || versions.subject !== choice.subject) return null;
  const live = versions.versions.filter((v) => !v.deleted);
  return (choice.version === 'latest' ? live[live.length - 1] : live.find((v) => v.version === choice.version)) ?? null;
}

/** Where the subjects come from; a registry that is not there is said, not flagged: the value can still be written as typed. */
function subjectsHint(subjects: ReturnType<typeof subjectsStore.use>): string {
  if (subjects.data) return `Schema Registry at ${subjects.data.registryUrl}`;
  if (subjects.error) return `No subjects to choose from: ${subjects.error}`;
  return 'Reading the subjects…';
}

function SubjectSelect({ choice, onChange, error }: { choice: ProduceSchema | null; onChange: (choice: ProduceSchema | null) => void; error?: string }) {
  const subjects = subjectsStore.use({ includeDeleted: false }, { poll: false });
  const live = (subjects.data?.subjects ?? []).filter((s) => !s.deleted);
  return (
    <Field label="Value schema" error={error} hint={subjectsHint(subjects)}>
      <select
        value={choice?.subject ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? null : { subject: event.target.value, version: 'latest' })}
        data-testid="produce-subject"
      >
        <option value="">None: write the value as typed</option>
        {live.map((s) => (
          <option key={s.subject} value={s.subject}>
            {s.subject} ({s.schemaType?.toLowerCase() ?? '?'}, v{s.latestVersion})
          </option>
        ))}
      </select>
    </Field>
  );
}

function VersionSelect({ choice, onChange, error }: { choice: ProduceSchema; onChange: (choice: ProduceSchema) => void; error?: string }) {
  const versions = produceVersionsStore.use({ subject: choice.subject }, { poll: false });
  const live = (versions.data?.versions ?? []).filter((v) => !v.deleted);
  return (
    <Field label="Version" error={error ?? versions.error}>
      <select
        value={String(choice.version ?? 'latest')}
        onChange={(event) => onChange({ ...choice, version: event.target.value === 'latest' ? 'latest' : Number(event.target.value) })}
        data-testid="produce-version"
      >
        <option value="latest">latest{live.length > 0 ? ` (v${live[live.length - 1].version})` : ''}</option>
        {live.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} · id {v.id}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Subject, version and (Protobuf) message for the value, and the chosen schema's text to write against. */
export function SchemaChoice({
  choice,
  onChange,
  errors,
}: {
  choice: ProduceSchema | null;
  onChange: (choice: ProduceSchema | null) => void;
  /** The produce form's errors: `valueSchema.subject` and the like go beside their select. */
  errors: FieldErrors;
}) {
  const version = useChosenVersion(choice);
  const error = (field: string) => errors[field];
  return (
    <div className="schema-choice" data-testid="produce-schema">
      <div className="form-row">
        <SubjectSelect choice={choice} onChange={onChange} error={error('valueSchema.subject') ?? error('valueSchema')} />
        {choice && <VersionSelect choice={choice} onChange={onChange} error={error('valueSchema.version')} />}
        {choice && version?.schemaType === 'PROTOBUF' && (
          <Field label="Message" error={error('valueSchema.message')} hint="Full name; empty: the file's first message">
            <input
              value={choice.message ?? ''}
              onChange={(event) => onChange({ ...choice, message: event.target.value === '' ? undefined : event.target.value })}
              spellCheck={false}
              data-testid="produce-message-type"
            />
          </Field>
        )}
      </div>
      {choice && version && (
        <details open>
          <summary>
            {choice.subject} v{version.version} · {version.schemaType.toLowerCase()} · id {version.id}
          </summary>
          <pre className="mono schema-text" data-testid="produce-schema-text">
            {prettySchema(version)}
          </pre>
        </details>
      )}
    </div>
  );
}

export function prettySchema(version: Pick<SchemaVersion, 'schemaType' | 'schema'>): string {
  if (version.schemaType === 'PROTOBUF') return version.schema;
  try {
    return JSON.stringify(JSON.parse(version.schema), null, 2);
  } catch {
    return version.schema;
  }
}
