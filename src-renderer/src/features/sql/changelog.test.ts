import { describe, expect, it } from 'vitest';
import { ChangelogTable } from './changelog';

describe('ChangelogTable', () => {
  it('applies a GROUP BY changelog in place: an update keeps its row where it was', () => {
    const t = new ChangelogTable();
    t.apply([
      { op: '+I', fields: ['a', 1] },
      { op: '+I', fields: ['b', 1] },
      { op: '-U', fields: ['a', 1] },
      { op: '+U', fields: ['a', 2] },
      { op: '+I', fields: ['c', 1] },
    ]);
    expect(t.slice(0, 10)).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
    ]);
    t.apply([{ op: '-D', fields: ['b', 1] }]);
    expect(t.size).toBe(2);
    expect(t.slice(0, 10)).toEqual([
      ['a', 2],
      ['c', 1],
    ]);
  });

  it('a retraction of a row never seen changes nothing; duplicates are removed one at a time', () => {
    const t = new ChangelogTable();
    t.apply([
      { op: '+I', fields: [1] },
      { op: '+I', fields: [1] },
      { op: '-D', fields: [9] },
      { op: '-D', fields: [1] },
    ]);
    expect(t.slice(0, 10)).toEqual([[1]]);
  });

  it('holds a million appended rows and pages through them; a retraction after many appended rows still finds its row', () => {
    const t = new ChangelogTable();
    const batch = Array.from({ length: 1_000_000 }, (_, i) => ({ op: '+I' as const, fields: [i, `row ${i}`] }));
    t.apply(batch);
    expect(t.size).toBe(1_000_000);
    expect(t.slice(999_998, 5)).toEqual([
      [999_998, 'row 999998'],
      [999_999, 'row 999999'],
    ]);
    const small = new ChangelogTable();
    small.apply(batch.slice(0, 100_000));
    small.apply([{ op: '-D', fields: [5, 'row 5'] }]);
    expect(small.size).toBe(99_999);
    expect(small.slice(4, 2)).toEqual([
      [4, 'row 4'],
      [6, 'row 6'],
    ]);
  }, 30_000);
});
