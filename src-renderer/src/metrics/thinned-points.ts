import { thinForWidth } from '../../../src-shared/chart-window';
import type { Point } from '../../../src-shared/metrics';

const cache = new WeakMap<Point[], { buckets: number; thinned: Point[] }>();

/**
 * A series thinned for a width, computed once per (series, width): a live update makes a new
 * array only for the series that got a point, so the other charts reuse theirs.
 */
export function thinnedFor(points: Point[], buckets: number): Point[] {
  const known = cache.get(points);
  if (known && known.buckets === buckets) return known.thinned;
  const thinned = thinForWidth(points, buckets);
  cache.set(points, { buckets, thinned });
  return thinned;
}
