import { thinForWidth } from '../../../src-shared/chart-window';
import type { Point } from '../../../src-shared/metrics';

type Row = { at: number; value: number };
const cache = new WeakMap<Point[], { buckets: number; rows: Row[] }>();

/**
 * Chart rows for a series at a width, computed once per (series, width): a live update makes a
 * new array only for the series that got a point, so the other charts reuse their rows.
 */
export function rowsForWidth(points: Point[], buckets: number): Row[] {
  const known = cache.get(points);
  if (known && known.buckets === buckets) return known.rows;
  const rows = thinForWidth(points, buckets).map(([at, value]) => ({ at, value }));
  cache.set(points, { buckets, rows });
  return rows;
}
