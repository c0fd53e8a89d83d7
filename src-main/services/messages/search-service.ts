import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { z } from 'zod';
import { StreamdeskError } from '@shared/errors';
import type { PartitionWindow, SearchArgs, SearchProgress } from '@shared/messages';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { compileFilter } from './filter';
import type { PartitionRange } from './range-reader';
import { SearchRun, type SearchListener } from './search-run';
import type { ParentMessage, ResolveRequest, WorkerMessage } from './search-worker';
import { WorkerPool } from './worker-pool';
import type { WorkerDecode } from './decode-service';
import { checkClusterFilter, startClusterSearch, type ClusterSearchDeps } from './cluster-search';

export interface SearchServiceOptions {
  /** Worker threads per search; default: one per CPU, never more than the partitions. */
  workers?: number;
  progressIntervalMs?: number;
  now?: () => number;
  pool?: WorkerPool;
  /** How a topic's records are decoded (the registry's address, the topic's override); none: as bytes. */
  decode?: (topic: string) => WorkerDecode;
  /** Where `where: 'cluster'` runs: the active connection's Flink (none: such a search is refused). */
  cluster?: ClusterSearchDeps;
}

export interface RunningSearch {
  searchId: string;
  /** The final progress event (done, cancelled or failed). */
  finished: Promise<SearchProgress>;
}

/** Splits partitions over workers so each gets about the same number of records to read. */
export function assignRanges(ranges: PartitionRange[], workers: number): PartitionRange[][] {
  const shares = Array.from({ length: Math.max(1, Math.min(workers, ranges.length)) }, () => ({ load: 0, ranges: [] as PartitionRange[] }));
  for (const range of [...ranges].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    const lightest = shares.reduce((best, share) => (share.load < best.load ? share : best));
    lightest.ranges.push(range);
    lightest.load += range.end - range.start;
  }
  return shares.map((share) => share.ranges).filter((share) => share.length > 0);
}

/**
 * Searches a topic: every partition in the chosen range is read by worker threads (decoding
 * and filtering there), and the counts are exact — `scanned` is what was read, and a search
 * that stops early (cancel, match limit) says so.
 */
export class SearchService {
  private readonly running = new Map<string, { cancel(): void }>();
  private readonly pool: WorkerPool;

  constructor(
    private readonly target: () => KafkaTarget,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.pool = options.pool ?? new WorkerPool();
  }

  /** Starts the workers now, so the first search does not wait for them to load. */
  prewarm(): void {
    this.pool.prewarm(this.workerCount());
  }

  /** Cancels running searches and ends the idle workers. */
  async close(): Promise<void> {
    this.cancelAll();
    await this.pool.close();
  }

  /** Exact offset ranges per partition, resolved by a pooled worker. */
  private async resolve(request: ResolveRequest): Promise<PartitionWindow[]> {
    const [worker] = this.pool.acquire(1);
    let healthy = true;
    try {
      return await new Promise<PartitionWindow[]>((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'windows') resolve(message.windows);
          else if (message.type === 'error') reject(new StreamdeskError(message.code ?? 'unavailable', message.message));
        });
        worker.on('error', (error) => {
          healthy = false;
          reject(error);
        });
        worker.on('exit', () => {
          healthy = false;
          reject(new StreamdeskError('internal', 'the search worker stopped'));
        });
        worker.postMessage({ type: 'resolve', request } satisfies ParentMessage);
      });
    } finally {
      if (healthy) this.pool.release(worker);
      else this.pool.discard(worker);
    }
  }

  private workerCount(): number {
    return Math.max(1, this.options.workers ?? availableParallelism());
  }

  /** Resolves once the search has started (bad arguments reject here, before any worker runs). */
  async start(args: z.output<typeof SearchArgs>, listener: SearchListener): Promise<RunningSearch> {
    compileFilter(args.filter); // a bad expression or regex fails now, with its position
    if (args.where === 'cluster') checkClusterFilter(args.filter);
    const windows = await this.resolve({ target: this.target(), topic: args.topic, from: args.from, partitions: args.partitions, fromMs: args.filter.fromMs });
    const ranges: PartitionRange[] = windows.map((window) => ({ partition: window.partition, start: window.from, end: window.to }));
    const searchId = randomUUID();
    if (args.where === 'cluster') return this.startOnCluster(searchId, args, ranges, listener);
    const shares = assignRanges(
      ranges.filter((range) => range.end > range.start),
      this.workerCount(),
    );
    const run = new SearchRun(
      {
        searchId,
        args,
        target: this.target(),
        ranges,
        shares,
        listener,
        now: this.options.now ?? Date.now,
        progressIntervalMs: this.options.progressIntervalMs ?? 250,
        onEnd: () => this.running.delete(searchId),
        decode: this.options.decode?.(args.topic),
      },
      this.pool,
    );
    this.running.set(searchId, run);
    return { searchId, finished: run.finished };
  }

  /**
   * The same ranges searched by a bounded Flink SQL query. Every partition of the topic is given a
   * range (one outside the search an empty one at its end), so Flink reads nothing else.
   */
  private async startOnCluster(
    searchId: string,
    args: z.output<typeof SearchArgs>,
    ranges: PartitionRange[],
    listener: SearchListener,
  ): Promise<RunningSearch> {
    if (!this.options.cluster) throw new StreamdeskError('unavailable', 'on-cluster search is not available here (no Flink cluster); run this search locally');
    const everyPartition = args.partitions === null ? ranges : await this.withOtherPartitions(args, ranges);
    const run = await startClusterSearch(this.options.cluster, {
      searchId,
      args,
      ranges: everyPartition,
      listener,
      now: this.options.now ?? Date.now,
      progressIntervalMs: this.options.progressIntervalMs ?? 250,
      onEnd: () => this.running.delete(searchId),
    });
    this.running.set(searchId, run);
    return { searchId, finished: run.finished };
  }

  /** The searched partitions' ranges, and an empty range at the log end of each other partition. */
  private async withOtherPartitions(args: z.output<typeof SearchArgs>, ranges: PartitionRange[]): Promise<PartitionRange[]> {
    const all = await this.resolve({ target: this.target(), topic: args.topic, from: { kind: 'end', count: 1 }, partitions: null, fromMs: undefined });
    const searched = new Set(ranges.map((range) => range.partition));
    const others = all
      .filter((window) => !searched.has(window.partition))
      .map((window) => ({ partition: window.partition, start: window.logEnd, end: window.logEnd }));
    return [...ranges, ...others];
  }

  /** Stops a running search; its final progress event then says `cancelled: true`. */
  cancel(searchId: string): boolean {
    const run = this.running.get(searchId);
    run?.cancel();
    return run !== undefined;
  }

  cancelAll(): void {
    for (const run of this.running.values()) run.cancel();
  }
}
