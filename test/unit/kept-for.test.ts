import { describe, expect, it } from 'vitest';
import { keptFor } from '@main/core/kept-for';

describe('keptFor', () => {
  it('answers from the last lookup until it is older than the time given, then looks again', () => {
    let clock = 1_000;
    let looks = 0;
    const present = keptFor(
      5_000,
      () => ++looks,
      () => clock,
    );
    expect(present()).toBe(1);
    clock += 5_000;
    expect(present()).toBe(1);
    clock += 1;
    expect(present()).toBe(2);
    expect(looks).toBe(2);
  });

  it('keeps a null or false answer as well as any other', () => {
    let looks = 0;
    const none = keptFor(
      1_000,
      () => (looks++, null),
      () => 0,
    );
    expect([none(), none()]).toEqual([null, null]);
    expect(looks).toBe(1);
  });
});
