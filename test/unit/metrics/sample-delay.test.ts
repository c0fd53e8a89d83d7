import { describe, expect, it } from 'vitest';
import { busyShare, nextSampleDelay } from '@main/services/metrics/metrics-sampler';

describe('the metrics sampler’s pace', () => {
  it('samples every interval while rounds are quick', () => {
    expect(nextSampleDelay(1000, 40, 35)).toBe(1000);
    expect(nextSampleDelay(1000, 300, 320)).toBe(1000);
  });

  it('backs off so slow rounds (thousands of partitions) keep the broker busy a quarter of the time at most', () => {
    expect(nextSampleDelay(1000, 1000, 1100)).toBe(3000); // a round every 4 s
    expect(nextSampleDelay(1000, 2500, 2600)).toBe(7500);
  });

  it('does not back off after one slow round: the first (its connections opened), a timeout, a pause', () => {
    expect(nextSampleDelay(1000, 2300, null)).toBe(1000); // the first round: no previous
    expect(nextSampleDelay(1000, 5000, 60)).toBe(1000);
    // slow twice in a row is a slow cluster: backed off by the quicker of the two
    expect(nextSampleDelay(1000, 5000, 1000)).toBe(3000);
  });

  it('keeps a cluster of more than 5,000 partitions busy a twentieth of the time, not a quarter', () => {
    expect(busyShare(3_000)).toBe(4);
    expect(busyShare(30_057)).toBe(20);
    expect(nextSampleDelay(1000, 1500, 1400, busyShare(30_057))).toBe(26_600); // a point every 28 s
    expect(nextSampleDelay(1000, 40, 35, busyShare(30_057))).toBe(1000);
  });
});
