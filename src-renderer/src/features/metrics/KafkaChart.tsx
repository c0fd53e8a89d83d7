import { useSyncExternalStore } from 'react';
import { LiveSeries } from '@renderer/charts/live-series';
import { EXPORTER_METRICS, type MetricName, type MetricsCurrent, type TimeRange } from '@shared/metrics';
import { num } from '@renderer/format';
import type { LiveSource } from '@renderer/charts/live-reading';
import { LiveChart, PALETTE } from '@renderer/charts/LiveChart';

/** What a Kafka chart reads: the series of its range, the newest figures, and what the back end could not measure. */
export interface KafkaFigures {
  series: Record<MetricName, LiveSeries>;
  current: MetricsCurrent | null;
  unavailable: readonly string[];
}

interface KafkaChartKind {
  title: string;
  lines: { metric: MetricName; name: string; color: string }[];
  format: (value: number) => string;
  axisFormat: (value: number) => string;
  /** The size of the unit the axis counts in, when not 1 (MB): its ticks are round in that unit. */
  axisUnit?: number;
  /** What to say while there is nothing to draw (default: samples are being collected). */
  empty?: string;
}

const whole = (value: number) => num(Math.round(value));
/** Rates of a few a second (errors) keep a decimal: 0.3/s is not "0/s". */
const rate = (value: number) => `${value > 0 && value < 10 ? num(Number(value.toFixed(1))) : whole(value)}/s`;
const MB = 1_048_576;
const mbPerSec = (value: number) => `${(value / MB).toFixed(2)} MB/s`;

const messages: KafkaChartKind = {
  title: 'Messages per second',
  lines: [{ metric: 'messages_per_sec', name: 'messages/s', color: PALETTE[0] }],
  format: rate,
  axisFormat: whole,
};
const bytes: KafkaChartKind = {
  title: 'MB per second',
  lines: [
    { metric: 'bytes_in_per_sec', name: 'in', color: PALETTE[1] },
    { metric: 'bytes_out_per_sec', name: 'out', color: PALETTE[2] },
  ],
  format: mbPerSec,
  axisFormat: (value) => num(Number((value / MB).toFixed(2))),
  axisUnit: MB,
};
const lag: KafkaChartKind = {
  title: 'Consumer lag',
  lines: [{ metric: 'consumer_lag', name: 'messages behind', color: PALETTE[3] }],
  format: (value) => `${whole(value)} behind`,
  axisFormat: whole,
};

/** Requests and their errors: the cluster counts every request and every error response; a topic its produce and fetch requests and the failed ones. */
const requests = (title: string, errors: string): KafkaChartKind => ({
  title,
  lines: [
    { metric: 'requests_per_sec', name: 'requests', color: PALETTE[4] },
    { metric: 'errors_per_sec', name: errors, color: PALETTE[5] },
  ],
  format: rate,
  axisFormat: whole,
});

/** The charts of the whole cluster (Overview) and of one topic (its page). */
export const KAFKA_CHARTS = {
  cluster: { messages, bytes, requests: requests('Requests per second', 'error responses'), lag: { ...lag, title: 'Consumer lag (all groups)' } },
  topic: {
    messages,
    bytes,
    requests: requests('Produce and fetch requests per second', 'failed'),
    lag: { ...lag, empty: 'No lag measured: no consumer group has committed offsets on this topic (yet).' },
  },
} satisfies Record<'cluster' | 'topic', Record<string, KafkaChartKind>>;

/** Figures read from the broker's Prometheus JMX exporter, named when it is missing. */
const EXPORTER_FIGURES = 'MB/s in and out, requests and errors per second (cluster and per topic)';
const needsExporter = (kind: KafkaChartKind) => kind.lines.some((line) => (EXPORTER_METRICS as readonly string[]).includes(line.metric));

interface Props<S> {
  kind: KafkaChartKind;
  source: LiveSource<S>;
  /** The figures in `state` for this chart's range (undefined until loaded). */
  pick: (state: S) => KafkaFigures | undefined;
  testId: string;
  range?: TimeRange;
  onRange?: (range: TimeRange) => void;
}

/** One Kafka chart: its lines from the picked series, the first line's newest figure in its header, or why it cannot be drawn. */
export function KafkaChart<S>({ kind, source, pick, testId, range, onRange }: Props<S>) {
  const unavailable = useSyncExternalStore(
    source.subscribe,
    () => needsExporter(kind) && kind.lines.every((line) => pick(source.getState())?.unavailable.includes(line.metric)),
  );
  if (unavailable) {
    return (
      <section className="chart" data-testid={`${testId}-unavailable`}>
        <header>
          <h2>{kind.title}</h2>
        </header>
        <div className="chart-empty">
          Needs the broker's Prometheus JMX exporter, which this connection does not have or which does not answer: {EXPORTER_FIGURES}. Add its URL to the
          connection profile.
        </div>
      </section>
    );
  }
  return (
    <LiveChart
      title={kind.title}
      testId={testId}
      source={source}
      read={(state) => {
        const figures = pick(state);
        const current = figures?.current?.[kind.lines[0].metric] ?? null;
        return {
          lines: kind.lines.map((line) => ({ name: line.name, points: figures?.series[line.metric] ?? LiveSeries.EMPTY, color: line.color })),
          current: current !== null ? kind.format(current) : '—',
        };
      }}
      format={kind.format}
      axisFormat={kind.axisFormat}
      axisUnit={kind.axisUnit}
      range={range}
      onRange={onRange}
      empty={kind.empty}
    />
  );
}
