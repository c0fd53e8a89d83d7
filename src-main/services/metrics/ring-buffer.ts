/**
 * A fixed-size ring of (time, value) samples: memory stays bounded however long the app runs.
 * Times must be appended in increasing order.
 */
export class RingBuffer {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(time: number, value: number): void {
    const index = (this.start + this.size) % this.capacity;
    this.times[index] = time;
    this.values[index] = value;
    if (this.size < this.capacity) this.size += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  get length(): number {
    return this.size;
  }

  last(): [number, number] | null {
    if (this.size === 0) return null;
    const index = (this.start + this.size - 1) % this.capacity;
    return [this.times[index], this.values[index]];
  }

  /** The samples at or after `since`, oldest first. */
  since(since: number): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.size; i += 1) {
      const index = (this.start + i) % this.capacity;
      if (this.times[index] >= since) out.push([this.times[index], this.values[index]]);
    }
    return out;
  }
}

/**
 * Two resolutions per series: every sample for the last hour (1 s apart for the Kafka figures),
 * and one-minute averages for a day, so a 24 h chart has 1,440 points rather than 86,400.
 * Ranges up to an hour are answered at full resolution (a chart thins them to its pixel width);
 * longer ones from the minute averages.
 */
export class MetricSeries {
  readonly fine: RingBuffer;
  readonly coarse: RingBuffer;
  private bucketStart = -1;
  private bucketSum = 0;
  private bucketCount = 0;

  constructor(
    fineCapacity = 3600,
    private readonly coarseStepMs = 60_000,
    coarseCapacity = 1440,
    /** How often samples arrive: the fine ring then covers fineCapacity × fineStepMs (an hour by default). */
    private readonly fineStepMs = 1000,
  ) {
    this.fine = new RingBuffer(fineCapacity);
    this.coarse = new RingBuffer(coarseCapacity);
  }

  push(time: number, value: number): void {
    this.fine.push(time, value);
    const bucket = Math.floor(time / this.coarseStepMs) * this.coarseStepMs;
    if (bucket !== this.bucketStart && this.bucketCount > 0) {
      this.coarse.push(this.bucketStart, this.bucketSum / this.bucketCount);
      this.bucketSum = 0;
      this.bucketCount = 0;
    }
    this.bucketStart = bucket;
    this.bucketSum += value;
    this.bucketCount += 1;
  }

  /** Points for a window: every fine sample when the fine ring covers it, else the minute averages (plus the open minute). */
  window(now: number, rangeMs: number, maxPoints = this.fine.capacity): { points: [number, number][]; resolutionMs: number } {
    const since = now - rangeMs;
    if (rangeMs <= this.fine.capacity * this.fineStepMs) {
      const points = this.fine.since(since);
      return {
        points: downsample(points, maxPoints),
        resolutionMs: points.length > maxPoints ? Math.ceil(points.length / maxPoints) * this.fineStepMs : this.fineStepMs,
      };
    }
    const points = this.coarse.since(since);
    if (this.bucketCount > 0) points.push([this.bucketStart, this.bucketSum / this.bucketCount]);
    return { points: downsample(points, Math.max(maxPoints, this.coarse.capacity)), resolutionMs: this.coarseStepMs };
  }
}

/** Averages neighbouring points so a chart never draws more than `maxPoints`. */
export function downsample(points: [number, number][], maxPoints: number): [number, number][] {
  if (points.length <= maxPoints) return points;
  const step = Math.ceil(points.length / maxPoints);
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i += step) {
    const slice = points.slice(i, i + step);
    out.push([slice[slice.length - 1][0], slice.reduce((sum, point) => sum + point[1], 0) / slice.length]);
  }
  return out;
}
