import type { Point, ResourceSeriesId } from '@shared/metrics';
import type { Reading } from './resource-reading';
import { MetricSeries } from './ring-buffer';

interface Entry {
  id: ResourceSeriesId;
  series: MetricSeries;
  lastAt: number;
}

/**
 * Resource series keyed by `group|subject|metric`, created as figures first appear. Jobs come and
 * go: past `maxSeries` the series not written for the longest time are dropped, so memory stays bounded.
 */
export class SeriesStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** How often readings arrive: the fine ring holds an hour of them. */
    private readonly stepMs: number,
    private readonly maxSeries = 200,
  ) {}

  record(at: number, readings: Reading[]): void {
    for (const { value, ...id } of readings) {
      let entry = this.entries.get(id.key);
      if (!entry) {
        entry = { id, series: new MetricSeries(Math.ceil(3_600_000 / this.stepMs), 60_000, 1440, this.stepMs), lastAt: at };
        this.entries.set(id.key, entry);
      }
      entry.id = id; // a job's name may change (restarted under the same id): keep the newest
      entry.lastAt = at;
      entry.series.push(at, value);
    }
    this.evict();
  }

  window(now: number, rangeMs: number): { resolutionMs: number; series: (ResourceSeriesId & { current: number | null; points: Point[] })[] } {
    let resolutionMs = this.stepMs;
    const series = [...this.entries.values()]
      .filter((entry) => entry.lastAt >= now - rangeMs)
      .map((entry) => {
        const { points, resolutionMs: resolution } = entry.series.window(now, rangeMs);
        resolutionMs = resolution;
        return { ...entry.id, current: entry.series.fine.last()?.[1] ?? null, points };
      });
    return { resolutionMs, series };
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    if (this.entries.size <= this.maxSeries) return;
    const oldest = [...this.entries.values()].sort((a, b) => a.lastAt - b.lastAt).slice(0, this.entries.size - this.maxSeries);
    for (const entry of oldest) this.entries.delete(entry.id.key);
  }
}
