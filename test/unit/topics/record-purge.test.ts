import { describe, expect, it } from 'vitest';
import { purgePlan } from '@main/services/topics/record-purge';

const offsets = new Map([
  [1, { start: 10, end: 50 }],
  [0, { start: 0, end: 100 }],
]);

describe('purge plan', () => {
  it('never goes below what is already gone nor past the end, partitions in order', () => {
    expect(purgePlan(offsets, { offset: 30 }, new Map())).toEqual([
      { partition: 0, lowWatermark: 0, newLowWatermark: 30, highWatermark: 100, removed: 30 },
      { partition: 1, lowWatermark: 10, newLowWatermark: 30, highWatermark: 50, removed: 20 },
    ]);
    expect(purgePlan(offsets, { offset: 5 }, new Map()).map((p) => p.removed)).toEqual([5, 0]);
    expect(purgePlan(offsets, { offset: 1000 }, new Map()).map((p) => p.newLowWatermark)).toEqual([100, 50]);
  });

  it('by time: up to the first record at or after it; everything when no record is that late', () => {
    const atTime = new Map<number, number | null>([
      [0, 60],
      [1, null],
    ]);
    expect(purgePlan(offsets, { timestamp: 1 }, atTime).map((p) => p.newLowWatermark)).toEqual([60, 50]);
  });
});
