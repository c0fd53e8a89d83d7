import { LiveSeries } from '../../../src-shared/live-series';
import { LiveFigure } from '../components/LiveFigure';
import { bytes, num } from '../format';
import { hrefOf } from '../router';
import { useMetrics } from '../stores/metrics-store';
import { LiveChart, PALETTE } from './LiveChart';
import { useClusterRange } from './use-metric-window';

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

function MessagesChart() {
  const [range, setRange] = useClusterRange();
  return (
    <LiveChart
      title="Messages per second"
      testId="chart-messages"
      source={useMetrics}
      read={(state) => {
        const current = state.latest?.cluster.messages_per_sec ?? null;
        return { lines: [{ name: 'messages/s', points: state.byRange[range]?.series.messages_per_sec ?? LiveSeries.EMPTY, color: PALETTE[0] }], current: current !== null ? rate(current) : '—' };
      }}
      format={rate}
      axisFormat={(value) => num(Math.round(value))}
      range={range}
      onRange={setRange}
    />
  );
}

/** Figures read from the broker's Prometheus JMX exporter, named when it is missing. */
const EXPORTER_FIGURES = 'MB/s in and out (cluster and per topic)';

function BytesChart() {
  const [range, setRange] = useClusterRange();
  const unavailable = useMetrics((state) => state.byRange[range]?.unavailable.includes('bytes_in_per_sec') ?? false);
  if (unavailable) {
    return (
      <section className="chart" data-testid="chart-bytes-unavailable">
        <header>
          <h2>MB per second</h2>
        </header>
        <div className="chart-empty">Needs the broker's Prometheus JMX exporter, which this connection does not have or which does not answer: {EXPORTER_FIGURES}. Add its URL to the connection profile.</div>
      </section>
    );
  }
  return (
    <LiveChart
      title="MB per second (in)"
      testId="chart-bytes"
      source={useMetrics}
      read={(state) => {
        const current = state.latest?.cluster.bytes_in_per_sec ?? null;
        return { lines: [{ name: 'MB/s in', points: state.byRange[range]?.series.bytes_in_per_sec ?? LiveSeries.EMPTY, color: PALETTE[1] }], current: current !== null ? mbPerSec(current) : '—' };
      }}
      format={mbPerSec}
      axisFormat={(value) => (value / 1_048_576).toFixed(2)}
      range={range}
      onRange={setRange}
    />
  );
}

function BusiestTopics() {
  const latest = useMetrics((state) => state.latest);
  const topTopics = Object.entries(latest?.topics ?? {})
    .filter(([, figures]) => figures.messages_per_sec > 0)
    .sort((a, b) => b[1].messages_per_sec - a[1].messages_per_sec)
    .slice(0, 5);
  return (
    <section className="chart top-topics">
      <header>
        <h2>Busiest topics</h2>
        <span className="chart-current">
          <LiveFigure text={`lag ${latest?.cluster.consumer_lag != null ? num(latest.cluster.consumer_lag) : '—'}`} align="end" />
        </span>
      </header>
      {topTopics.length === 0 ? (
        <div className="chart-empty">No topic receives data right now.</div>
      ) : (
        <ol>
          {topTopics.map(([name, figures]) => (
            <li key={name}>
              <a href={hrefOf('topics', name)}>{name}</a>
              <span>
                <LiveFigure text={`${rate(figures.messages_per_sec)}${figures.bytes_in_per_sec != null ? ` · ${bytes(figures.bytes_in_per_sec)}/s` : ''}`} align="end" />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The Overview's Kafka charts: cluster messages/s and MB/s, the busiest topics, total lag. */
export function ThroughputPanel() {
  const idleMs = useMetrics((state) => state.latest?.idle_ms ?? null);
  const error = useMetrics((state) => state.error);
  return (
    <section className="throughput" data-testid="throughput">
      <div className="section-header">
        <h2>Throughput</h2>
        <FlowIndicator idleMs={idleMs} />
      </div>
      {error && <div className="callout error">{error}</div>}
      <div className="charts">
        <MessagesChart />
        <BytesChart />
        <BusiestTopics />
      </div>
    </section>
  );
}
