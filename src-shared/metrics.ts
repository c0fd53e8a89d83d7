import { z } from 'zod';
import { TopicName } from './topics';

export const TimeRange = z.enum(['5m', '15m', '1h', '6h', '24h']);
export type TimeRange = z.infer<typeof TimeRange>;
export const TIME_RANGE_MS: Record<TimeRange, number> = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

/** [timestamp_ms, value] — the seed's series shape. */
export const Point = z.tuple([z.number(), z.number()]);
export type Point = z.infer<typeof Point>;

/**
 * requests_per_sec and errors_per_sec: for a topic, its produce and fetch requests and the failed
 * ones (Kafka's BrokerTopicMetrics, once per partition a request touches); for the cluster, every
 * request and every response with an error code (RequestMetrics). Like the bytes, they need the
 * JMX exporter.
 */
export const METRIC_NAMES = ['messages_per_sec', 'bytes_in_per_sec', 'bytes_out_per_sec', 'consumer_lag', 'requests_per_sec', 'errors_per_sec'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
/** The figures read from the broker's Prometheus JMX exporter (named in `unavailable` without one). */
export const EXPORTER_METRICS = ['bytes_in_per_sec', 'bytes_out_per_sec', 'requests_per_sec', 'errors_per_sec'] as const satisfies readonly MetricName[];

export const MetricsCurrent = z.object({
  messages_per_sec: z.number().nullable(),
  bytes_in_per_sec: z.number().nullable(),
  bytes_out_per_sec: z.number().nullable(),
  consumer_lag: z.number().nullable(),
  requests_per_sec: z.number().nullable(),
  errors_per_sec: z.number().nullable(),
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
    requests_per_sec: z.array(Point),
    errors_per_sec: z.array(Point),
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
  /** The topics with recent traffic; a topic left out had none (quiet topics are not sent, for clusters of thousands). */
  topics: z.record(z.string(), MetricsCurrent.extend({ messages_per_sec: z.number() })),
  /** Milliseconds since the cluster last saw a message arrive (null: never, since the sampler started). */
  idle_ms: z.number().nullable(),
});
export type MetricsSample = z.infer<typeof MetricsSample>;

// ---- Flink, ZooKeeper and local-process figures (the "resources" series) ----

/** What a resource series is about: the whole Flink cluster, one job, one TaskManager, ZooKeeper, one local process. */
export const ResourceGroup = z.enum(['flink', 'flink-job', 'taskmanager', 'zookeeper', 'process']);
export type ResourceGroup = z.infer<typeof ResourceGroup>;

export const ResourceMetric = z.enum([
  'records_in_per_sec',
  'records_out_per_sec',
  'busy_ratio',
  'backpressured_ratio',
  'checkpoint_duration_ms',
  'checkpoint_size_bytes',
  'restarts',
  'cpu_load',
  'heap_used_bytes',
  'heap_max_bytes',
  'avg_latency_ms',
  'max_latency_ms',
  'round_trip_ms',
  'cpu_percent',
  'rss_bytes',
]);
export type ResourceMetric = z.infer<typeof ResourceMetric>;

/** Identifies one series: `key` is `group|subject|metric`; `label` names the subject for people (job name, service). */
export const ResourceSeriesId = z.object({ key: z.string(), group: ResourceGroup, subject: z.string().nullable(), label: z.string(), metric: ResourceMetric });
export type ResourceSeriesId = z.infer<typeof ResourceSeriesId>;

/** Figures that cannot be measured on this connection, and why (no Flink URL, a remote stack...). */
export const UnavailableFigures = z.object({ source: z.enum(['flink', 'zookeeper', 'process']), figures: z.string(), reason: z.string() });
export type UnavailableFigures = z.infer<typeof UnavailableFigures>;

export const ResourceMetrics = z.object({
  time_range: TimeRange,
  resolution_ms: z.number(),
  series: z.array(ResourceSeriesId.extend({ current: z.number().nullable(), points: z.array(Point) })),
  unavailable: z.array(UnavailableFigures),
});
export type ResourceMetrics = z.infer<typeof ResourceMetrics>;
export const ResourceMetricsArgs = z.object({ time_range: TimeRange.default('15m') }).strict();

/** What live views get after each resource round: the new value of every series read in it. */
export const ResourcesSample = z.object({
  at: z.number(),
  values: z.array(ResourceSeriesId.extend({ value: z.number() })),
  unavailable: z.array(UnavailableFigures),
});
export type ResourcesSample = z.infer<typeof ResourcesSample>;

export function resourceKey(group: ResourceGroup, subject: string | null, metric: ResourceMetric): string {
  return `${group}|${subject ?? ''}|${metric}`;
}
