import { describe, expect, it } from 'vitest';
import { downsample, MetricSeries, RingBuffer } from '@main/services/metrics/ring-buffer';

describe('RingBuffer', () => {
  it('keeps only the newest `capacity` samples, oldest first', () => {
    const ring = new RingBuffer(3);
    for (let i = 1; i <= 5; i += 1) ring.push(i * 1000, i);
    expect(ring.length).toBe(3);
    expect(ring.since(0)).toEqual([
      [3000, 3],
      [4000, 4],
      [5000, 5],
    ]);
    expect(ring.last()).toEqual([5000, 5]);
    expect(ring.since(4500)).toEqual([[5000, 5]]);
  });
});

describe('MetricSeries', () => {
  it('answers short ranges from 1 s samples and long ranges from minute averages', () => {
    const series = new MetricSeries(3600, 60_000, 1440);
    const start = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
    for (let s = 0; s < 3 * 3600; s += 1) series.push(start + s * 1000, s < 3600 ? 10 : 20);
    const now = start + 3 * 3600 * 1000;
    const short = series.window(now, 300_000);
    expect(short.resolutionMs).toBe(1000);
    expect(short.points).toHaveLength(300);
    expect(short.points.every(([, value]) => value === 20)).toBe(true);
    const long = series.window(now, 86_400_000);
    expect(long.resolutionMs).toBe(60_000);
    expect(long.points).toHaveLength(180); // 179 closed minutes + the open one
    expect(long.points[0]).toEqual([start, 10]);
  });

  it('never hands a chart more than the point budget', () => {
    const points: [number, number][] = Array.from({ length: 3600 }, (_, i) => [i, i % 2]);
    const reduced = downsample(points, 600);
    expect(reduced.length).toBeLessThanOrEqual(600);
    expect(reduced.every(([, value]) => value === 0.5)).toBe(true);
  });
});

describe('resolution per range', () => {
  it('answers up to an hour at 1 s (every sample) and 6 h / 24 h from one-minute averages', () => {
    const series = new MetricSeries();
    const start = 1_700_000_000_000;
    for (let s = 0; s < 25 * 3600; s += 1) series.push(start + s * 1000, s % 10);
    const now = start + 25 * 3600 * 1000;
    const hour = series.window(now, 3_600_000);
    expect(hour.resolutionMs).toBe(1000);
    expect(hour.points.length).toBeGreaterThanOrEqual(3599);
    expect(hour.points[1][0] - hour.points[0][0]).toBe(1000);
    const six = series.window(now, 21_600_000);
    expect(six.resolutionMs).toBe(60_000);
    expect(six.points.length).toBeGreaterThanOrEqual(360);
    expect(six.points.length).toBeLessThanOrEqual(361);
    expect(six.points[0][1]).toBeCloseTo(4.5, 5);
    const day = series.window(now, 86_400_000);
    expect(day.points.length).toBeLessThanOrEqual(1441);
    expect(day.points.length).toBeGreaterThanOrEqual(1439);
  });

  it('covers an hour with a slower sampler (one point per 5 s)', () => {
    const series = new MetricSeries(720, 60_000, 1440, 5000);
    const start = 1_700_000_000_000;
    for (let s = 0; s < 2 * 720; s += 1) series.push(start + s * 5000, 1);
    const hour = series.window(start + 2 * 720 * 5000, 3_600_000);
    expect(hour.resolutionMs).toBe(5000);
    expect(hour.points.length).toBeGreaterThanOrEqual(719);
  });
});
