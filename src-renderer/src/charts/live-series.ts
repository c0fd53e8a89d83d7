import type { Point } from '@shared/metrics';

/** Compacting waits for this many dropped points, so a short series is not copied every update. */
const COMPACT_AFTER = 512;

/**
 * A live series as the page's stores hold it: a window [start, end) onto a log of points that
 * later snapshots share and only ever append to. A live update used to copy every series to add
 * one point (52 series of an hour, about 1 MB a second on the Overview), and the garbage
 * collector's pauses for those copies were the slowest updates in bench/dashboard. No index an
 * earlier snapshot can see is ever written again, so every snapshot stays exactly as it was.
 */
export class LiveSeries {
  static readonly EMPTY = new LiveSeries([], 0, 0);

  /** The value range, once read or carried over from the series this one was appended from. */
  private range: { low: number; high: number } | null = null;

  private constructor(
    private readonly log: Point[],
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** A series of `points` (copied: the log is appended to in place later). */
  static of(points: readonly Point[]): LiveSeries {
    return points.length === 0 ? LiveSeries.EMPTY : new LiveSeries(points.slice(), 0, points.length);
  }

  get length(): number {
    return this.end - this.start;
  }

  /** The point at `index` (0 is the oldest), undefined outside the series. */
  at(index: number): Point | undefined {
    return index >= 0 && index < this.length ? this.log[this.start + index] : undefined;
  }

  /** The newest point. */
  last(): Point | undefined {
    return this.at(this.length - 1);
  }

  /** The points, copied out. */
  toArray(): Point[] {
    return this.log.slice(this.start, this.end);
  }

  /** Calls `visit` with each point, oldest first: for loops over every point that must not copy them. */
  forEach(visit: (point: Point, index: number) => void): void {
    for (let i = this.start; i < this.end; i += 1) visit(this.log[i], i - this.start);
  }

  /** The lowest and highest value (each chart's value axis, every update): read once, then kept up as points come and go. */
  valueRange(): { low: number; high: number } {
    this.range ??= this.readValueRange();
    return this.range;
  }

  private readValueRange(): { low: number; high: number } {
    let low = Infinity;
    let high = -Infinity;
    const { log, end } = this;
    for (let i = this.start; i < end; i += 1) {
      const value = log[i][1];
      if (value < low) low = value;
      if (value > high) high = value;
    }
    return { low, high };
  }

  /**
   * This series with `point` appended and the points older than `windowMs` before it dropped. The
   * point goes onto the shared log unless another snapshot already appended there (then this one
   * branches off with a copy); the log is compacted once most of it lies before the window.
   */
  appended(point: Point, windowMs: number): LiveSeries {
    let { log, start, end } = this;
    if (end !== log.length) [log, start, end] = [log.slice(start, end), 0, end - start];
    log.push(point);
    end += 1;
    const since = point[0] - windowMs;
    while (start < end - 1 && log[start][0] < since) start += 1;
    if (start >= COMPACT_AFTER && start * 2 >= log.length) [log, start, end] = [log.slice(start, end), 0, end - start];
    const next = new LiveSeries(log, start, end);
    next.range = this.rangeAfter(this.length + 1 - next.length, point[1]);
    return next;
  }

  /** The value range once the oldest `dropped` points are gone and `value` came: null when a dropped point may have been an extreme. */
  private rangeAfter(dropped: number, value: number): { low: number; high: number } | null {
    const known = this.range;
    if (!known) return null;
    for (let i = 0; i < dropped; i += 1) {
      const gone = this.log[this.start + i][1];
      if (gone <= known.low || gone >= known.high) return null;
    }
    return { low: Math.min(known.low, value), high: Math.max(known.high, value) };
  }

  /** The index of `point` itself (not an equal one) in this series, found by its time; -1 if absent. */
  indexOf(point: Point): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.log[this.start + middle][0] < point[0]) low = middle + 1;
      else high = middle;
    }
    // equal times are possible (a point per sample): look along them for the very object
    for (let i = low; i < this.length && this.log[this.start + i][0] === point[0]; i += 1) if (this.log[this.start + i] === point) return i;
    return -1;
  }
}
