import { useEffect, useState } from 'react';
import type { TimeRange } from '../../../src-shared/metrics';
import { type LiveResourceMetrics, useResources, watchResourceRange } from '../stores/metrics-resources-store';
import { type LiveStreamingMetrics, useMetrics, watchClusterRange } from '../stores/metrics-store';

/** A chart's own range and the cluster series for it (loaded while the chart is mounted). */
export function useClusterWindow(initial: TimeRange = '15m'): [LiveStreamingMetrics | null, TimeRange, (range: TimeRange) => void] {
  const [range, setRange] = useState<TimeRange>(initial);
  useEffect(() => watchClusterRange(range), [range]);
  return [useMetrics((state) => state.byRange[range] ?? null), range, setRange];
}

/** A chart's own range and the Flink/ZooKeeper/process series for it. */
export function useResourceWindow(initial: TimeRange = '15m'): [LiveResourceMetrics | null, TimeRange, (range: TimeRange) => void] {
  const [range, setRange] = useState<TimeRange>(initial);
  useEffect(() => watchResourceRange(range), [range]);
  return [useResources((state) => state.byRange[range] ?? null), range, setRange];
}
