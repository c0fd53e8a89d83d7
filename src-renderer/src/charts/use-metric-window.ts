import { useEffect, useState } from 'react';
import type { TimeRange } from '@shared/metrics';
import { clusterMetrics, resourceMetrics } from '../features/metrics/metrics-store';

/**
 * A chart's own range, its cluster series loaded while the chart is mounted. The chart reads the
 * series from the store itself, outside React (LiveChart), so a live update renders nothing here.
 */
export function useClusterRange(initial: TimeRange = '15m'): [TimeRange, (range: TimeRange) => void] {
  const [range, setRange] = useState<TimeRange>(initial);
  useEffect(() => clusterMetrics.watch({ range }), [range]);
  return [range, setRange];
}

/** A chart's own range, its Flink/ZooKeeper/process series loaded while the chart is mounted. */
export function useResourceRange(initial: TimeRange = '15m'): [TimeRange, (range: TimeRange) => void] {
  const [range, setRange] = useState<TimeRange>(initial);
  useEffect(() => resourceMetrics.watch({ range }), [range]);
  return [range, setRange];
}
