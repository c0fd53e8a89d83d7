// What a real parking feed has besides slow daily curves, on a clock (not per record, so any rate
// shows them): a surge — a garage that fills from under half to full in about two minutes (an event
// letting in, a ferry arriving), held full a while — and now and then a sensor glitch, a reading
// below zero that the next one corrects. Surges give the SQL templates' MATCH_RECOGNIZE (free to
// full in under 5 minutes) and moving-average anomaly something to find; glitches give the
// data_quality_check pipeline alerts (negative_occupied). Both are marked in a header, as the IoT
// generator marks its anomalies; their times are the clock's, so the same seed and clock give the same records.

/** The first surge soon after the start (a short demo or test sees one), then one every 10 minutes. */
const SURGE_FIRST_MS = 15_000;
const SURGE_EVERY_MS = 10 * 60_000;
const SURGE_FILL_MS = 120_000;
const SURGE_HOLD_MS = 90_000;
const GLITCH_FIRST_MS = 30_000;
const GLITCH_EVERY_MS = 2 * 60_000;

interface Surge {
  index: number;
  from: number;
  startedAt: number;
}

export class ParkingScenarios {
  private surge: Surge | null = null;
  private nextSurgeAt: number;
  private nextGlitchAt: number;

  constructor(
    startedAt: number,
    private readonly capacities: readonly number[],
  ) {
    this.nextSurgeAt = startedAt + SURGE_FIRST_MS;
    this.nextGlitchAt = startedAt + GLITCH_FIRST_MS;
  }

  /** Starts the surge due now on the emptiest garage (by share of spaces). */
  tick(now: number, occupied: readonly number[]): void {
    if (this.surge && now - this.surge.startedAt > SURGE_FILL_MS + SURGE_HOLD_MS) this.surge = null;
    if (now < this.nextSurgeAt) return;
    this.nextSurgeAt = now + SURGE_EVERY_MS;
    let index = 0;
    occupied.forEach((o, i) => {
      if (o / this.capacities[i] < occupied[index] / this.capacities[index]) index = i;
    });
    this.surge = { index, from: occupied[index], startedAt: now };
  }

  /** The surging garage's reading (a straight fill, then full), or null when `index` is not surging. */
  surging(index: number, now: number): number | null {
    const s = this.surge;
    if (!s || s.index !== index) return null;
    const capacity = this.capacities[index];
    const share = Math.min(1, (now - s.startedAt) / SURGE_FILL_MS);
    return Math.round(s.from + (capacity - s.from) * share);
  }

  /** A glitch is due: this reading says fewer than zero cars (the state is not changed by it). */
  glitch(now: number): boolean {
    if (now < this.nextGlitchAt) return false;
    this.nextGlitchAt = now + GLITCH_EVERY_MS;
    return true;
  }
}
