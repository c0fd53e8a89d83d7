import { describe, expect, it } from 'vitest';
import { LiveSeries } from './live-series';
import type { Point } from '@shared/metrics';

const times = (series: LiveSeries) => series.toArray().map(([at]) => at);

describe('a live series', () => {
  it('appends and drops points older than the range', () => {
    let series = LiveSeries.EMPTY;
    for (let t = 0; t <= 10_000; t += 1000) series = series.appended(t, t, 5000);
    expect(times(series)).toEqual([5000, 6000, 7000, 8000, 9000, 10_000]);
    expect(series.length).toBe(6);
    expect(series.at(0)).toEqual([5000, 5000]);
    expect(series.last()).toEqual([10_000, 10_000]);
    expect(series.at(6)).toBeUndefined();
    expect(series.at(-1)).toBeUndefined();
  });

  it('leaves every earlier snapshot as it was, through appends and compactions', () => {
    const snapshots: { series: LiveSeries; points: Point[] }[] = [];
    let series = LiveSeries.of([[0, 0]]);
    for (let t = 1; t < 5000; t += 1) {
      series = series.appended(t * 1000, t % 13, 600_000);
      if (t % 250 === 0) snapshots.push({ series, points: series.toArray() });
    }
    expect(series.length).toBe(601);
    for (const { series: snapshot, points } of snapshots) expect(snapshot.toArray()).toEqual(points);
  });

  it('branches off when a stale snapshot is appended to, and neither sees the other’s point', () => {
    const base = LiveSeries.of([
      [0, 1],
      [1000, 2],
    ]);
    const first = base.appended(2000, 3, 60_000);
    const second = base.appended(2000, 30, 60_000);
    expect(first.toArray()).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 3],
    ]);
    expect(second.toArray()).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 30],
    ]);
    expect(base.toArray()).toEqual([
      [0, 1],
      [1000, 2],
    ]);
    expect(first.appended(3000, 4, 60_000).toArray()).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 3],
      [3000, 4],
    ]);
  });

  it('does not share the points it was made of with their owner', () => {
    const given: Point[] = [[0, 1]];
    LiveSeries.of(given).appended(1000, 2, 60_000);
    expect(given).toEqual([[0, 1]]);
  });

  it('reads its times, values, value range and coordinates without [t, v] arrays', () => {
    const series = LiveSeries.of([
      [0, 5],
      [1000, -2],
      [1000, 9],
      [2000, 3],
    ]);
    expect([series.timeAt(2), series.valueAt(2)]).toEqual([1000, 9]);
    expect(series.valueRange()).toEqual({ low: -2, high: 9 });
    expect(LiveSeries.EMPTY.valueRange()).toEqual({ low: Infinity, high: -Infinity });
    expect([...series.coords()]).toEqual([0, 5, 1000, -2, 1000, 9, 2000, 3]);
    expect([...series.coords(3)]).toEqual([2000, 3]);
    expect([...LiveSeries.EMPTY.coords()]).toEqual([]);
  });

  it('keeps every snapshot of a day of 1 s points in a sliding hour as it was', () => {
    let series = LiveSeries.EMPTY;
    const kept: { series: LiveSeries; first: number; last: number }[] = [];
    for (let t = 0; t < 86_400; t += 1) {
      series = series.appended(t * 1000, t, HOUR);
      if (t % 3001 === 0) kept.push({ series, first: Math.max(0, t - 3600), last: t });
    }
    expect(series.length).toBe(3601);
    for (const { series: snapshot, first, last } of kept) {
      expect(snapshot.length).toBe(last - first + 1);
      expect([snapshot.timeAt(0), snapshot.valueAt(0), snapshot.valueAt(snapshot.length - 1)]).toEqual([first * 1000, first, last]);
      expect(snapshot.valueRange()).toEqual({ low: first, high: last });
    }
  });
});

const HOUR = 3_600_000;

/** A series of `count` points, one a second from `from` (value = its second), in a sliding hour. */
function seconds(count: number, from = 0, series = LiveSeries.EMPTY): LiveSeries {
  for (let t = from; t < from + count; t += 1) series = series.appended(t * 1000, t, HOUR);
  return series;
}

describe('how a live series continues an earlier one (what the plot worker is sent)', () => {
  it('names the points dropped and shared, across the log being copied when full', () => {
    const earlier = seconds(3000);
    let later = earlier;
    let next = 3000;
    // the third step fills the log (sized for the hour and a quarter more) and goes on in a copy
    for (const step of [1, 1999, 1599]) {
      later = seconds(step, next, later);
      next += step;
      const overlap = later.continues(earlier)!;
      expect(overlap).not.toBeNull();
      // what the worker holds after dropping and keeping is exactly the later series' start
      expect(later.timeAt(0)).toBe(earlier.timeAt(overlap.dropped));
      expect(later.timeAt(overlap.shared - 1)).toBe(earlier.timeAt(earlier.length - 1));
      expect(overlap.dropped + later.length).toBe(earlier.length + (later.timeAt(later.length - 1) - earlier.timeAt(earlier.length - 1)) / 1000);
    }
  });

  it('does not continue another series, an older snapshot, or one whose points all left the window', () => {
    const earlier = seconds(100);
    expect(earlier.continues(seconds(100))).toBeNull(); // equal points, another series
    expect(seconds(1).continues(seconds(1))).toBeNull(); // both begun from EMPTY
    expect(earlier.continues(seconds(101))).toBeNull();
    expect(seconds(10, 100, earlier).continues(seconds(99))).toBeNull();
    expect(seconds(1, 100_000, earlier).continues(earlier)).toBeNull();
    expect(earlier.continues(earlier)).toEqual({ dropped: 0, shared: 100 });
  });

  it('branches a stale snapshot off, with room in its log or full, and neither branch continues the other', () => {
    for (const base of [seconds(10), LiveSeries.of(seconds(10).toArray())]) {
      const first = base.appended(10_000, 1, HOUR);
      const second = base.appended(10_000, 2, HOUR);
      expect([first.valueAt(10), second.valueAt(10), base.length]).toEqual([1, 2, 10]);
      expect(first.continues(base)).toEqual({ dropped: 0, shared: 10 });
      expect(second.continues(base)).toBeNull();
      expect(second.continues(first)).toBeNull();
      expect(first.continues(second)).toBeNull();
      expect(second.appended(11_000, 3, HOUR).continues(second)).toEqual({ dropped: 0, shared: 11 });
    }
  });
});

describe('a live series’ value range', () => {
  it('stays what reading every point gives, as extremes arrive and fall out of the window', () => {
    let series = LiveSeries.EMPTY;
    for (let t = 0; t < 3000; t += 1) {
      // spikes up and down that later slide out of the 200-point window, and flat stretches
      const value = t % 450 === 0 ? 1000 : t % 333 === 0 ? -50 : t >= 2000 && t < 2400 ? 7 : (t * 37) % 90;
      series = series.appended(t * 1000, value, 199_000);
      const values = Array.from({ length: series.length }, (_, i) => series.valueAt(i));
      expect(series.valueRange()).toEqual({ low: Math.min(...values), high: Math.max(...values) });
    }
  });
});
