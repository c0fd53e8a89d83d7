import { describe, expect, it } from 'vitest';
import { foregroundGate } from './foreground-gate';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('foregroundGate', () => {
  it('holds background slices while a foreground read is under way, and lets them go when the last one lands', async () => {
    const gate = foregroundGate();
    let releaseFirst!: () => void;
    let releaseSecond!: () => void;
    const first = gate.during(() => new Promise<void>((resolve) => (releaseFirst = resolve)));
    const second = gate.during(() => new Promise<void>((resolve) => (releaseSecond = resolve)));
    let resumed = false;
    void gate.idle().then(() => (resumed = true));
    releaseFirst();
    await first;
    await settle();
    expect(resumed).toBe(false);
    releaseSecond();
    await second;
    await settle();
    expect(resumed).toBe(true);
  });

  it('does not hold anything when nothing is read in the foreground, nor after a foreground read failed', async () => {
    const gate = foregroundGate();
    await expect(gate.during(() => Promise.reject(new Error('broker gone')))).rejects.toThrow('broker gone');
    let resumed = false;
    await gate.idle().then(() => (resumed = true));
    expect(resumed).toBe(true);
  });
});
