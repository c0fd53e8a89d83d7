import type { SqlSessionSettingsInput } from '@shared/sql';

interface Props {
  settings: SqlSessionSettingsInput;
  onChange: (next: SqlSessionSettingsInput) => void;
}

/** A tab's session settings; a change opens a new session at the next run. */
export function SessionSettingsBar({ settings, onChange }: Props) {
  const scan = { from: 'earliest' as const, until: 'unbounded' as const, ...settings.scan };
  const setScan = (next: Partial<typeof scan>) => onChange({ ...settings, scan: { ...scan, ...next } });
  return (
    <div className="toolbar sql-settings" data-testid="sql-settings">
      <label>
        Mode{' '}
        <select
          value={settings.mode ?? 'streaming'}
          onChange={(e) => {
            const mode = e.target.value as 'streaming' | 'batch';
            // batch reads bounded tables: "until now" unless a bound was chosen
            onChange({ ...settings, mode, scan: mode === 'batch' && scan.until === 'unbounded' ? { ...scan, until: 'latest' } : scan });
          }}
        >
          <option value="streaming">streaming</option>
          <option value="batch">batch</option>
        </select>
      </label>
      <label>
        Read{' '}
        <select value={scan.from} onChange={(e) => setScan({ from: e.target.value as 'earliest' | 'latest' })}>
          <option value="earliest">from the beginning</option>
          <option value="latest">from now</option>
        </select>
      </label>
      <label>
        until{' '}
        <select value={scan.until} onChange={(e) => setScan({ until: e.target.value as 'unbounded' | 'latest' })} data-testid="sql-until">
          <option value="unbounded" disabled={settings.mode === 'batch'}>
            cancelled (unbounded)
          </option>
          <option value="latest">now (bounded)</option>
        </select>
      </label>
      <label>
        Parallelism{' '}
        <input
          type="number"
          min={1}
          max={256}
          style={{ width: 56 }}
          value={settings.parallelism ?? 1}
          onChange={(e) => onChange({ ...settings, parallelism: Math.max(1, Number(e.target.value) || 1) })}
        />
      </label>
      <label>
        Checkpoints every{' '}
        <input
          type="number"
          min={0}
          style={{ width: 64 }}
          placeholder="off"
          value={settings.checkpointIntervalMs ? settings.checkpointIntervalMs / 1000 : ''}
          onChange={(e) => onChange({ ...settings, checkpointIntervalMs: Number(e.target.value) > 0 ? Math.max(1, Number(e.target.value)) * 1000 : null })}
        />{' '}
        s
      </label>
    </div>
  );
}
