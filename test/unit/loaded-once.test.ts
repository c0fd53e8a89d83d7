import { describe, expect, it } from 'vitest';
import { loadedOnce } from '@main/core/loaded-once';

describe('loadedOnce', () => {
  it('loads nothing until first called, then once, keeping the answer (a null one too)', () => {
    let loads = 0;
    const nothing = loadedOnce(() => (loads++, null));
    expect(loads).toBe(0);
    expect([nothing(), nothing()]).toEqual([null, null]);
    expect(loads).toBe(1);
  });
});
