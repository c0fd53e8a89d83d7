import { describe, expect, it } from 'vitest';
import { bucketDuration, thinByTime, type TimeThinned } from './chart-window';
import type { Point } from '@shared/metrics';

/** A deterministic wobbly series with a spike, one point a second. */
function series(count: number, startMs = 1_700_000_000_000, seed = 7): Point[] {
  let state = seed;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: count }, (_, i): Point => [startMs + i * 1000, i === Math.floor(count / 2) ? 10_000 : 100 + random() * 50]);
}

describe('thinning a live series by time', () => {
  it('keeps every bucket’s lowest and highest point and the newest point', () => {
    const points = series(3600);
    const thinned = thinByTime(points, bucketDuration(3_599_000, 300), undefined);
    expect(thinned.bucketMs).toBe(15_000);
    expect(thinned.kept.length).toBeLessThanOrEqual(2 * 241 + 1);
    expect(thinned.kept).toContain(points[1800]); // the spike survives
    expect(thinned.kept[thinned.kept.length - 1]).toBe(points[3599]);
    const times = thinned.kept.map(([at]) => at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('gives the same result from the previous update as from scratch, over a sliding hour', () => {
    let points = series(3600);
    const bucketMs = 15_000;
    let previous: TimeThinned = thinByTime(points, bucketMs);
    for (let update = 1; update <= 120; update += 1) {
      const at = points[points.length - 1][0] + 1000;
      // the hour slides on by one point, the others kept as the very same objects (as the plot worker's feeds keep them)
      points = [...points.filter(([time]) => time >= at - 3_600_000), [at, update % 17 === 0 ? 9_000 : (update * 37) % 90]];
      const incremental = thinByTime(points, bucketMs, previous);
      expect(incremental.kept).toEqual(thinByTime(points, bucketMs).kept);
      const middle = Math.floor(points[1800][0] / bucketMs);
      expect(incremental.buckets.get(middle)).toBe(previous.buckets.get(middle)); // reused, not read again
      previous = incremental;
    }
  });

  it('reads everything again when the series was reloaded rather than extended', () => {
    const before = thinByTime(series(3600, 1_700_000_000_000, 1), 15_000);
    const reloaded = series(3600, 1_700_000_000_000, 2); // same times, other values, new point objects
    expect(thinByTime(reloaded, 15_000, before).kept).toEqual(thinByTime(reloaded, 15_000).kept);
  });

  it('picks round bucket durations', () => {
    expect(bucketDuration(300_000, 300)).toBe(1000);
    expect(bucketDuration(3_600_000, 300)).toBe(15_000);
    expect(bucketDuration(86_400_000, 300)).toBe(300_000);
  });
});
