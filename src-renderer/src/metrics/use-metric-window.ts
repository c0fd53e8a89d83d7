import { useEffect, useState } from 'react';
import type { ResourceMetrics, StreamingMetrics, TimeRange } from '../../../src-shared/metrics';
import { useResources, watchResourceRange } from '../stores/metrics-resources-store';
import { useMetrics, watchClusterRange } from '../stores/metrics-store';

/** A chart's own range and the cluster series for it (loaded while the chart is mounted). */
export function useClusterWindow(initial: TimeRange = '15m'): [StreamingMetrics | null, TimeRange, (range: TimeRange) => void] {
  const [range, setRange] = useState<TimeRange>(initial);
  useEffect(() => watchClusterRange(range), [range]);
  return [useMetrics((state) => state.byRange[range] ?? null), range, setRange];
}

/** A chart's own range and the Flink/ZooKeeper/process series for it. */
export function useResourceWindow(initial: TimeRange = '15m'): [ResourceMetrics | null, TimeRange, (range: TimeRange) => void] {
  const [range, setRange] = useState<TimeRange>(initial);
  useEffect(() => watchResourceRange(range), [range]);
  return [useResources((state) => state.byRange[range] ?? null), range, setRange];
}
