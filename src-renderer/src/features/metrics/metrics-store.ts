// The live metrics, one module for the three kinds of series (the cluster's, a topic's, and the
// Flink/ZooKeeper/process resources), all the same shape on the data layer: a store per kind,
// one entry per range a chart shows (a topic's: per topic and range), read when a chart first
// shows the range, re-read every minute when the range is long (minute averages), forgotten when
// no chart shows it, and fed each sample event directly (`updates`) without a read. The series are
// LiveSeries appended to in place: charts read them outside React (LiveChart through `source`), so
// a once-a-second sample renders no component. The newest samples themselves are event-fed stores.
import { LiveSeries } from '@renderer/charts/live-series';
import {
  METRIC_NAMES,
  TIME_RANGE_MS,
  type MetricName,
  type MetricsCurrent,
  type MetricsSample,
  type ResourceMetrics,
  type ResourcesSample,
  type StreamingMetrics,
  type TimeRange,
} from '@shared/metrics';
import { createStore } from '@renderer/store';
import { COARSE_REFRESH_MS, isLiveRange } from './metrics-ranges';

/** The figures of the cluster or a topic for one range, each series live (appended to in place, see LiveSeries). */
export type LiveStreamingMetrics = Omit<StreamingMetrics, 'series'> & { series: Record<MetricName, LiveSeries> };
/** One Flink, ZooKeeper or process series, live. */
export type LiveResourceSeries = Omit<ResourceMetrics['series'][number], 'points'> & { points: LiveSeries };
export type LiveResourceMetrics = Omit<ResourceMetrics, 'series'> & { series: LiveResourceSeries[] };

export function live(metrics: StreamingMetrics): LiveStreamingMetrics {
  return { ...metrics, series: Object.fromEntries(METRIC_NAMES.map((name) => [name, LiveSeries.of(metrics.series[name])])) as Record<MetricName, LiveSeries> };
}

function liveResources(metrics: ResourceMetrics): LiveResourceMetrics {
  return { ...metrics, series: metrics.series.map((series) => ({ ...series, points: LiveSeries.of(series.points) })) };
}

/** One sample's figures appended to a range's series (a figure the sample lacks adds no point). */
function appendFigures(
  metrics: LiveStreamingMetrics,
  at: number,
  figures: Partial<Record<MetricName, number | null>>,
  rangeMs: number,
): LiveStreamingMetrics['series'] {
  const series = { ...metrics.series };
  for (const name of METRIC_NAMES) {
    const value = figures[name];
    if (value != null) series[name] = series[name].appended(at, value, rangeMs);
  }
  return series;
}

/**
 * One live sample into a range's cluster series: a range of an hour or less takes the point and
 * the sample's figures; a longer one holds minute averages, re-read every minute, and takes
 * nothing (null: the sample is not for it).
 */
export function applyMetricsSample(metrics: LiveStreamingMetrics, range: TimeRange, sample: MetricsSample): LiveStreamingMetrics | null {
  if (!isLiveRange(range)) return null;
  return { ...metrics, current: sample.cluster, series: appendFigures(metrics, sample.at, sample.cluster, TIME_RANGE_MS[range]) };
}

/**
 * One resource round into a range's series: series that first appear (a job just started) are
 * added, the others get their point appended (a long range only takes what is unavailable now).
 */
function applyResourcesSample(metrics: LiveResourceMetrics, range: TimeRange, sample: ResourcesSample): LiveResourceMetrics {
  if (!isLiveRange(range)) return { ...metrics, unavailable: sample.unavailable };
  const rangeMs = TIME_RANGE_MS[range];
  const fresh = new Map(sample.values.map((entry) => [entry.key, entry]));
  const series = metrics.series.map((known) => {
    const entry = fresh.get(known.key);
    if (!entry) return known;
    fresh.delete(known.key);
    return { ...known, label: entry.label, current: entry.value, points: known.points.appended(sample.at, entry.value, rangeMs) };
  });
  for (const { value, ...id } of fresh.values()) series.push({ ...id, current: value, points: LiveSeries.of([[sample.at, value]]) });
  return { ...metrics, series, unavailable: sample.unavailable };
}

interface RangeParams {
  range: TimeRange;
}

/** A long range is re-read every minute; a short one takes every live point instead. */
const coarsePolling = ({ range }: RangeParams) => (isLiveRange(range) ? null : COARSE_REFRESH_MS);

/** The last read of the cluster's series (any range): its error, shown once above the charts. */
const clusterError = createStore<string | null>({});

function noting<T>(read: Promise<T>): Promise<T> {
  return read.then(
    (result) => (clusterError.set(undefined, null), result),
    (error: unknown) => {
      clusterError.set(undefined, error instanceof Error ? error.message : String(error));
      throw error;
    },
  );
}

/** The cluster's series per range shown (Overview). */
export const clusterMetrics = createStore({
  load: (bridge, { range }: RangeParams) => noting(bridge.call('metrics:cluster', { time_range: range })).then(live),
  updates: { 'metrics:sampled': (sample, current, { range }) => current && applyMetricsSample(current, range, sample) },
  pollMs: coarsePolling,
  drop: true,
});

/** Flink, ZooKeeper and process series per range shown (Overview, Flink panel). */
export const resourceMetrics = createStore({
  load: (bridge, { range }: RangeParams) => bridge.call('metrics:resources', { time_range: range }).then(liveResources),
  updates: { 'metrics:resourcesSampled': (sample, current, { range }) => current && applyResourcesSample(current, range, sample) },
  pollMs: coarsePolling,
  drop: true,
});

/** The newest Kafka sample (busiest topics, whether data flows), whatever the range. */
export const latestSample = createStore<MetricsSample>({ updates: { 'metrics:sampled': (sample) => sample } });
/** The newest resource round (running jobs, restarts, what cannot be read now). */
export const latestResources = createStore<ResourcesSample>({ updates: { 'metrics:resourcesSampled': (sample) => sample } });

/** The cluster's series' last read error, for the Throughput panel. */
export const useClusterMetricsError = () => clusterError.useSelect(undefined, (state) => state.data);

/** The figures of a topic for the range its page shows. */
export interface TopicMetrics {
  metrics: LiveStreamingMetrics;
  /** The newest sample's figures for the topic (whatever the range). */
  current: MetricsCurrent | null;
  /** Milliseconds since the topic last received a message, as far as the loaded series and later samples tell (null: not in them). */
  idleMs: number | null;
  lastMessageAt: number | null;
}

/** A topic with no traffic is left out of a sample: it had none, and its other figures are unknown. */
const quiet: MetricsCurrent = {
  messages_per_sec: 0,
  bytes_in_per_sec: null,
  bytes_out_per_sec: null,
  consumer_lag: null,
  requests_per_sec: null,
  errors_per_sec: null,
};

/** One sample into a topic's figures: the point (a range of an hour or less), its current figures and how long it has been quiet. */
export function applyTopicSample(state: TopicMetrics, range: TimeRange, sample: MetricsSample, topic: string): TopicMetrics | null {
  // the first sample has no rates yet
  if (sample.cluster.messages_per_sec === null) return null;
  const figures = sample.topics[topic] ?? quiet;
  const lastMessageAt = (figures.messages_per_sec ?? 0) > 0 ? sample.at : state.lastMessageAt;
  return {
    metrics: isLiveRange(range) ? { ...state.metrics, series: appendFigures(state.metrics, sample.at, figures, TIME_RANGE_MS[range]) } : state.metrics,
    current: figures,
    lastMessageAt,
    idleMs: lastMessageAt === null ? null : sample.at - lastMessageAt,
  };
}

/** A topic's series for one range (its page), with the figures of every later sample. */
export const topicMetrics = createStore({
  load: (bridge, { topic, range }: { topic: string; range: TimeRange }) =>
    bridge.call('metrics:topic', { topic, time_range: range }).then((loaded): TopicMetrics => ({
      metrics: live(loaded),
      current: loaded.current,
      idleMs: null,
      lastMessageAt: loaded.series.messages_per_sec.findLast(([, rate]) => rate > 0)?.[0] ?? null,
    })),
  // a re-read (a long range, every minute) keeps what the samples told since
  merge: (loaded, current) =>
    current
      ? { ...loaded, current: current.current ?? loaded.current, idleMs: current.idleMs, lastMessageAt: current.lastMessageAt ?? loaded.lastMessageAt }
      : loaded,
  updates: { 'metrics:sampled': (sample, current, { topic, range }) => current && applyTopicSample(current, range, sample, topic) },
  pollMs: coarsePolling,
  drop: true,
});

/** Follows the newest samples for the whole app (App's effect); the series follow while charts show them. */
export function followMetrics(): () => void {
  const stops = [latestSample.watch(), latestResources.watch()];
  return () => stops.forEach((stop) => stop());
}
