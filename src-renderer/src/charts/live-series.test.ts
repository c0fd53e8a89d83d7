import { describe, expect, it } from 'vitest';
import { LiveSeries } from './live-series';
import type { Point } from '@shared/metrics';

const times = (series: LiveSeries) => series.toArray().map(([at]) => at);

describe('a live series', () => {
  it('appends and drops points older than the range', () => {
    let series = LiveSeries.EMPTY;
    for (let t = 0; t <= 10_000; t += 1000) series = series.appended([t, t], 5000);
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
      series = series.appended([t * 1000, t % 13], 600_000);
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
    const first = base.appended([2000, 3], 60_000);
    const second = base.appended([2000, 30], 60_000);
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
    expect(first.appended([3000, 4], 60_000).toArray()).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 3],
      [3000, 4],
    ]);
  });

  it('does not share the points it was made of with their owner', () => {
    const given: Point[] = [[0, 1]];
    LiveSeries.of(given).appended([1000, 2], 60_000);
    expect(given).toEqual([[0, 1]]);
  });

  it('reads its value range without copying, and finds a point by identity', () => {
    const points: Point[] = [
      [0, 5],
      [1000, -2],
      [1000, 9],
      [2000, 3],
    ];
    const series = LiveSeries.of(points);
    expect(series.valueRange()).toEqual({ low: -2, high: 9 });
    expect(LiveSeries.EMPTY.valueRange()).toEqual({ low: Infinity, high: -Infinity });
    expect(series.indexOf(points[2])).toBe(2);
    expect(series.indexOf([1000, 9])).toBe(-1); // an equal point is not the point
  });
});

describe('a live series’ value range', () => {
  it('stays what reading every point gives, as extremes arrive and fall out of the window', () => {
    let series = LiveSeries.EMPTY;
    for (let t = 0; t < 3000; t += 1) {
      // spikes up and down that later slide out of the 200-point window, and flat stretches
      const value = t % 450 === 0 ? 1000 : t % 333 === 0 ? -50 : t >= 2000 && t < 2400 ? 7 : (t * 37) % 90;
      series = series.appended([t * 1000, value], 199_000);
      const values = series.toArray().map(([, v]) => v);
      expect(series.valueRange()).toEqual({ low: Math.min(...values), high: Math.max(...values) });
    }
  });
});
