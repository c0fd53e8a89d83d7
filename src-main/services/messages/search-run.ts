import type { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { MessageRecord, SearchArgs, SearchMatches, SearchProgress } from '@shared/messages';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { PartitionRange } from './range-reader';
import type { ParentMessage, SearchWorkerData, WorkerMessage } from './search-worker';
import type { WorkerPool } from './worker-pool';

/** A worker stuck in a hostile regex never reads its stop message: it is ended after this. */
const STOP_GRACE_MS = 2000;
const BATCH_SIZE = 500;

export interface SearchListener {
  /** At most every `progressIntervalMs`, plus one final event with `done: true`. */
  progress(event: SearchProgress): void;
  /** Matches as they are found, in batches. */
  matches(event: SearchMatches): void;
}

export interface SearchRunSettings {
  searchId: string;
  args: z.output<typeof SearchArgs>;
  target: KafkaTarget;
  /** Every partition's range, empty ones included (they count as done). */
  ranges: PartitionRange[];
  /** The non-empty ranges, one share per worker. */
  shares: PartitionRange[][];
  listener: SearchListener;
  now: () => number;
  progressIntervalMs: number;
  /** Called once every worker has finished, before the final progress event. */
  onEnd: () => void;
  /** How the workers decode records (registry address and the topic's override); none: as bytes. */
  decode?: SearchWorkerData['decode'];
}

/**
 * One search: a worker per share reads and filters its partitions; the run counts what they
 * scanned and matched, passes matches on up to the limit, and stops them on cancel, limit or error.
 */
export class SearchRun {
  readonly searchId: string;
  /** The final progress event (done, cancelled or failed). */
  readonly finished: Promise<SearchProgress>;
  private readonly scanned = new Map<number, number>();
  private readonly partitionsDone: Set<number>;
  private matched = 0;
  private stoppedAtLimit = false;
  private cancelled = false;
  private error: string | null = null;
  private lastEmit = 0;
  private readonly startedAt: number;
  private readonly total: number;
  private readonly workers: Worker[];
  /** Each worker's "finish now", used when one does not answer a stop. */
  private readonly finishers: (() => void)[] = [];

  constructor(
    private readonly s: SearchRunSettings,
    private readonly pool: Pick<WorkerPool, 'acquire' | 'release' | 'discard'>,
  ) {
    this.searchId = s.searchId;
    this.startedAt = s.now();
    this.total = s.ranges.reduce((sum, range) => sum + Math.max(0, range.end - range.start), 0);
    this.partitionsDone = new Set(s.ranges.filter((range) => range.end <= range.start).map((range) => range.partition));
    this.workers = pool.acquire(s.shares.length);
    const runs = s.shares.map((share, index) => this.runShare(share, index));
    this.finished = Promise.all(runs).then(() => {
      s.onEnd();
      const final = this.snapshot(true);
      s.listener.progress(final);
      return final;
    });
  }

  /** Stops the workers; the final progress event then says `cancelled: true`. */
  cancel(): void {
    this.cancelled = true;
    this.stopAll();
  }

  private runShare(share: PartitionRange[], index: number): Promise<void> {
    const worker = this.workers[index];
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
      this.finishers.push(finish);
      worker.on('message', (message: WorkerMessage) => this.onMessage(message, share, index, finish));
      worker.on('error', (failure) => {
        this.error ??= failure.message;
        finish();
      });
      worker.on('exit', () => finish());
      const job: SearchWorkerData = {
        target: this.s.target,
        topic: this.s.args.topic,
        ranges: share,
        filter: this.s.args.filter,
        batchSize: BATCH_SIZE,
        decode: this.s.decode,
      };
      worker.postMessage({ type: 'search', job } satisfies ParentMessage);
    });
  }

  private onMessage(message: WorkerMessage, share: PartitionRange[], index: number, finish: (healthy?: boolean) => void): void {
    if (message.type === 'matches') this.deliver(message.records);
    else if (message.type === 'progress' || message.type === 'done') {
      this.scanned.set(index, message.scanned);
      if (message.type === 'progress') for (const partition of message.partitionsDone) this.partitionsDone.add(partition);
      if (message.type === 'done') {
        if (!message.cancelled) for (const range of share) this.partitionsDone.add(range.partition);
        finish(true);
      } else this.emitProgress();
    } else if (message.type === 'error') {
      this.error ??= message.message;
      this.stopAll();
      finish(true);
    }
  }

  private deliver(records: MessageRecord[]): void {
    if (this.stoppedAtLimit) return;
    const room = this.s.args.maxMatches - this.matched;
    const kept = records.length > room ? records.slice(0, room) : records;
    this.matched += kept.length;
    if (kept.length) this.s.listener.matches({ searchId: this.searchId, records: kept });
    if (this.matched >= this.s.args.maxMatches) {
      this.stoppedAtLimit = true;
      this.stopAll();
    }
  }

  private stopAll(): void {
    for (const worker of this.workers) worker.postMessage({ type: 'stop' } satisfies ParentMessage);
    const timer = setTimeout(() => this.finishers.forEach((finish) => finish()), STOP_GRACE_MS);
    timer.unref();
  }

  /** At most one event per progress interval. */
  private emitProgress(): void {
    const at = this.s.now();
    if (at - this.lastEmit < this.s.progressIntervalMs) return;
    this.lastEmit = at;
    this.s.listener.progress(this.snapshot(false));
  }

  private snapshot(done: boolean): SearchProgress {
    const elapsedMs = this.s.now() - this.startedAt;
    const scanned = [...this.scanned.values()].reduce((sum, count) => sum + count, 0);
    return {
      searchId: this.searchId,
      scanned,
      total: this.total,
      matched: this.matched,
      ratePerSec: elapsedMs > 0 ? Math.round((scanned / elapsedMs) * 1000) : 0,
      partitionsDone: this.partitionsDone.size,
      partitions: this.s.ranges.length,
      elapsedMs,
      done,
      cancelled: this.cancelled,
      stoppedAtLimit: this.stoppedAtLimit,
      error: this.error,
    };
  }
}
