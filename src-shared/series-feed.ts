import { overlapOf } from './chart-window';
import type { Point } from './metrics';

/**
 * One series as it crosses to the plot worker: whole the first time, then only what changed. A
 * live update appends a point or two to an hour of them, and sending the hour again for twenty
 * series was a third of an update's main-thread time (bench/dashboard --profile).
 */
export type SeriesFeed =
  | { kind: 'whole'; coords: Float64Array }
  /** Drop `drop` points off the start, then append `coords`. */
  | { kind: 'append'; drop: number; coords: Float64Array }
  | { kind: 'same' };

/** Points as [t0, v0, t1, v1, …] from index `from` on: a transferable buffer. */
export function coordsOf(points: Point[], from = 0): Float64Array {
  const coords = new Float64Array((points.length - from) * 2);
  for (let i = from; i < points.length; i += 1) {
    coords[2 * (i - from)] = points[i][0];
    coords[2 * (i - from) + 1] = points[i][1];
  }
  return coords;
}

/** What to send for `points` when the painter holds `held` (what was sent last, or null). */
export function feedFor(held: Point[] | null, points: Point[]): SeriesFeed {
  if (held === points) return { kind: 'same' };
  const overlap = held ? overlapOf(held, points) : null;
  if (overlap) return { kind: 'append', drop: overlap.dropped, coords: coordsOf(points, overlap.shared) };
  return { kind: 'whole', coords: coordsOf(points) };
}

/** The painter's side: the series as it was sent, rebuilt from feeds. */
export function applyFeed(held: Point[] | undefined, feed: SeriesFeed): Point[] {
  if (feed.kind === 'same') return held ?? [];
  const kept = feed.kind === 'whole' ? [] : (held ?? []).slice(feed.drop);
  for (let i = 0; i < feed.coords.length; i += 2) kept.push([feed.coords[i], feed.coords[i + 1]]);
  return kept;
}
