import { create } from 'zustand';
import type { MetricsSample, StreamingMetrics, TimeRange } from '../../../src-shared/metrics';
import { TIME_RANGE_MS } from '../../../src-shared/metrics';
import { bridge } from '../bridge';
import { appendPoint } from '../../../src-shared/chart-window';

interface MetricsState {
  range: TimeRange;
  cluster: StreamingMetrics | null;
  latest: MetricsSample | null;
  error: string | null;
  setRange(range: TimeRange): Promise<void>;
}


export const useMetrics = create<MetricsState>((set) => ({
  range: '15m',
  cluster: null,
  latest: null,
  error: null,
  async setRange(range) {
    set({ range });
    try {
      set({ cluster: await bridge.call('metrics:cluster', { time_range: range }), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));

export function followMetrics(): () => void {
  void useMetrics.getState().setRange(useMetrics.getState().range);
  const off = bridge.on('metrics:sampled', (sample) =>
    useMetrics.setState((state) => {
      if (!state.cluster) return { latest: sample };
      // Long ranges are minute averages: live 1 s points would not match them, so only short ranges append.
      if (TIME_RANGE_MS[state.range] > 3_600_000) return { latest: sample };
      const rangeMs = TIME_RANGE_MS[state.range];
      const series = { ...state.cluster.series };
      for (const name of ['messages_per_sec', 'bytes_in_per_sec', 'bytes_out_per_sec', 'consumer_lag'] as const) {
        const value = sample.cluster[name];
        if (value !== null) series[name] = appendPoint(series[name], [sample.at, value], rangeMs);
      }
      return { latest: sample, cluster: { ...state.cluster, current: sample.cluster, series } };
    }),
  );
  const offLink = bridge.onConnectionChange((linked) => linked && void useMetrics.getState().setRange(useMetrics.getState().range));
  return () => {
    off();
    offLink();
  };
}
