import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { z } from 'zod';
import { StreamdeskError } from '../../../src-shared/errors';
import type { MessageRecord, PartitionWindow, SearchArgs, SearchMatches, SearchProgress } from '../../../src-shared/messages';
import type { KafkaTarget } from '../../clients/kafka/kafka-target';
import { compileFilter } from './filter';
import type { PartitionRange } from './range-reader';
import type { ParentMessage, ResolveRequest, SearchWorkerData, WorkerMessage } from './search-worker';
import { WorkerPool } from './worker-pool';

export interface SearchListener {
  /** At most every `progressIntervalMs`, plus one final event with `done: true`. */
  progress(event: SearchProgress): void;
  /** Matches as they are found, in batches. */
  matches(event: SearchMatches): void;
}

export interface SearchServiceOptions {
  /** Worker threads per search; default: one per CPU, never more than the partitions. */
  workers?: number;
  progressIntervalMs?: number;
  now?: () => number;
  pool?: WorkerPool;
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
  private readonly running = new Map<string, () => void>();
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
    const now = this.options.now ?? Date.now;
    const windows = await this.resolve({ target: this.target(), topic: args.topic, from: args.from, partitions: args.partitions, fromMs: args.filter.fromMs });
    const ranges: PartitionRange[] = windows.map((window) => ({ partition: window.partition, start: window.from, end: window.to }));
    const searchId = randomUUID();
    const total = ranges.reduce((sum, range) => sum + Math.max(0, range.end - range.start), 0);
    const shares = assignRanges(
      ranges.filter((range) => range.end > range.start),
      this.workerCount(),
    );
    const started = now();
    const state = { scanned: new Map<number, number>(), matched: 0, done: new Set(ranges.filter((range) => range.end <= range.start).map((range) => range.partition)) };
    let stoppedAtLimit = false;
    let cancelled = false;
    let error: string | null = null;
    let lastEmit = 0;
    const snapshot = (done: boolean): SearchProgress => {
      const elapsedMs = now() - started;
      const scanned = [...state.scanned.values()].reduce((sum, count) => sum + count, 0);
      return {
        searchId,
        scanned,
        total,
        matched: state.matched,
        ratePerSec: elapsedMs > 0 ? Math.round((scanned / elapsedMs) * 1000) : 0,
        partitionsDone: state.done.size,
        partitions: ranges.length,
        elapsedMs,
        done,
        cancelled,
        stoppedAtLimit,
        error,
      };
    };
    const emit = () => {
      const at = now();
      if (at - lastEmit < (this.options.progressIntervalMs ?? 250)) return;
      lastEmit = at;
      listener.progress(snapshot(false));
    };
    const workers = this.pool.acquire(shares.length);
    const finishers: (() => void)[] = [];
    const stopAll = () => {
      for (const worker of workers) worker.postMessage({ type: 'stop' } satisfies ParentMessage);
      // A worker stuck in a hostile regex never reads its messages: end it after a grace period.
      const timer = setTimeout(() => finishers.forEach((finish) => finish()), 2000);
      timer.unref();
    };
    const deliver = (records: MessageRecord[]) => {
      if (stoppedAtLimit) return;
      const room = args.maxMatches - state.matched;
      const kept = records.length > room ? records.slice(0, room) : records;
      state.matched += kept.length;
      if (kept.length) listener.matches({ searchId, records: kept });
      if (state.matched >= args.maxMatches) {
        stoppedAtLimit = true;
        stopAll();
      }
    };
    const runs = shares.map((share, index) => {
      const worker = workers[index];
      return new Promise<void>((resolve) => {
        let finished = false;
        /** `healthy`: the worker answered and can serve the next search; otherwise it is ended. */
        const finish = (healthy = false) => {
          if (finished) return;
          finished = true;
          if (healthy) this.pool.release(worker);
          else this.pool.discard(worker);
          resolve();
        };
        finishers.push(finish);
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'matches') deliver(message.records);
          else if (message.type === 'progress' || message.type === 'done') {
            state.scanned.set(index, message.scanned);
            if (message.type === 'progress') for (const partition of message.partitionsDone) state.done.add(partition);
            if (message.type === 'done') {
              if (!message.cancelled) for (const range of share) state.done.add(range.partition);
              finish(true);
            } else emit();
          } else if (message.type === 'error') {
            error ??= message.message;
            stopAll();
            finish(true);
          }
        });
        worker.on('error', (failure) => {
          error ??= failure.message;
          finish();
        });
        worker.on('exit', () => finish());
        const job: SearchWorkerData = { target: this.target(), topic: args.topic, ranges: share, filter: args.filter, batchSize: 500 };
        worker.postMessage({ type: 'search', job } satisfies ParentMessage);
      });
    });
    this.running.set(searchId, () => {
      cancelled = true;
      stopAll();
    });
    const finished = Promise.all(runs).then(() => {
      this.running.delete(searchId);
      const final = snapshot(true);
      listener.progress(final);
      return final;
    });
    return { searchId, finished };
  }

  /** Stops a running search; its final progress event then says `cancelled: true`. */
  cancel(searchId: string): boolean {
    const cancel = this.running.get(searchId);
    cancel?.();
    return cancel !== undefined;
  }

  cancelAll(): void {
    for (const cancel of this.running.values()) cancel();
  }
}
