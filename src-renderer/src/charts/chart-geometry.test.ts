import { describe, expect, it } from 'vitest';
import { LiveSeries } from './live-series';
import type { Point } from '@shared/metrics';
import { binaryUnit, labelledValueAxis, nearestIndex, scale, timeDomain, timeTicks, valueAxis } from './chart-geometry';

/** Each list of points as a live series, as the charts get them. */
const live = (...series: Point[][]) => series.map((points) => LiveSeries.of(points));

describe('live chart geometry', () => {
  it('spans the time of every drawn series, and nothing when none has points', () => {
    expect(
      timeDomain(
        live(
          [
            [1000, 1],
            [5000, 2],
          ],
          [
            [3000, 1],
            [9000, 4],
          ],
          [],
        ),
      ),
    ).toEqual({ from: 1000, to: 9000 });
    expect(timeDomain(live([], []))).toBeNull();
    // one point still gets a span, so the scale does not divide by zero
    expect(timeDomain(live([[7, 1]]))).toEqual({ from: 7, to: 8 });
  });

  it('puts the value axis on round ticks from zero to just above the highest value', () => {
    const { domain, ticks } = valueAxis(
      live([
        [0, 12],
        [1, 873],
      ]),
      4,
    );
    expect(domain).toEqual({ from: 0, to: 1000 });
    expect(ticks).toEqual([0, 250, 500, 750, 1000]);
  });

  it('keeps small fractional ticks readable and honours a given top', () => {
    expect(valueAxis(live([[0, 0.27]]), 4).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueAxis(live([[0, 42]]), 4, () => 100).domain).toEqual({ from: 0, to: 100 });
  });

  it('reaches below zero for negative values and draws a flat zero series on a unit axis', () => {
    expect(
      valueAxis(
        live([
          [0, -30],
          [1, 70],
        ]),
        4,
      ).domain.from,
    ).toBeLessThanOrEqual(-30);
    expect(
      valueAxis(
        live([
          [0, 0],
          [1, 0],
        ]),
        4,
      ).domain,
    ).toEqual({ from: 0, to: 1 });
  });

  it('maps a domain onto pixels, upside down for values', () => {
    const y = scale({ from: 0, to: 100 }, 150, 10);
    expect(y(0)).toBe(150);
    expect(y(100)).toBe(10);
    expect(y(50)).toBe(80);
  });

  it('finds the point nearest in time for the tooltip', () => {
    const points = LiveSeries.of([
      [0, 1],
      [10, 2],
      [20, 3],
      [30, 4],
    ]);
    expect(nearestIndex(points, -5)).toBe(0);
    expect(nearestIndex(points, 14)).toBe(1);
    expect(nearestIndex(points, 16)).toBe(2);
    expect(nearestIndex(points, 99)).toBe(3);
    expect(nearestIndex(LiveSeries.EMPTY, 5)).toBe(-1);
  });

  it('labels the time axis inside its edges', () => {
    expect(timeTicks({ from: 0, to: 1000 })).toEqual([100, 500, 900]);
  });
});

describe('value axis labels', () => {
  const whole = (value: number) => String(Math.round(value));
  it('keeps four round ticks when their labels differ', () => {
    expect(labelledValueAxis(live([[0, 380]]), whole).ticks.map((tick) => tick.label)).toEqual(['0', '100', '200', '300', '400']);
  });

  it('uses fewer ticks rather than repeat a label (a flat zero of whole numbers)', () => {
    expect(
      labelledValueAxis(
        live([
          [0, 0],
          [1, 0],
        ]),
        whole,
      ).ticks.map((tick) => tick.label),
    ).toEqual(['0', '1']);
  });

  it('keeps only the baseline when no two ticks can differ in the unit shown', () => {
    const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(2);
    expect(
      labelledValueAxis(
        live([
          [0, 0],
          [1, 0],
        ]),
        megabytes,
      ).ticks,
    ).toEqual([{ value: 0, label: '0.00' }]);
  });

  it('puts the ticks on round numbers of the unit shown, not of the unit measured (MB/s of bytes)', () => {
    const MB = 1_048_576;
    const megabytes = (bytes: number) => String(Number((bytes / MB).toFixed(2)));
    // 90 MB/s at the top: round bytes gave 23.84, 47.68, 95.37
    const axis = labelledValueAxis(live([[0, 90 * MB]]), megabytes, undefined, MB);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['0', '25', '50', '75', '100']);
    expect(axis.ticks.map((tick) => tick.value)).toEqual([0, 25 * MB, 50 * MB, 75 * MB, 100 * MB]);
    expect(axis.domain).toEqual({ from: 0, to: 100 * MB });
    // a fraction of the unit still lands on round fractions of it
    expect(labelledValueAxis(live([[0, 0.3 * MB]]), megabytes, undefined, MB).ticks.map((tick) => tick.label)).toEqual(['0', '0.1', '0.2', '0.3']);
  });

  it('picks the unit of a byte axis from its highest value, as the figure does', () => {
    expect(binaryUnit(900)).toBe(1);
    expect(binaryUnit(700 * 1_048_576)).toBe(1_048_576);
    expect(binaryUnit(3 * 1024 ** 3)).toBe(1024 ** 3);
    const axis = labelledValueAxis(live([[0, 700 * 1_048_576]]), (bytes) => `${bytes / 1_048_576} MB`, undefined, binaryUnit);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['0 MB', '200 MB', '400 MB', '600 MB', '800 MB']);
  });
});
