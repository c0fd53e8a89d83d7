import { describe, expect, it } from 'vitest';
import { LiveSeries } from './live-series';
import type { Point } from '@shared/metrics';
import { applyFeed, feedFor, type SeriesFeed } from './series-feed';

const HOUR = 3_600_000;
const start = 1_700_000_000_000;
const pointsFrom = (count: number, first = 0): Point[] => Array.from({ length: count }, (_, i): Point => [start + (first + i) * 1000, (first + i) % 97]);

describe('series feeds to the plot worker', () => {
  it('rebuilds a sliding hour exactly from the first whole series and the appended points after it, across compactions', () => {
    let live = LiveSeries.of(pointsFrom(3600));
    let sent: LiveSeries | null = null;
    let held: Point[] | undefined;
    const kinds: SeriesFeed['kind'][] = [];
    // two hours and more: the shared log is compacted on the way (every ~3,600 appends)
    for (let second = 3600; second < 11_000; second += 1) {
      const feed = feedFor(sent, live);
      kinds.push(feed.kind);
      held = applyFeed(held, feed);
      sent = live;
      if (second % 500 === 0 || second > 10_990) expect(held).toEqual(live.toArray());
      // sometimes two points arrive between paints (a paint skipped), sometimes none
      if (second % 7 !== 0) live = live.appended(start + second * 1000, second % 97, HOUR);
      if (second % 11 === 0) live = live.appended(start + second * 1000 + 500, 1, HOUR);
    }
    expect(applyFeed(held, feedFor(sent, live))).toEqual(live.toArray());
    expect(kinds[0]).toBe('whole');
    expect(kinds.slice(1).every((kind) => kind !== 'whole')).toBe(true);
  });

  it('sends only the new points and how many fell off the start', () => {
    const before = LiveSeries.of(pointsFrom(3600));
    const after = before.appended(start + 3601 * 1000, 5, HOUR);
    const feed = feedFor(before, after);
    expect(feed).toMatchObject({ kind: 'append', drop: 1 });
    expect(feed.kind === 'append' && [...feed.coords]).toEqual([start + 3601 * 1000, 5]);
    expect(feedFor(after, after)).toEqual({ kind: 'same' });
  });

  it('sends the whole series when it was replaced rather than extended (a reload, another range)', () => {
    const loaded = LiveSeries.of(pointsFrom(10));
    const reloaded = LiveSeries.of(pointsFrom(10).map(([at, value]): Point => [at, value + 1]));
    expect(feedFor(loaded, reloaded).kind).toBe('whole');
    expect(applyFeed(applyFeed(undefined, feedFor(null, loaded)), feedFor(loaded, reloaded))).toEqual(reloaded.toArray());
    expect(feedFor(loaded, LiveSeries.EMPTY).kind).toBe('whole');
    expect(applyFeed(loaded.toArray(), feedFor(loaded, LiveSeries.EMPTY))).toEqual([]);
  });
});
