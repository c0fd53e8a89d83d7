/**
 * How many records a generator owes right now. The schedule is anchored at the start time
 * (record n is due at n / rate seconds), so late timer ticks never make the rate drift: the next
 * tick simply owes more.
 */
export interface ScheduleLimits {
  /** The most this tick may hand to the producer (0 while the producer is saturated). */
  maxBurst: number;
  /** How far behind the schedule may fall before the excess is forgiven instead of chased. */
  maxBacklog: number;
  /** Records left before maxRecords (Infinity without one). */
  remaining: number;
}

export interface SchedulePlan {
  /** Records to produce now. */
  send: number;
  /**
   * Records given up on: a broker that was slow for a minute must not be answered with a
   * minute's worth of records in one burst, so the generator falls behind and says so instead.
   */
  skip: number;
}

/** Records due by `elapsedMs` at `ratePerSec`, given `accounted` (produced + skipped) so far. */
export function recordsDue(elapsedMs: number, ratePerSec: number, accounted: number): number {
  // Integer-first arithmetic keeps 3000 ms × 500/s at exactly 1500, not 1499.9999.
  return Math.max(0, Math.floor((Math.max(0, elapsedMs) * ratePerSec) / 1000) - accounted);
}

export function planTick(elapsedMs: number, ratePerSec: number, accounted: number, limits: ScheduleLimits): SchedulePlan {
  const due = recordsDue(elapsedMs, ratePerSec, accounted);
  const skip = Math.max(0, due - Math.max(0, limits.maxBacklog));
  const send = Math.max(0, Math.min(due - skip, limits.maxBurst, limits.remaining));
  return { send, skip };
}

/**
 * The largest batch for a rate: two ticks' worth, so a late tick can catch up at twice the
 * pace, and never more than `ceiling` records in one produce request.
 */
export function batchLimit(ratePerSec: number, tickMs: number, ceiling = 5000): number {
  return Math.max(1, Math.min(ceiling, Math.ceil((ratePerSec * tickMs * 2) / 1000)));
}
