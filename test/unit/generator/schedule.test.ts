import { describe, expect, it } from 'vitest';
import { batchLimit, planTick, recordsDue } from '@main/services/generator/schedule';
import { RateMeter } from '@main/services/generator/rate-meter';

const open = { maxBurst: Infinity, maxBacklog: Infinity, remaining: Infinity };

describe('rate schedule', () => {
  it('owes rate × elapsed, exactly, with nothing yet produced', () => {
    expect(recordsDue(0, 500, 0)).toBe(0);
    expect(recordsDue(100, 500, 0)).toBe(50);
    expect(recordsDue(3000, 500, 0)).toBe(1500);
    expect(recordsDue(999, 1, 0)).toBe(0);
    expect(recordsDue(1000, 1, 0)).toBe(1);
    expect(recordsDue(1000, 20000, 0)).toBe(20000);
  });

  it('does not drift: however the ticks fall, the total after t seconds is rate × t', () => {
    let accounted = 0;
    const ticks = [0, 97, 230, 301, 455, 512, 799, 1001, 1403, 2000, 2999, 3000];
    for (const t of ticks) accounted += planTick(t, 333, accounted, open).send;
    expect(accounted).toBe(999);
  });

  it('owes only what was not yet produced, and never a negative number', () => {
    expect(recordsDue(1000, 500, 480)).toBe(20);
    expect(recordsDue(1000, 500, 500)).toBe(0);
    expect(recordsDue(1000, 500, 600)).toBe(0);
    expect(recordsDue(-50, 500, 0)).toBe(0);
  });

  it('catches up after a late tick, at most maxBurst per tick', () => {
    const limits = { maxBurst: 100, maxBacklog: Infinity, remaining: Infinity };
    // The timer stalled for 400 ms at 500/s: 200 owed, sent over two ticks.
    expect(planTick(400, 500, 0, limits)).toEqual({ send: 100, skip: 0 });
    expect(planTick(450, 500, 100, limits)).toEqual({ send: 100, skip: 0 });
    expect(planTick(500, 500, 200, limits)).toEqual({ send: 50, skip: 0 });
  });

  it('sends nothing while the producer is saturated, and forgives a backlog beyond the bound', () => {
    expect(planTick(1000, 500, 0, { maxBurst: 0, maxBacklog: 500, remaining: Infinity })).toEqual({ send: 0, skip: 0 });
    // Ten seconds behind at 500/s: 5000 owed, only one second's worth is chased.
    expect(planTick(10_000, 500, 0, { maxBurst: 100, maxBacklog: 500, remaining: Infinity })).toEqual({ send: 100, skip: 4500 });
    expect(planTick(10_000, 500, 4600, { maxBurst: 100, maxBacklog: 500, remaining: Infinity })).toEqual({ send: 100, skip: 0 });
  });

  it('never exceeds maxRecords', () => {
    expect(planTick(5000, 500, 990, { maxBurst: 1000, maxBacklog: Infinity, remaining: 10 })).toEqual({ send: 10, skip: 0 });
    expect(planTick(5000, 500, 1000, { maxBurst: 1000, maxBacklog: Infinity, remaining: 0 }).send).toBe(0);
  });

  it('sizes batches at two ticks of records, between 1 and the ceiling', () => {
    expect(batchLimit(500, 100)).toBe(100);
    expect(batchLimit(1, 100)).toBe(1);
    expect(batchLimit(20000, 100)).toBe(4000);
    expect(batchLimit(20000, 1000)).toBe(5000);
  });
});

describe('rate meter', () => {
  it('measures acknowledged records per second over the last window', () => {
    const meter = new RateMeter(3000);
    expect(meter.perSecond()).toBe(0);
    for (let t = 0; t <= 10_000; t += 100) meter.record(t, t < 5000 ? t / 2 : 2500 + (t - 5000) / 10);
    // 500/s for five seconds, then 100/s: the window only sees the last three seconds.
    expect(meter.perSecond()).toBeCloseTo(100, 5);
  });

  it('covers the time since the start while younger than the window', () => {
    const meter = new RateMeter(3000);
    meter.record(0, 0);
    meter.record(1000, 480);
    expect(meter.perSecond()).toBe(480);
  });
});
