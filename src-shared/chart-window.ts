import type { Point } from './metrics';

/** Appends a live point and drops the ones that fell out of the window: the chart never grows unbounded. */
export function appendPoint(points: Point[], point: Point, rangeMs: number): Point[] {
  const since = point[0] - rangeMs;
  let first = 0;
  while (first < points.length && points[first][0] < since) first += 1;
  return [...points.slice(first), point];
}
