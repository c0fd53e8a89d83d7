import { create } from 'zustand';
import { LiveSeries } from '../../charts/live-series';
import { TIME_RANGE_MS, type ResourceMetrics, type ResourcesSample, type TimeRange } from '../../../../src-shared/metrics';
import { bridge } from '../../bridge';
import { isLiveRange, rangeWatcher } from './metrics-ranges';

/** One Flink, ZooKeeper or process series, live (appended to in place, see LiveSeries). */
export type LiveResourceSeries = Omit<ResourceMetrics['series'][number], 'points'> & { points: LiveSeries };
export type LiveResourceMetrics = Omit<ResourceMetrics, 'series'> & { series: LiveResourceSeries[] };

function live(metrics: ResourceMetrics): LiveResourceMetrics {
  return { ...metrics, series: metrics.series.map((series) => ({ ...series, points: LiveSeries.of(series.points) })) };
}

interface ResourcesState {
  /** Flink, ZooKeeper and process series for each range some chart shows. */
  byRange: Partial<Record<TimeRange, LiveResourceMetrics>>;
  latest: ResourcesSample | null;
  error: string | null;
  load(range: TimeRange): Promise<void>;
}

export const useResources = create<ResourcesState>((set) => ({
  byRange: {},
  latest: null,
  error: null,
  async load(range) {
    try {
      const loaded = await bridge.call('metrics:resources', { time_range: range });
      set((state) => ({ byRange: { ...state.byRange, [range]: live(loaded) }, error: null }));
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));

/**
 * One resource round into every loaded live range, in one state change. Series that first
 * appear (a job just started) are added; the others get their point appended. Exported for bench/dashboard.
 */
export function applyResourcesSample(state: Pick<ResourcesState, 'byRange'>, sample: ResourcesSample): Pick<ResourcesState, 'byRange' | 'latest'> {
  const byRange: ResourcesState['byRange'] = {};
  for (const [range, metrics] of Object.entries(state.byRange) as [TimeRange, LiveResourceMetrics][]) {
    const rangeMs = TIME_RANGE_MS[range];
    if (!isLiveRange(range)) {
      byRange[range] = { ...metrics, unavailable: sample.unavailable };
      continue;
    }
    const fresh = new Map(sample.values.map((entry) => [entry.key, entry]));
    const series = metrics.series.map((known) => {
      const entry = fresh.get(known.key);
      if (!entry) return known;
      fresh.delete(known.key);
      return { ...known, label: entry.label, current: entry.value, points: known.points.appended([sample.at, entry.value], rangeMs) };
    });
    for (const { value, ...id } of fresh.values()) series.push({ ...id, current: value, points: LiveSeries.of([[sample.at, value]]) });
    byRange[range] = { ...metrics, series, unavailable: sample.unavailable };
  }
  return { latest: sample, byRange };
}

const ranges = rangeWatcher(
  (range) => void useResources.getState().load(range),
  (range) =>
    useResources.setState((state) => {
      const { [range]: _dropped, ...rest } = state.byRange;
      return { byRange: rest };
    }),
);

/** A chart shows `range`: loaded now, re-read every minute when long, dropped when no chart shows it. */
export const watchResourceRange = ranges.watch;

export function followResources(): () => void {
  const off = bridge.on('metrics:resourcesSampled', (sample) => useResources.setState((state) => applyResourcesSample(state, sample)));
  const offLink = bridge.onConnectionChange((linked) => linked && ranges.reloadAll());
  return () => {
    off();
    offLink();
  };
}
