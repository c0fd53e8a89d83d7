import { bucketDuration, thinByTime, type TimeThinned } from './chart-window';
import type { Point } from '@shared/metrics';
import { coordsOf } from './series-feed';

interface Known {
  buckets: number;
  /** The thinned points as [t0, v0, t1, v1, …], the form a chart is painted from. */
  coords: Float64Array;
  time: TimeThinned | null;
}

const bySeries = new WeakMap<Point[], Known>();
/** Each result under the newest point it was thinned from: the next update's series ends a point or two later. */
const byNewestPoint = new WeakMap<Point, Known>();
const LOOK_BACK = 4;

/** The result for the same series one update earlier, found by a point both share near the end. */
function earlier(points: Point[], buckets: number): TimeThinned | undefined {
  for (let back = 1; back <= LOOK_BACK && back <= points.length; back += 1) {
    const known = byNewestPoint.get(points[points.length - back]);
    if (known && known.buckets === buckets && known.time) return known.time;
  }
  return undefined;
}

/**
 * A series thinned for a chart of `buckets` columns, computed once per (series, width); a live
 * update, which appends a point to a new array, reuses every time bucket that did not change.
 */
function thinnedFor(points: Point[], buckets: number): Float64Array {
  const cached = bySeries.get(points);
  if (cached && cached.buckets === buckets) return cached.coords;
  let known: Known;
  if (points.length <= buckets * 2) {
    known = { buckets, coords: coordsOf(points), time: null };
  } else {
    const span = points[points.length - 1][0] - points[0][0];
    const time = thinByTime(points, bucketDuration(span, buckets), earlier(points, buckets));
    known = { buckets, coords: coordsOf(time.kept), time };
  }
  bySeries.set(points, known);
  if (points.length > 0) byNewestPoint.set(points[points.length - 1], known);
  return known.coords;
}

/** About one bucket per two pixels of plot width, each keeping its low and high: spikes survive thinning. */
function bucketsFor(plotWidth: number): number {
  return Math.max(40, Math.floor(plotWidth / 2));
}

/** Every series of a chart thinned for a plot `plotWidth` pixels wide, ready to paint. */
export function thinnedCoords(series: Point[][], plotWidth: number): Float64Array[] {
  const buckets = bucketsFor(plotWidth);
  return series.map((points) => thinnedFor(points, buckets));
}
