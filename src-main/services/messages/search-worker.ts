import { parentPort } from 'node:worker_threads';
import type { z } from 'zod';
import { StreamdeskError, type ErrorCode } from '@shared/errors';
import type { MessageRecord, PartitionWindow, SearchFilter, StartPosition } from '@shared/messages';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { compileFilter } from './filter';
import { PartitionFetcher } from './partition-fetcher';
import { resolveWindows } from './positions';
import { readRanges, type PartitionRange } from './range-reader';
import { toMessageRecord } from './record-view';

/**
 * A search worker: for each job it fetches its share of the partitions, decodes and filters
 * them on its own thread, and posts matches in batches and its counts after every fetch. The
 * main thread only adds up counts, so neither it nor the UI ever waits on a scan. Workers stay
 * alive between jobs (loading the Kafka client takes a second), one job at a time.
 */

type Port = NonNullable<typeof parentPort>;

export interface SearchWorkerData {
  target: KafkaTarget;
  topic: string;
  ranges: PartitionRange[];
  filter: z.output<typeof SearchFilter>;
  /** Matches posted together; also flushed after every fetch round. */
  batchSize: number;
}

/** Offsets are resolved here too, so a process that only searches never loads the Kafka client on its main thread. */
export interface ResolveRequest {
  target: KafkaTarget;
  topic: string;
  from: StartPosition;
  partitions: number[] | null;
  fromMs?: number;
}

export type WorkerMessage =
  | { type: 'windows'; windows: PartitionWindow[] }
  | { type: 'progress'; scanned: number; matched: number; partitionsDone: number[] }
  | { type: 'matches'; records: MessageRecord[] }
  | { type: 'done'; scanned: number; matched: number; cancelled: boolean }
  | { type: 'error'; message: string; code?: ErrorCode };

export type ParentMessage = { type: 'search'; job: SearchWorkerData } | { type: 'resolve'; request: ResolveRequest } | { type: 'stop' };

async function resolve(request: ResolveRequest, port: Port): Promise<void> {
  const fetcher = new PartitionFetcher(request.target, request.topic, { clientId: 'streamdesk-search' });
  try {
    port.postMessage({ type: 'windows', windows: await resolveWindows(fetcher, request.from, request.partitions, request.fromMs) } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({
      type: 'error',
      message: (error as Error).message,
      ...(error instanceof StreamdeskError ? { code: error.code } : {}),
    } satisfies WorkerMessage);
  } finally {
    await fetcher.close();
  }
}

async function run(data: SearchWorkerData, port: Port, stopped: () => boolean): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  const fetcher = new PartitionFetcher(data.target, data.topic, { clientId: 'streamdesk-search', partitionMaxBytes: 8 * 1024 * 1024 });
  let filter;
  try {
    filter = compileFilter(data.filter);
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
    return;
  }
  let pending: MessageRecord[] = [];
  let matched = 0;
  let scannedBefore = 0;
  const flush = () => {
    if (pending.length) post({ type: 'matches', records: pending });
    pending = [];
  };
  try {
    const result = await readRanges(fetcher, data.ranges, {
      batch: (_, info) => filter.batch(info),
      record: (partition, cursor) => {
        if (!filter.record(partition, cursor)) return;
        matched++;
        pending.push(toMessageRecord(partition, cursor));
        if (pending.length >= data.batchSize) flush();
      },
      progress: (done) => {
        flush();
        post({ type: 'progress', scanned: scannedBefore, matched, partitionsDone: done });
      },
      cancelled: stopped,
      scanned: (count) => {
        scannedBefore += count;
      },
    });
    flush();
    post({ type: 'done', scanned: [...result.scanned.values()].reduce((sum, count) => sum + count, 0), matched, cancelled: result.cancelled });
  } catch (error) {
    flush();
    post({ type: 'error', message: (error as Error).message });
  } finally {
    await fetcher.close();
  }
}

function serve(port: Port): void {
  let current: { stopped: boolean } | null = null;
  port.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      if (current) current.stopped = true;
      return;
    }
    if (message.type === 'resolve') {
      void resolve(message.request, port);
      return;
    }
    const job = { stopped: false };
    current = job;
    void run(message.job, port, () => job.stopped).finally(() => {
      if (current === job) current = null;
    });
  });
}

if (parentPort) serve(parentPort);
