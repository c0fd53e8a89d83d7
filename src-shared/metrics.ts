import { z } from 'zod';
import { TopicName } from './topics';

export const TimeRange = z.enum(['5m', '15m', '1h', '6h', '24h']);
export type TimeRange = z.infer<typeof TimeRange>;
export const TIME_RANGE_MS: Record<TimeRange, number> = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

/** [timestamp_ms, value] — the seed's series shape. */
export const Point = z.tuple([z.number(), z.number()]);
export type Point = z.infer<typeof Point>;

export const METRIC_NAMES = ['messages_per_sec', 'bytes_in_per_sec', 'bytes_out_per_sec', 'consumer_lag'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const MetricsCurrent = z.object({
  messages_per_sec: z.number().nullable(),
  bytes_in_per_sec: z.number().nullable(),
  bytes_out_per_sec: z.number().nullable(),
  consumer_lag: z.number().nullable(),
});
export type MetricsCurrent = z.infer<typeof MetricsCurrent>;

/** The seed's `get_streaming_metrics(topic, time_range)`. */
export const StreamingMetrics = z.object({
  topic: z.string(),
  time_range: TimeRange,
  resolution_ms: z.number(),
  current: MetricsCurrent,
  series: z.object({
    messages_per_sec: z.array(Point),
    bytes_in_per_sec: z.array(Point),
    bytes_out_per_sec: z.array(Point),
    consumer_lag: z.array(Point),
  }),
  /** Figures that need the broker's Prometheus JMX exporter, when none is reachable. */
  unavailable: z.array(z.string()),
});
export type StreamingMetrics = z.infer<typeof StreamingMetrics>;

export const StreamingMetricsArgs = z.object({ topic: TopicName, time_range: TimeRange.default('1h') }).strict();
export const ClusterMetricsArgs = z.object({ time_range: TimeRange.default('15m') }).strict();

/** What every live view gets once a second: cluster totals and each topic's current rate. */
export const MetricsSample = z.object({
  at: z.number(),
  cluster: MetricsCurrent,
  topics: z.record(z.string(), z.object({ messages_per_sec: z.number(), bytes_in_per_sec: z.number().nullable() })),
  /** Milliseconds since the cluster last saw a message arrive (null: never, since the sampler started). */
  idle_ms: z.number().nullable(),
});
export type MetricsSample = z.infer<typeof MetricsSample>;
