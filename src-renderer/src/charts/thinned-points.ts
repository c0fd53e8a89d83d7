import { bucketDuration, thinByTime, type TimeThinned } from './chart-window';
import type { Point } from '@shared/metrics';
import { coordsOf } from './series-feed';

interface Thinned {
  points: Point[];
  buckets: number;
  /** The thinned points as [t0, v0, t1, v1, …], the form a chart is painted from. */
  coords: Float64Array;
  time: TimeThinned | null;
}

/** About one bucket per two pixels of plot width, each keeping its low and high: spikes survive thinning. */
function bucketsFor(plotWidth: number): number {
  return Math.max(40, Math.floor(plotWidth / 2));
}

/** `points` thinned into `buckets` columns, reusing every time bucket of `earlier` (the same series an update before) that did not change. */
function thin(points: Point[], buckets: number, earlier: Thinned | undefined): Thinned {
  if (earlier && earlier.points === points && earlier.buckets === buckets) return earlier;
  if (points.length <= buckets * 2) return { points, buckets, coords: coordsOf(points), time: null };
  const span = points[points.length - 1][0] - points[0][0];
  const reusable = earlier?.buckets === buckets ? (earlier.time ?? undefined) : undefined;
  const time = thinByTime(points, bucketDuration(span, buckets), reusable);
  return { points, buckets, coords: coordsOf(time.kept), time };
}

/**
 * One chart's series thinned for painting, the last result of each series kept for the next
 * update. It was a cache keyed by each update's newest point (a WeakMap): every point still in the
 * window kept the result it was newest for alive, an hour of them per series, and the page's heap
 * grew by megabytes in minutes while it painted the charts itself (bench/soak --snapshot).
 */
export class ChartThinner {
  private kept: Thinned[] = [];

  /** Every series of the chart thinned for a plot `plotWidth` pixels wide, ready to paint. */
  coords(series: Point[][], plotWidth: number): Float64Array[] {
    const buckets = bucketsFor(plotWidth);
    this.kept = series.map((points, i) => thin(points, buckets, this.kept[i]));
    return this.kept.map(({ coords }) => coords);
  }
}
