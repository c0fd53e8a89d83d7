import type { LiveSeries } from './live-series';
import type { Point } from '@shared/metrics';

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

/** Points as [t0, v0, t1, v1, …]: a transferable buffer. */
export function coordsOf(points: Point[]): Float64Array {
  const coords = new Float64Array(points.length * 2);
  points.forEach(([at, value], i) => {
    coords[2 * i] = at;
    coords[2 * i + 1] = value;
  });
  return coords;
}

/** What to send for `series` when the painter holds `held` (what was sent last, or null). */
export function feedFor(held: LiveSeries | null, series: LiveSeries): SeriesFeed {
  if (held === series) return { kind: 'same' };
  const overlap = held ? series.continues(held) : null;
  if (overlap) return { kind: 'append', drop: overlap.dropped, coords: series.coords(overlap.shared) };
  return { kind: 'whole', coords: series.coords() };
}

/** The painter's side: the series as it was sent, rebuilt from feeds. */
export function applyFeed(held: Point[] | undefined, feed: SeriesFeed): Point[] {
  if (feed.kind === 'same') return held ?? [];
  const kept = feed.kind === 'whole' ? [] : (held ?? []).slice(feed.drop);
  for (let i = 0; i < feed.coords.length; i += 2) kept.push([feed.coords[i], feed.coords[i + 1]]);
  return kept;
}
