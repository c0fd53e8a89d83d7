import { describe, expect, it } from 'vitest';
import { nextSampleDelay } from '@main/services/metrics/metrics-sampler';

describe('the metrics sampler’s pace', () => {
  it('samples every interval while rounds are quick', () => {
    expect(nextSampleDelay(1000, 40)).toBe(1000);
    expect(nextSampleDelay(1000, 300)).toBe(1000);
  });

  it('backs off so slow rounds (thousands of partitions) keep the broker busy a quarter of the time at most', () => {
    expect(nextSampleDelay(1000, 1000)).toBe(3000); // a round every 4 s
    expect(nextSampleDelay(1000, 2500)).toBe(7500);
  });
});
