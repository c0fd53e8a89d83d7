import type { Point } from '@shared/metrics';
import { PointLog } from './point-log';

/** Room for a window's points and a quarter more: a full window is copied once per quarter window of appends. */
const SLACK = 1.25;
const MIN_CAPACITY = 64;
/** The closest spacing a new log is sized for (the sampler's 1 s); denser series still fit, by what they hold. */
const SAMPLE_INTERVAL_MS = 1000;

/**
 * The capacity of a new log for the points [first, end) of `log` and one more, in a window of
 * `windowMs`: the whole window at the series' own spacing, so it fills once and stays that size
 * (a series of 5 s points gets a fifth of one of 1 s points).
 */
function capacityFor(log: PointLog, first: number, end: number, windowMs: number): number {
  const count = end - first;
  const spacing = count >= 2 ? (log.times[end - 1] - log.times[first]) / (count - 1) : SAMPLE_INTERVAL_MS;
  const windowPoints = Math.ceil(windowMs / Math.max(spacing, SAMPLE_INTERVAL_MS));
  return Math.ceil(Math.max(count + 1, windowPoints) * SLACK) + MIN_CAPACITY;
}

/**
 * A live series as the page's stores hold it: a window [start, end) onto a log of points that
 * later snapshots share and only ever append to. A live update used to copy every series to add
 * one point (52 series of an hour, about 1 MB a second on the Overview), and the garbage
 * collector's pauses for those copies were the slowest updates in bench/dashboard. No index an
 * earlier snapshot can see is ever written again, so every snapshot stays exactly as it was.
 * The log is two Float64Arrays sized for the window (point-log.ts): an hour of [t, v] arrays
 * grew the page's heap for the whole first hour (bench/soak), and a point was 40 bytes, not 16.
 */
export class LiveSeries {
  static readonly EMPTY = new LiveSeries(new PointLog(0, {}, 0), 0, 0);

  /** The value range, once read or carried over from the series this one was appended from. */
  private range: { low: number; high: number } | null = null;

  private constructor(
    private readonly log: PointLog,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** A series of `points` (copied). */
  static of(points: readonly Point[]): LiveSeries {
    if (points.length === 0) return LiveSeries.EMPTY;
    const log = new PointLog(points.length, {}, 0);
    for (const [at, value] of points) log.push(at, value);
    return new LiveSeries(log, 0, points.length);
  }

  get length(): number {
    return this.end - this.start;
  }

  /** The time of the point at `index` (0 is the oldest); `index` must be inside the series. */
  timeAt(index: number): number {
    return this.log.times[this.start + index];
  }

  /** The value of the point at `index`; `index` must be inside the series. */
  valueAt(index: number): number {
    return this.log.values[this.start + index];
  }

  /** The point at `index` as a new [t, v] (0 is the oldest), undefined outside the series. */
  at(index: number): Point | undefined {
    return index >= 0 && index < this.length ? [this.timeAt(index), this.valueAt(index)] : undefined;
  }

  /** The newest point. */
  last(): Point | undefined {
    return this.at(this.length - 1);
  }

  /** The points, copied out as [t, v] arrays. */
  toArray(): Point[] {
    return Array.from({ length: this.length }, (_, i): Point => [this.timeAt(i), this.valueAt(i)]);
  }

  /** The points from index `from` on as [t0, v0, t1, v1, …]: what crosses to the plot worker. */
  coords(from = 0): Float64Array {
    const coords = new Float64Array(Math.max(0, this.length - from) * 2);
    const { times, values } = this.log;
    for (let i = this.start + from, out = 0; i < this.end; i += 1, out += 2) {
      coords[out] = times[i];
      coords[out + 1] = values[i];
    }
    return coords;
  }

  /**
   * How this series continues `earlier`: the first `dropped` points of `earlier` are gone, the
   * `shared` ones after them are this series' first, then come new ones; null when it does not
   * (another series, a reload, a branch).
   */
  continues(earlier: LiveSeries): { dropped: number; shared: number } | null {
    if (earlier.length === 0 || earlier.log.lineage !== this.log.lineage) return null;
    const [from, to] = [this.log.base + this.start, this.log.base + this.end];
    const [earlierFrom, earlierTo] = [earlier.log.base + earlier.start, earlier.log.base + earlier.end];
    if (from < earlierFrom || from >= earlierTo || earlierTo > to) return null;
    return { dropped: from - earlierFrom, shared: earlierTo - from };
  }

  /** The lowest and highest value (each chart's value axis, every update): read once, then kept up as points come and go. */
  valueRange(): { low: number; high: number } {
    this.range ??= this.readValueRange();
    return this.range;
  }

  private readValueRange(): { low: number; high: number } {
    let low = Infinity;
    let high = -Infinity;
    const { values } = this.log;
    for (let i = this.start; i < this.end; i += 1) {
      const value = values[i];
      if (value < low) low = value;
      if (value > high) high = value;
    }
    return { low, high };
  }

  /**
   * This series with the point (`at`, `value`) appended and the points older than `windowMs`
   * before it dropped. The point goes onto the shared log unless another snapshot already went on
   * from here (then this one branches off with a copy); a full log is copied into a new one, sized
   * for the window, holding only what is still in it.
   */
  appended(at: number, value: number, windowMs: number): LiveSeries {
    const { log, start, end } = this;
    let first = start;
    while (first < end && log.times[first] < at - windowMs) first += 1;
    const branch = end !== log.length || log.continued;
    let next = log;
    if (branch || end === log.capacity) {
      next = log.copy(first, end, capacityFor(log, first, end, windowMs), branch);
      if (!branch) log.continued = true;
    }
    next.push(at, value);
    const shift = next === log ? 0 : first;
    const series = new LiveSeries(next, first - shift, end - shift + 1);
    series.range = this.rangeAfter(first - start, value);
    return series;
  }

  /** The value range once the oldest `dropped` points are gone and `value` came: null when a dropped point may have been an extreme. */
  private rangeAfter(dropped: number, value: number): { low: number; high: number } | null {
    const known = this.range;
    if (!known) return null;
    for (let i = 0; i < dropped; i += 1) {
      const gone = this.valueAt(i);
      if (gone <= known.low || gone >= known.high) return null;
    }
    return { low: Math.min(known.low, value), high: Math.max(known.high, value) };
  }
}
