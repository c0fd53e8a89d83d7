import type { Point } from './metrics';

/** Appends a live point and drops the ones that fell out of the window: the chart never grows unbounded. */
export function appendPoint(points: Point[], point: Point, rangeMs: number): Point[] {
  const since = point[0] - rangeMs;
  let first = 0;
  while (first < points.length && points[first][0] < since) first += 1;
  // one copy (slice), not two (slice then spread): twenty series of 3,600 points each update
  const next = points.slice(first);
  next.push(point);
  return next;
}

/**
 * Thins a series to at most `2 × buckets` points for drawing: each bucket keeps its lowest and
 * highest point in time order, so spikes survive (an average would flatten them). A chart asks
 * for about one bucket per two pixels; more points than pixels only cost time.
 */
export function thinForWidth(points: Point[], buckets: number): Point[] {
  if (points.length <= buckets * 2 || buckets < 1) return points;
  const out: Point[] = [];
  const size = points.length / buckets;
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const from = Math.floor(bucket * size);
    const to = Math.min(points.length, Math.floor((bucket + 1) * size));
    if (from >= to) continue;
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i += 1) {
      if (points[i][1] < points[low][1]) low = i;
      if (points[i][1] > points[high][1]) high = i;
    }
    if (low === high) out.push(points[low]);
    else if (low < high) out.push(points[low], points[high]);
    else out.push(points[high], points[low]);
  }
  // The newest point is what a live chart is watched for: always keep it.
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}
