import type { SchemaVersion } from '@shared/schemas';
import { Field } from '@renderer/ui/Modal';

/** "Register a new schema version first": the chosen version's text to edit; produce then writes with the version the registry answers. */
export function RegisterFirst({
  on,
  setOn,
  draft,
  setDraft,
  base,
  error,
}: {
  on: boolean;
  setOn: (on: boolean) => void;
  draft: string;
  setDraft: (text: string) => void;
  base: SchemaVersion | null;
  error: string | undefined;
}) {
  return (
    <div className="register-first">
      <label className="check">
        <input type="checkbox" checked={on} onChange={(event) => setOn(event.target.checked)} data-testid="produce-register-first" /> Register a new schema
        version first{base ? ` (edited from v${base.version}, same type and references)` : ''}
      </label>
      {on && (
        <Field label="New schema" error={error} hint="Registered under the subject; the registry checks its compatibility">
          <textarea
            rows={10}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            spellCheck={false}
            className="mono"
            data-testid="produce-new-schema"
          />
        </Field>
      )}
    </div>
  );
}
