/**
 * The storage under LiveSeries: a series' times and values in two Float64Arrays of a fixed
 * capacity, filled from index 0 up and never written twice. A point is 16 bytes here, where a
 * [t, v] array was about 40 and a new object per sample; a log is replaced (copied into a new
 * one) only when it is full, so a series of a steady window allocates once per `capacity -
 * window` points, not once a point.
 */
export class PointLog {
  readonly times: Float64Array;
  readonly values: Float64Array;
  /** Points written so far; indexes from here on are free. */
  length = 0;
  /**
   * Set once the full log was copied to go on in its lineage: a second copy from the same end
   * would be a second, different continuation, so it must branch (as a second push in place would).
   */
  continued = false;

  /**
   * @param lineage shared by a log and the logs it was compacted into (not by a branch): two
   *   series of one lineage whose positions overlap hold the same points there.
   * @param base the position of index 0 in the lineage (a compacted log starts where its points were).
   */
  constructor(
    capacity: number,
    readonly lineage: object,
    readonly base: number,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get capacity(): number {
    return this.times.length;
  }

  push(at: number, value: number): void {
    this.times[this.length] = at;
    this.values[this.length] = value;
    this.length += 1;
  }

  /** A new log of `capacity` holding this one's points [from, to); `branch` starts a lineage of its own. */
  copy(from: number, to: number, capacity: number, branch: boolean): PointLog {
    const copied = branch ? new PointLog(capacity, {}, 0) : new PointLog(capacity, this.lineage, this.base + from);
    copied.times.set(this.times.subarray(from, to));
    copied.values.set(this.values.subarray(from, to));
    copied.length = to - from;
    return copied;
  }
}
