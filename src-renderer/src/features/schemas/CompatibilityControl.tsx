import { CompatibilityLevel, type EffectiveCompatibility } from '@shared/schemas';
import { useAction } from '@renderer/store';
import { schemaCalls, subjectsStore, versionsStore } from './schemas-store';

const LEVELS = CompatibilityLevel.options;

/** The registry's global level: what every subject without its own follows. */
export function GlobalCompatibility({ level }: { level: CompatibilityLevel | null }) {
  const { run, busy } = useAction('schemas');
  const change = (next: CompatibilityLevel) =>
    void run(() => schemaCalls.setCompatibility({ subject: null, level: next }), { label: `Global compatibility ${next}`, refresh: [subjectsStore] });
  return (
    <label className="check" title="The level every subject without its own follows">
      Global compatibility
      <select
        value={level ?? ''}
        disabled={busy !== null}
        onChange={(event) => change(event.target.value as CompatibilityLevel)}
        data-testid="global-compatibility"
      >
        {level === null && <option value="">—</option>}
        {LEVELS.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </select>
    </label>
  );
}

/** A subject's level; "(global)" while it has none of its own. */
export function SubjectCompatibility({ subject, compatibility }: { subject: string; compatibility: EffectiveCompatibility }) {
  const { run, busy } = useAction(`schemas:${subject}`);
  const change = (next: CompatibilityLevel) =>
    void run(() => schemaCalls.setCompatibility({ subject, level: next }), {
      label: `Compatibility of ${subject}: ${next}`,
      refresh: [versionsStore, subjectsStore],
    });
  return (
    <label className="check">
      Compatibility
      <select
        value={compatibility.level ?? ''}
        disabled={busy !== null}
        onChange={(event) => change(event.target.value as CompatibilityLevel)}
        data-testid="subject-compatibility"
      >
        {compatibility.level === null && <option value="">—</option>}
        {LEVELS.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </select>
      {compatibility.source === 'global' && <span className="muted">(the global level; choosing one sets the subject&apos;s own)</span>}
    </label>
  );
}
