import { bytes, num } from '../format';
import { hrefOf } from '../router';
import { useMetrics } from '../stores/metrics-store';
import { LiveChart } from './LiveChart';
import { RangePicker } from './RangePicker';

const rate = (value: number) => `${num(Math.round(value))}/s`;
const mbPerSec = (value: number) => `${(value / 1_048_576).toFixed(2)} MB/s`;

/** Whether data is moving right now, and since when it stopped. */
function FlowIndicator({ idleMs }: { idleMs: number | null }) {
  const flowing = idleMs !== null && idleMs < 3000;
  return (
    <span className={`flow ${flowing ? 'on' : 'off'}`} data-testid="flow-indicator" data-flowing={flowing}>
      <span className={`live-dot${flowing ? ' on' : ''}`} aria-hidden="true" />
      {flowing ? 'Data flowing' : idleMs === null ? 'No data seen yet' : `No data for ${Math.round(idleMs / 1000)} s`}
    </span>
  );
}

/** The Overview's live charts: cluster messages/s and MB/s, the busiest topics, total lag. */
export function ThroughputPanel() {
  const { range, cluster, latest, error, setRange } = useMetrics();
  const topTopics = Object.entries(latest?.topics ?? {})
    .filter(([, figures]) => figures.messages_per_sec > 0)
    .sort((a, b) => b[1].messages_per_sec - a[1].messages_per_sec)
    .slice(0, 5);
  const noExporter = cluster?.unavailable.includes('bytes_in_per_sec');
  return (
    <section className="throughput" data-testid="throughput">
      <div className="section-header">
        <h2>Throughput</h2>
        <FlowIndicator idleMs={latest?.idle_ms ?? null} />
        <span className="spacer" />
        <RangePicker value={range} onChange={(next) => void setRange(next)} />
      </div>
      {error && <div className="callout error">{error}</div>}
      <div className="charts">
        <LiveChart
          title="Messages per second"
          testId="chart-messages"
          points={cluster?.series.messages_per_sec ?? []}
          format={rate}
          axisFormat={(value) => num(Math.round(value))}
          current={latest?.cluster.messages_per_sec != null ? rate(latest.cluster.messages_per_sec) : '—'}
        />
        {noExporter ? (
          <section className="chart">
            <header>
              <h2>MB per second</h2>
            </header>
            <div className="chart-empty">Bytes in/out need the broker's Prometheus JMX exporter: add its URL to the connection profile.</div>
          </section>
        ) : (
          <LiveChart
            title="MB per second (in)"
            testId="chart-bytes"
            color="var(--up)"
            points={cluster?.series.bytes_in_per_sec ?? []}
            format={mbPerSec}
            axisFormat={(value) => (value / 1_048_576).toFixed(2)}
            current={latest?.cluster.bytes_in_per_sec != null ? mbPerSec(latest.cluster.bytes_in_per_sec) : '—'}
          />
        )}
        <section className="chart top-topics">
          <header>
            <h2>Busiest topics</h2>
            <span className="chart-current">lag {latest?.cluster.consumer_lag != null ? num(latest.cluster.consumer_lag) : '—'}</span>
          </header>
          {topTopics.length === 0 ? (
            <div className="chart-empty">No topic receives data right now.</div>
          ) : (
            <ol>
              {topTopics.map(([name, figures]) => (
                <li key={name}>
                  <a href={hrefOf('topics', name)}>{name}</a>
                  <span>
                    {rate(figures.messages_per_sec)}
                    {figures.bytes_in_per_sec != null ? ` · ${bytes(figures.bytes_in_per_sec)}/s` : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </section>
  );
}
