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

/** Points as [t0, v0, t1, v1, …] from index `from` on: a transferable buffer. */
export function coordsOf(points: Point[] | LiveSeries, from = 0): Float64Array {
  const coords = new Float64Array((points.length - from) * 2);
  for (let i = from; i < points.length; i += 1) {
    const [at, value] = points.at(i)!;
    coords[2 * (i - from)] = at;
    coords[2 * (i - from) + 1] = value;
  }
  return coords;
}

/**
 * How `next` continues `previous`: `dropped` points gone from its start, then the `shared` ones
 * after them still there (the very point objects), then new ones; null when it does not.
 */
function overlapOf(previous: LiveSeries, next: LiveSeries): { dropped: number; shared: number } | null {
  const first = next.at(0);
  if (previous.length === 0 || !first) return null;
  const dropped = previous.indexOf(first);
  if (dropped < 0) return null;
  const shared = previous.length - dropped;
  return shared <= next.length && next.at(shared - 1) === previous.last() ? { dropped, shared } : null;
}

/** What to send for `series` when the painter holds `held` (what was sent last, or null). */
export function feedFor(held: LiveSeries | null, series: LiveSeries): SeriesFeed {
  if (held === series) return { kind: 'same' };
  const overlap = held ? overlapOf(held, series) : null;
  if (overlap) return { kind: 'append', drop: overlap.dropped, coords: coordsOf(series, overlap.shared) };
  return { kind: 'whole', coords: coordsOf(series) };
}

/** The painter's side: the series as it was sent, rebuilt from feeds. */
export function applyFeed(held: Point[] | undefined, feed: SeriesFeed): Point[] {
  if (feed.kind === 'same') return held ?? [];
  const kept = feed.kind === 'whole' ? [] : (held ?? []).slice(feed.drop);
  for (let i = 0; i < feed.coords.length; i += 2) kept.push([feed.coords[i], feed.coords[i + 1]]);
  return kept;
}
