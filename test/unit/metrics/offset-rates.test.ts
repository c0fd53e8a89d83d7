import { describe, expect, it } from 'vitest';
import { offsetRates, topicListAge, topicsAdded } from '@main/services/metrics/offset-rates';

const ends = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('messages per second from end offsets', () => {
  it('divides what each topic gained by the time between the readings', () => {
    const rates = offsetRates(ends({ a: 1000, b: 50 }), ends({ a: 3000, b: 50 }), 2, () => false);
    expect(Object.fromEntries(rates)).toEqual({ a: 1000, b: 0 });
  });

  it('counts a topic created since the previous reading from offset 0: a burst before it was seen is not lost', () => {
    const rates = offsetRates(ends({ a: 10 }), ends({ a: 10, burst: 50_000 }), 1.25, (topic) => topic === 'burst');
    expect(rates.get('burst')).toBe(40_000);
  });

  it('counts 0 for a topic it cannot tell the start of, and for offsets that went back', () => {
    // a topic that was there before the sampler (missing from the previous reading for another reason)
    expect(offsetRates(ends({}), ends({ old: 9_000_000 }), 1, () => false).get('old')).toBe(0);
    // deleted and created again between two readings
    expect(offsetRates(ends({ again: 500 }), ends({ again: 20 }), 1, () => true).get('again')).toBe(0);
  });

  it('names the topics a listing added, none on the first (they were there before the sampler)', () => {
    expect(topicsAdded(null, [{ name: 'a' }])).toEqual([]);
    expect(topicsAdded([{ name: 'a' }], [{ name: 'a' }, { name: 'b' }])).toEqual(['b']);
  });

  it('lists small clusters often, so a new topic is seen within seconds, and 10,000 topics seldom', () => {
    expect(topicListAge(40)).toBeLessThanOrEqual(2_000);
    expect(topicListAge(10_000)).toBe(15_000);
  });
});
