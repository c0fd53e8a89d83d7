// Synthetic series for the bench: an hour of 1 s points per series, shaped like real traffic
// (a base rate with noise and bursts), and the next live sample. Only the numbers are made up:
// the shapes are the contract's (StreamingMetrics, ResourceMetrics, MetricsSample, ResourcesSample).
import {
  METRIC_NAMES,
  resourceKey,
  type MetricsSample,
  type Point,
  type ResourceGroup,
  type ResourceMetric,
  type ResourceMetrics,
  type ResourcesSample,
  type StreamingMetrics,
  type TimeRange,
} from '@shared/metrics';

const POINTS = 3600;
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const wave = (base: number, i: number) => Math.max(0, base * (1 + 0.3 * Math.sin(i / 60) + 0.2 * (random() - 0.5)) + (random() < 0.01 ? base * 3 : 0));

function series(base: number, end: number): Point[] {
  return Array.from({ length: POINTS }, (_, i) => [end - (POINTS - 1 - i) * 1000, wave(base, i)] as Point);
}

const JOB = 'b3e1c0de00000000000000000000beef';
const SERVICES = ['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager'];
/** The drawn resource series: Flink 5, TaskManager 2, ZooKeeper 3, processes 8 (+ the cluster's 6 = 24 drawn). */
const RESOURCE_SERIES: { group: ResourceGroup; subject: string | null; label: string; metric: ResourceMetric; base: number }[] = [
  { group: 'flink', subject: null, label: 'Flink', metric: 'records_in_per_sec', base: 900 },
  { group: 'flink', subject: null, label: 'Flink', metric: 'records_out_per_sec', base: 850 },
  { group: 'flink', subject: null, label: 'Flink', metric: 'busy_ratio', base: 0.3 },
  { group: 'flink', subject: null, label: 'Flink', metric: 'backpressured_ratio', base: 0.05 },
  { group: 'flink', subject: null, label: 'Flink', metric: 'checkpoint_duration_ms', base: 40 },
  { group: 'taskmanager', subject: 'tm-1', label: 'tm-1', metric: 'cpu_load', base: 0.2 },
  { group: 'taskmanager', subject: 'tm-1', label: 'tm-1', metric: 'heap_used_bytes', base: 200e6 },
  { group: 'zookeeper', subject: 'zk:2181', label: 'ZooKeeper', metric: 'avg_latency_ms', base: 2 },
  { group: 'zookeeper', subject: 'zk:2181', label: 'ZooKeeper', metric: 'max_latency_ms', base: 60 },
  { group: 'zookeeper', subject: 'zk:2181', label: 'ZooKeeper', metric: 'round_trip_ms', base: 5 },
  ...SERVICES.map((service) => ({ group: 'process' as const, subject: service, label: service, metric: 'cpu_percent' as const, base: 20 })),
  ...SERVICES.map((service) => ({ group: 'process' as const, subject: service, label: service, metric: 'rss_bytes' as const, base: 500e6 })),
];
/** Stored but not drawn (the running-jobs table reads their newest values). */
const JOB_SERIES = (
  ['records_in_per_sec', 'records_out_per_sec', 'backpressured_ratio', 'checkpoint_duration_ms', 'checkpoint_size_bytes', 'restarts'] as const
).map((metric) => ({ group: 'flink-job' as const, subject: JOB, label: 'stavanger_parking_realtime', metric, base: 100 }));

export function clusterMetrics(range: TimeRange, end: number): StreamingMetrics {
  const current = { messages_per_sec: 1000, bytes_in_per_sec: 2e6, bytes_out_per_sec: 4e6, consumer_lag: 10, requests_per_sec: 600, errors_per_sec: 0.5 };
  return {
    topic: '(cluster)',
    time_range: range,
    resolution_ms: 1000,
    current,
    series: Object.fromEntries(METRIC_NAMES.map((name) => [name, series(current[name], end)])) as StreamingMetrics['series'],
    unavailable: [],
  };
}

export function resourceMetrics(range: TimeRange, end: number): ResourceMetrics {
  return {
    time_range: range,
    resolution_ms: 1000,
    series: [...RESOURCE_SERIES, ...JOB_SERIES].map(({ base, ...id }) => {
      const points = series(base, end);
      return { ...id, key: resourceKey(id.group, id.subject, id.metric), current: points[points.length - 1][1], points };
    }),
    unavailable: [],
  };
}

export function nextSamples(at: number, i: number): { cluster: MetricsSample; resources: ResourcesSample } {
  const messages = wave(1000, i);
  return {
    cluster: {
      at,
      cluster: {
        messages_per_sec: messages,
        bytes_in_per_sec: wave(2e6, i),
        bytes_out_per_sec: wave(4e6, i),
        consumer_lag: Math.round(wave(10, i)),
        requests_per_sec: wave(600, i),
        errors_per_sec: wave(0.5, i),
      },
      topics: { orders: topicFigures(messages * 0.6, 1e6), stavanger_parking_events: topicFigures(messages * 0.4, 5e5) },
      idle_ms: 0,
    },
    resources: {
      at,
      values: [...RESOURCE_SERIES, ...JOB_SERIES].map(({ base, ...id }) => ({
        ...id,
        key: resourceKey(id.group, id.subject, id.metric),
        value: wave(base, i),
      })),
      unavailable: [],
    },
  };
}

function topicFigures(messages: number, bytesIn: number): MetricsSample['topics'][string] {
  return {
    messages_per_sec: messages,
    bytes_in_per_sec: bytesIn,
    bytes_out_per_sec: bytesIn * 2,
    consumer_lag: 5,
    requests_per_sec: messages / 3,
    errors_per_sec: 0,
  };
}
