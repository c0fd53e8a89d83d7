import { thinForWidth } from '../../../src-shared/chart-window';
import type { Point } from '../../../src-shared/metrics';

export interface Thinned {
  points: Point[];
  /** The same points as [t0, v0, t1, v1, …], the form the plot worker paints from. */
  coords: Float64Array;
}

const cache = new WeakMap<Point[], { buckets: number; thinned: Thinned }>();

/**
 * A series thinned for a width, computed once per (series, width): a live update makes a new
 * array only for the series that got a point, so the other charts reuse theirs.
 */
export function thinnedFor(points: Point[], buckets: number): Thinned {
  const known = cache.get(points);
  if (known && known.buckets === buckets) return known.thinned;
  const kept = thinForWidth(points, buckets);
  const coords = new Float64Array(kept.length * 2);
  kept.forEach(([at, value], i) => {
    coords[2 * i] = at;
    coords[2 * i + 1] = value;
  });
  const thinned = { points: kept, coords };
  cache.set(points, { buckets, thinned });
  return thinned;
}
