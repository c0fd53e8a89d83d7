import { describe, expect, it } from 'vitest';
import type { Point } from '@shared/metrics';
import { ChartThinner } from './thinned-points';

const start = 1_700_000_000_000;
const hourFrom = (second: number): Point[] => Array.from({ length: 3600 }, (_, i): Point => [start + (second + i) * 1000, ((second + i) * 37) % 101]);

describe('a chart’s thinner', () => {
  it('thins a sliding hour update by update exactly as from scratch', () => {
    const thinner = new ChartThinner();
    let points = hourFrom(0);
    for (let second = 1; second < 400; second += 1) {
      // as the plot worker holds a series: the same point objects, a point off the start and one on the end
      points = [...points.slice(1), [start + (second + 3599) * 1000, ((second + 3599) * 37) % 101]];
      const [incremental] = thinner.coords([points], 600);
      if (second % 50 === 0) expect([...incremental]).toEqual([...new ChartThinner().coords([points], 600)[0]]);
    }
  });

  it('gives the same coordinates again for the same series and width, and thins again for another width', () => {
    const thinner = new ChartThinner();
    const points = hourFrom(0);
    const [first] = thinner.coords([points], 600);
    expect(thinner.coords([points], 600)[0]).toBe(first);
    const [narrower] = thinner.coords([points], 300);
    expect(narrower).not.toBe(first);
    expect(narrower.length).toBeLessThan(first.length);
    // a short series is drawn as it is
    expect([...thinner.coords([points.slice(0, 3)], 600)[0]]).toEqual(points.slice(0, 3).flat());
  });
});
