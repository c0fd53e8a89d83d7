import { type Outcome, useAction } from '@renderer/store';
import { presetTopicCalls, presetTopicsStore } from './preset-topics-store';
import { topicsStore } from '../topics/topics-store';

function describe(result: { created: string[]; fixed: string[] }): Outcome {
  const done = [...result.created.map((topic) => `created ${topic}`), ...result.fixed.map((topic) => `fixed ${topic}`)];
  return { kind: 'ok', text: done.length ? done.join(', ') : 'Nothing to do: every preset topic exists' };
}

/** The seed's three preset topics: applied in one action, drift shown, fixed on request. */
export function PresetTopicsPanel() {
  const presets = presetTopicsStore.use().data;
  const { busy, outcome: message, run: act } = useAction('preset-topics');
  if (!presets) return null;
  const missing = presets.filter((preset) => preset.state === 'missing').length;

  /** Applies or fixes; says what was created and fixed; reads the topics and their states again, whatever the outcome. */
  const run = (label: string, action: () => Promise<{ created: string[]; fixed: string[] }>) =>
    act(action, { busyLabel: label, done: describe }).finally(() => void Promise.all([topicsStore.refresh(), presetTopicsStore.refresh()]));

  return (
    <section className="panel" data-testid="preset-topics-panel">
      <header>
        <h2>Preset topics</h2>
        <button
          className={missing ? 'primary' : undefined}
          disabled={busy !== null}
          onClick={() => void run('apply', presetTopicCalls.apply)}
          data-testid="apply-preset-topics"
        >
          {busy === 'apply' ? 'Applying…' : missing ? `Create ${missing} missing` : 'Apply'}
        </button>
      </header>
      <table className="grid compact">
        <thead>
          <tr>
            <th>Preset</th>
            <th>Topic</th>
            <th>Wanted</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {presets.map((preset) => (
            <tr key={preset.key} data-preset-topic={preset.topic} data-state={preset.state}>
              <td>{preset.key}</td>
              <td>
                <code>{preset.topic}</code>
              </td>
              <td className="muted">
                {preset.desired.partitions} partitions · RF {preset.desired.replicationFactor} · {preset.desired.retentionHours} h ·{' '}
                {preset.desired.cleanupPolicy}
              </td>
              <td>
                {preset.state === 'ok' && <span className="flag ok">in place</span>}
                {preset.state === 'missing' && <span className="flag">missing</span>}
                {preset.state === 'drifted' && (
                  <span className="flag warn" title="What differs from the seed's settings">
                    drifted: {preset.differences.map((difference) => `${difference.field} ${difference.actual} (wanted ${difference.desired})`).join(', ')}
                  </span>
                )}
              </td>
              <td className="right">
                {preset.state === 'drifted' && (
                  <button disabled={busy !== null} onClick={() => void run(preset.topic, () => presetTopicCalls.fix(preset.topic))}>
                    {busy === preset.topic ? 'Fixing…' : 'Fix'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && message.kind !== 'running' && <div className={message.kind === 'ok' ? 'note ok' : 'note error'}>{message.text}</div>}
    </section>
  );
}
