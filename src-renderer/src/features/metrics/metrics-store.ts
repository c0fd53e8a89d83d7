import { create } from 'zustand';
import { LiveSeries } from '../../charts/live-series';
import { METRIC_NAMES, TIME_RANGE_MS, type MetricName, type MetricsSample, type StreamingMetrics, type TimeRange } from '../../../../src-shared/metrics';
import { bridge } from '../../bridge';
import { isLiveRange, rangeWatcher } from './metrics-ranges';
import { followResources } from './metrics-resources-store';

/** The figures of the cluster or a topic for one range, each series live (appended to in place, see LiveSeries). */
export type LiveStreamingMetrics = Omit<StreamingMetrics, 'series'> & { series: Record<MetricName, LiveSeries> };

export function live(metrics: StreamingMetrics): LiveStreamingMetrics {
  return { ...metrics, series: Object.fromEntries(METRIC_NAMES.map((name) => [name, LiveSeries.of(metrics.series[name])])) as Record<MetricName, LiveSeries> };
}

/** One sample's figures appended to a range's series (a figure the sample lacks adds no point). */
export function appendFigures(metrics: LiveStreamingMetrics, at: number, figures: Partial<Record<MetricName, number | null>>, rangeMs: number): LiveStreamingMetrics['series'] {
  const series = { ...metrics.series };
  for (const name of METRIC_NAMES) {
    const value = figures[name];
    if (value != null) series[name] = series[name].appended([at, value], rangeMs);
  }
  return series;
}

export interface MetricsState {
  /** The cluster series for each range some chart shows (each chart has its own range picker). */
  byRange: Partial<Record<TimeRange, LiveStreamingMetrics>>;
  latest: MetricsSample | null;
  error: string | null;
  load(range: TimeRange): Promise<void>;
}

export const useMetrics = create<MetricsState>((set) => ({
  byRange: {},
  latest: null,
  error: null,
  async load(range) {
    try {
      const loaded = await bridge.call('metrics:cluster', { time_range: range });
      set((state) => ({ byRange: { ...state.byRange, [range]: live(loaded) }, error: null }));
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));

/**
 * One live sample into every loaded range of an hour or less, in one state change (one render).
 * Exported for bench/dashboard, which drives the real charts through it.
 */
export function applyMetricsSample(state: Pick<MetricsState, 'byRange'>, sample: MetricsSample): Pick<MetricsState, 'byRange' | 'latest'> {
  const byRange: MetricsState['byRange'] = {};
  for (const [range, metrics] of Object.entries(state.byRange) as [TimeRange, LiveStreamingMetrics][]) {
    const rangeMs = TIME_RANGE_MS[range];
    if (!isLiveRange(range)) {
      byRange[range] = metrics;
      continue;
    }
    byRange[range] = { ...metrics, current: sample.cluster, series: appendFigures(metrics, sample.at, sample.cluster, rangeMs) };
  }
  return { latest: sample, byRange };
}

const ranges = rangeWatcher(
  (range) => void useMetrics.getState().load(range),
  (range) =>
    useMetrics.setState((state) => {
      const { [range]: _dropped, ...rest } = state.byRange;
      return { byRange: rest };
    }),
);

/** A chart shows `range`: loaded now, re-read every minute when long, dropped when no chart shows it. */
export const watchClusterRange = ranges.watch;

export function followMetrics(): () => void {
  const off = bridge.on('metrics:sampled', (sample) => useMetrics.setState((state) => applyMetricsSample(state, sample)));
  const offLink = bridge.onConnectionChange((linked) => linked && ranges.reloadAll());
  // The Flink, ZooKeeper and process series follow the same way (App starts both through this call).
  const offResources = followResources();
  return () => {
    off();
    offLink();
    offResources();
  };
}
