import type { ContractForm } from '@renderer/forms/use-contract-form';
import type { ReferenceRow } from './use-schema-draft';

/** The schema's references (optional): the name it uses (Avro full name, Protobuf import, JSON $ref) → a subject's version. */
export function ReferenceRows({ rows, onChange, form }: { rows: ReferenceRow[]; onChange: (rows: ReferenceRow[]) => void; form: ContractForm }) {
  const set = (n: number, patch: Partial<ReferenceRow>) => onChange(rows.map((row, i) => (i === n ? { ...row, ...patch } : row)));
  return (
    <div className="field" data-testid="schema-references">
      <span className="field-label">References (optional)</span>
      {rows.map((row, n) => (
        <div className="reference-row" key={n}>
          <input placeholder="name (e.g. com.example.Address or address.proto)" value={row.name} onChange={(event) => set(n, { name: event.target.value })} />
          <input placeholder="subject" value={row.subject} onChange={(event) => set(n, { subject: event.target.value })} />
          <input placeholder="version" type="number" min={1} value={row.version} onChange={(event) => set(n, { version: event.target.value })} />
          <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== n))} aria-label="Remove reference">
            ×
          </button>
          {(['name', 'subject', 'version'] as const).map((field) => {
            const error = form.error(`references.${n}.${field}`);
            return error ? <span key={field} className="field-error">{`${field}: ${error}`}</span> : null;
          })}
        </div>
      ))}
      <div>
        <button type="button" onClick={() => onChange([...rows, { name: '', subject: '', version: '1' }])}>
          Add reference
        </button>
      </div>
    </div>
  );
}
