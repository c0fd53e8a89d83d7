import type { Point } from '@shared/metrics';

/** A series thinned into fixed time buckets, kept so the next update can reuse what did not change. */
export interface TimeThinned {
  /** The series these were thinned from. */
  source: Point[];
  bucketMs: number;
  /** Bucket start / bucketMs → its lowest and highest point in time order, in ascending keys. */
  buckets: Map<number, Point[]>;
  /** What to draw: every bucket's points, and always the newest point. */
  kept: Point[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const BUCKET_LADDER = [1, 2, 5, 10, 15, 30]
  .map((s) => s * SECOND)
  .concat(
    [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE),
    [1, 2, 3, 6, 12, 24].map((h) => h * 60 * MINUTE),
  );

/** A round bucket duration that fits `spanMs` into at most `buckets` buckets. */
export function bucketDuration(spanMs: number, buckets: number): number {
  const wanted = spanMs / Math.max(1, buckets);
  return BUCKET_LADDER.find((step) => step >= wanted) ?? Math.ceil(wanted);
}

function lowHigh(points: Point[], from: number, to: number): Point[] {
  let low = from;
  let high = from;
  for (let i = from + 1; i < to; i += 1) {
    if (points[i][1] < points[low][1]) low = i;
    if (points[i][1] > points[high][1]) high = i;
  }
  if (low === high) return [points[low]];
  return low < high ? [points[low], points[high]] : [points[high], points[low]];
}

/**
 * How `next` continues `previous` when it is `previous` with `dropped` points taken off the start
 * and points appended after the first `shared` (as appendPoint makes it); null when it does not.
 */
function overlapOf(previous: Point[], next: Point[]): { dropped: number; shared: number } | null {
  if (previous.length === 0 || next.length === 0) return null;
  const dropped = previous.indexOf(next[0]);
  if (dropped < 0) return null;
  const shared = previous.length - dropped;
  return shared <= next.length && next[shared - 1] === previous[previous.length - 1] ? { dropped, shared } : null;
}

/**
 * Thins a series into time buckets of `bucketMs`, each keeping its lowest and highest point (so
 * spikes survive). Buckets are aligned to the clock, so when `previous` is the same series one live
 * update earlier, every bucket but the first and the newest is reused rather than read again.
 */
export function thinByTime(points: Point[], bucketMs: number, previous?: TimeThinned): TimeThinned {
  const buckets = new Map<number, Point[]>();
  const n = points.length;
  if (n === 0) return { source: points, bucketMs, buckets, kept: [] };
  const key = (i: number) => Math.floor(points[i][0] / bucketMs);
  // the first bucket may have lost points off the window's start: always read again
  const firstKey = key(0);
  let i = 1;
  while (i < n && key(i) === firstKey) i += 1;
  buckets.set(firstKey, lowHigh(points, 0, i));
  if (previous && previous.bucketMs === bucketMs && overlapOf(previous.source, points)) {
    const previousLastKey = Math.floor(previous.source[previous.source.length - 1][0] / bucketMs);
    for (const [reused, kept] of previous.buckets) if (reused > firstKey && reused < previousLastKey) buckets.set(reused, kept);
    let j = n;
    while (j > i && key(j - 1) >= previousLastKey) j -= 1;
    i = j;
  }
  while (i < n) {
    const current = key(i);
    let j = i + 1;
    while (j < n && key(j) === current) j += 1;
    buckets.set(current, lowHigh(points, i, j));
    i = j;
  }
  const kept: Point[] = [];
  for (const bucket of buckets.values()) kept.push(...bucket);
  // The newest point is what a live chart is watched for: always keep it.
  if (kept[kept.length - 1] !== points[n - 1]) kept.push(points[n - 1]);
  return { source: points, bucketMs, buckets, kept };
}
