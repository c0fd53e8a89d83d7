import { create } from 'zustand';
import { LiveSeries } from '../../../src-shared/live-series';
import { TIME_RANGE_MS, type MetricsSample, type StreamingMetrics, type TimeRange } from '../../../src-shared/metrics';
import { bridge } from '../bridge';
import { isLiveRange, rangeWatcher } from './metrics-ranges';
import { followResources } from './metrics-resources-store';

type SeriesName = keyof StreamingMetrics['series'];
const SERIES_NAMES = ['messages_per_sec', 'bytes_in_per_sec', 'bytes_out_per_sec', 'consumer_lag'] as const satisfies readonly SeriesName[];

/** The cluster's figures for one range, each series live (appended to in place, see LiveSeries). */
export type LiveStreamingMetrics = Omit<StreamingMetrics, 'series'> & { series: Record<SeriesName, LiveSeries> };

function live(metrics: StreamingMetrics): LiveStreamingMetrics {
  return { ...metrics, series: Object.fromEntries(SERIES_NAMES.map((name) => [name, LiveSeries.of(metrics.series[name])])) as Record<SeriesName, LiveSeries> };
}

interface MetricsState {
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
    const series = { ...metrics.series };
    for (const name of SERIES_NAMES) {
      const value = sample.cluster[name];
      if (value !== null) series[name] = series[name].appended([sample.at, value], rangeMs);
    }
    byRange[range] = { ...metrics, current: sample.cluster, series };
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
