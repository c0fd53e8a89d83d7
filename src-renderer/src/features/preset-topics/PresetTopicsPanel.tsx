import { type Outcome, useAction } from '../../store';
import { presetTopicCalls, presetTopicsStore } from './preset-topics-store';
import { topicsStore } from '../topics/topics-store';

function describe(result: { created: string[]; fixed: string[] }): Outcome {
  const done = [...result.created.map((topic) => `created ${topic}`), ...result.fixed.map((topic) => `fixed ${topic}`)];
  return { kind: 'ok', text: done.length ? done.join(', ') : 'Nothing to do: every stream exists' };
}

/** The seed's three preset topics: applied in one action, drift shown, fixed on request. */
export function PresetTopicsPanel() {
  const streams = presetTopicsStore.use().data;
  const { busy, outcome: message, run: act } = useAction('preset-topics');
  if (!streams) return null;
  const missing = streams.filter((stream) => stream.state === 'missing').length;

  /** Applies or fixes; says what was created and fixed; reads the topics and their states again, whatever the outcome. */
  const run = (label: string, action: () => Promise<{ created: string[]; fixed: string[] }>) =>
    act(action, { busyLabel: label, done: describe }).finally(() => void Promise.all([topicsStore.refresh(), presetTopicsStore.refresh()]));

  return (
    <section className="panel" data-testid="streams-panel">
      <header>
        <h2>Preset topics</h2>
        <button className={missing ? 'primary' : undefined} disabled={busy !== null} onClick={() => void run('apply', presetTopicCalls.apply)} data-testid="apply-streams">
          {busy === 'apply' ? 'Applying…' : missing ? `Create ${missing} missing` : 'Apply'}
        </button>
      </header>
      <table className="grid compact">
        <thead>
          <tr>
            <th>Stream</th>
            <th>Topic</th>
            <th>Wanted</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {streams.map((stream) => (
            <tr key={stream.key} data-stream={stream.topic} data-state={stream.state}>
              <td>{stream.key}</td>
              <td>
                <code>{stream.topic}</code>
              </td>
              <td className="muted">
                {stream.desired.partitions} partitions · RF {stream.desired.replicationFactor} · {stream.desired.retentionHours} h · {stream.desired.cleanupPolicy}
              </td>
              <td>
                {stream.state === 'ok' && <span className="flag ok">in place</span>}
                {stream.state === 'missing' && <span className="flag">missing</span>}
                {stream.state === 'drifted' && (
                  <span className="flag warn" title="What differs from the seed's settings">
                    drifted: {stream.differences.map((difference) => `${difference.field} ${difference.actual} (wanted ${difference.desired})`).join(', ')}
                  </span>
                )}
              </td>
              <td className="right">
                {stream.state === 'drifted' && (
                  <button disabled={busy !== null} onClick={() => void run(stream.topic, () => presetTopicCalls.fix(stream.topic))}>
                    {busy === stream.topic ? 'Fixing…' : 'Fix'}
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
