import { TOPIC_CONFIGS, topicConfigSpec } from '@shared/topic-configs';

export interface ConfigRow {
  key: string;
  value: string;
}

/** What the broker accepts for a config, shown next to the value as the user types. */
function describeConfig(name: string): string {
  const spec = topicConfigSpec(name);
  if (!spec) return '';
  const kind = spec.kind;
  switch (kind.type) {
    case 'enum':
    case 'list':
      return `${spec.doc} — one of ${kind.values.join(', ')}`;
    case 'boolean':
      return `${spec.doc} — true or false`;
    default:
      return `${spec.doc} — a number from ${kind.min}${'max' in kind && kind.max !== undefined && kind.max < 1e9 ? ` to ${kind.max}` : ''}`;
  }
}

/** Key/value rows for topic configs, with the known names offered and their valid values shown. */
export function ConfigRows({
  rows,
  onChange,
  error,
  exclude = [],
}: {
  rows: ConfigRow[];
  onChange: (rows: ConfigRow[]) => void;
  error?: string;
  exclude?: string[];
}) {
  const update = (index: number, patch: Partial<ConfigRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="configs">
      <legend>Other configs</legend>
      {rows.map((row, index) => (
        <div className="config-row" key={index}>
          <input
            list="topic-config-names"
            aria-label="Config name"
            placeholder="min.insync.replicas"
            value={row.key}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <input aria-label="Config value" value={row.value} onChange={(event) => update(index, { value: event.target.value })} />
          <button type="button" className="icon" aria-label="Remove config" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            ×
          </button>
          {row.key && topicConfigSpec(row.key) && <span className="field-hint config-hint">{describeConfig(row.key)}</span>}
        </div>
      ))}
      <datalist id="topic-config-names">
        {Object.keys(TOPIC_CONFIGS)
          .filter((key) => !exclude.includes(key))
          .map((key) => (
            <option key={key} value={key} />
          ))}
      </datalist>
      <button type="button" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        Add config
      </button>
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}
