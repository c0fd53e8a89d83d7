import { FlowIndicator } from './FlowIndicator';
import { LiveFigure } from '@renderer/charts/LiveFigure';
import { bytes, num } from '@renderer/format';
import { hrefOf } from '@renderer/router';
import type { StoreState } from '@renderer/store';
import { clusterMetrics, latestSample, type LiveStreamingMetrics, useClusterMetricsError } from './metrics-store';
import { KAFKA_CHARTS, KafkaChart, type KafkaFigures } from './KafkaChart';
import { useClusterRange } from '@renderer/charts/use-metric-window';

const rate = (value: number) => `${num(Math.round(value))}/s`;

/** The cluster's figures for a range (on a range of an hour or less, the newest sample's; see applyMetricsSample). */
const clusterFigures = ({ data: metrics }: StoreState<LiveStreamingMetrics>): KafkaFigures | undefined =>
  metrics ? { series: metrics.series, current: metrics.current, unavailable: metrics.unavailable } : undefined;

/** A cluster chart with its own range picker. */
function ClusterChart({ kind, testId }: { kind: keyof typeof KAFKA_CHARTS.cluster; testId: string }) {
  const [range, setRange] = useClusterRange();
  return (
    <KafkaChart
      kind={KAFKA_CHARTS.cluster[kind]}
      source={clusterMetrics.source({ range })}
      pick={clusterFigures}
      testId={testId}
      range={range}
      onRange={setRange}
    />
  );
}

function BusiestTopics() {
  const latest = latestSample.useSelect(undefined, (state) => state.data);
  const topTopics = Object.entries(latest?.topics ?? {})
    .filter(([, figures]) => figures.messages_per_sec > 0)
    .sort((a, b) => b[1].messages_per_sec - a[1].messages_per_sec)
    .slice(0, 5);
  return (
    <section className="chart top-topics">
      <header>
        <h2>Busiest topics</h2>
      </header>
      {topTopics.length === 0 ? (
        <div className="chart-empty">No topic receives data right now.</div>
      ) : (
        <ol>
          {topTopics.map(([name, figures]) => (
            <li key={name}>
              <a href={hrefOf('topics', name)}>{name}</a>
              <span>
                <LiveFigure
                  text={`${rate(figures.messages_per_sec)}${figures.bytes_in_per_sec != null ? ` · ${bytes(figures.bytes_in_per_sec)}/s` : ''}`}
                  align="end"
                />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The Overview's Kafka charts: the cluster's messages/s, MB/s in and out, requests and errors, total lag, and the busiest topics. */
export function ThroughputPanel() {
  const idleMs = latestSample.useSelect(undefined, (state) => state.data?.idle_ms ?? null);
  const error = useClusterMetricsError();
  return (
    <section className="throughput" data-testid="throughput">
      <div className="section-header">
        <h2>Throughput</h2>
        <FlowIndicator idleMs={idleMs} />
      </div>
      {error && <div className="callout error">{error}</div>}
      <div className="charts">
        <ClusterChart kind="messages" testId="chart-messages" />
        <ClusterChart kind="bytes" testId="chart-bytes" />
        <ClusterChart kind="requests" testId="chart-requests" />
        <ClusterChart kind="lag" testId="chart-lag" />
        <BusiestTopics />
      </div>
    </section>
  );
}
