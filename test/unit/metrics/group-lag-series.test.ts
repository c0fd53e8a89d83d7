// The per-group lag series at 5,001 groups: at most 300 kept, and a round of the same groups creates none anew.
import { describe, expect, it } from 'vitest';
import { recordBounded } from '@main/services/metrics/metrics-sampler';
import { MetricSeries } from '@main/services/metrics/ring-buffer';

const round = (groups: number, from = 0) => new Map(Array.from({ length: groups }, (_, i) => [`group-${from + i}`, i]));

describe('the groups lag series, bounded', () => {
  it('keeps the same 300 series round after round with 5,001 groups (none created again)', () => {
    const kept = new Map<string, MetricSeries>();
    let created = 0;
    const create = () => (created++, new MetricSeries(3600, 300_000, 288));
    for (let r = 0; r < 5; r++) recordBounded(kept, round(5001), 300, create, 1000 * r);
    expect(created).toBe(300);
    expect(kept.size).toBe(300);
    expect(kept.get('group-0')?.fine.length).toBe(5);
    expect(kept.has('group-300')).toBe(false);
  });

  it('gives a new group the place of one gone from the round', () => {
    const kept = new Map<string, MetricSeries>();
    const create = () => new MetricSeries(10, 60_000, 10);
    recordBounded(kept, round(3), 3, create, 0);
    recordBounded(kept, round(3, 1), 3, create, 1000); // group-0 gone, group-3 new
    expect([...kept.keys()].sort()).toEqual(['group-1', 'group-2', 'group-3']);
    expect(kept.get('group-1')?.fine.length).toBe(2);
    expect(kept.get('group-3')?.fine.length).toBe(1);
  });
});
