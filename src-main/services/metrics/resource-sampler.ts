// The second sampler: Flink, ZooKeeper and local-process figures, on its own timer so they keep
// coming when Kafka is down (which is exactly when ZooKeeper's and the JVMs' figures matter).
import { TIME_RANGE_MS, type ResourceMetrics, type ResourcesSample, type TimeRange, type UnavailableFigures } from '@shared/metrics';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { SinkWriterMetrics } from '../pipelines/sink-output';
import { readFlinkResources } from './flink-metrics';
import { ProcessSampler } from './process-metrics';
import type { Reading } from './resource-reading';
import { SeriesStore } from './series-store';
import { readZookeeper } from './zookeeper-metrics';

/** The local stack's processes, or why there are none to read. */
type LocalProcesses = { available: true; processes: { service: string; pid: number }[] } | { available: false; reason: string };

export interface ResourceSamplerOptions {
  /** The active connection's Flink REST client; null when it names no Flink. */
  flink: () => FlinkRestClient | null;
  /** The active connection's ZooKeeper (host:port); null on KRaft. */
  zookeeper: () => string | null;
  processes: () => Promise<LocalProcesses>;
  now?: () => number;
  /** One round every this many ms. Flink refreshes its metrics every 10 s by default, so 5 s loses nothing. */
  intervalMs?: number;
  onSample?: (sample: ResourcesSample) => void;
}

const ROUND_DEADLINE_MS = 4_000;

export class ResourceSampler {
  private readonly store: SeriesStore;
  private readonly processSampler: ProcessSampler;
  private readonly sinkWriters: SinkWriterMetrics;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private unavailable: UnavailableFigures[] = [];

  constructor(private readonly options: ResourceSamplerOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 5_000;
    this.store = new SeriesStore(this.intervalMs);
    this.processSampler = new ProcessSampler(undefined, this.now);
    this.sinkWriters = new SinkWriterMetrics(this.now);
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.sample()
        .catch(() => undefined)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  metrics(range: TimeRange): ResourceMetrics {
    const { resolutionMs, series } = this.store.window(this.now(), TIME_RANGE_MS[range]);
    return { time_range: range, resolution_ms: resolutionMs, series, unavailable: this.unavailable };
  }

  /** One round over every source; a source that fails is named in `unavailable`, the others still count. */
  async sample(): Promise<ResourcesSample> {
    const at = this.now();
    const unavailable: UnavailableFigures[] = [];
    const readings: Reading[] = [];
    const fromSource = async (source: UnavailableFigures['source'], figures: string, read: () => Promise<Reading[] | string>) => {
      try {
        const result = await withDeadline(read(), ROUND_DEADLINE_MS);
        if (typeof result === 'string') unavailable.push({ source, figures, reason: result });
        else readings.push(...result);
      } catch (error) {
        unavailable.push({ source, figures, reason: (error as Error).message });
      }
    };
    await Promise.all([
      fromSource('flink', 'Flink records/s, backpressure, checkpoints, restarts, TaskManager CPU and heap', async () => {
        const client = this.options.flink();
        return client ? readFlinkResources(client, this.sinkWriters) : 'This connection has no Flink REST URL';
      }),
      fromSource('zookeeper', 'ZooKeeper latency', async () => {
        const address = this.options.zookeeper();
        return address ? readZookeeper(address, this.now) : 'This connection has no ZooKeeper (KRaft)';
      }),
      fromSource('process', 'CPU and memory of the stack processes', async () => {
        const local = await this.options.processes();
        return local.available ? this.processSampler.read(local.processes) : local.reason;
      }),
    ]);
    this.store.record(at, readings);
    this.unavailable = unavailable;
    const sample: ResourcesSample = { at, values: readings, unavailable };
    this.options.onSample?.(sample);
    return sample;
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
