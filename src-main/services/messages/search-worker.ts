import { parentPort } from 'node:worker_threads';
import type { z } from 'zod';
import { StreamdeskError, type ErrorCode } from '@shared/errors';
import type { MessageRecord, PartitionWindow, SearchFilter, StartPosition } from '@shared/messages';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { SchemaRegistryClient, type SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import { SideReader } from '@main/services/schemas/side-reader';
import type { DecodeSettings } from '@shared/messages';
import { compileFilter, type RecordReading } from './filter';
import { PartitionFetcher } from './partition-fetcher';
import { resolveWindows } from './positions';
import { readRanges, type PartitionRange } from './range-reader';
import { loadFor, readRecord, toMessageRecord, valueReadsPlain, valueRegion, type ReadRecord } from './record-view';
import type { RecordCursor } from './record-batch';

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
  /** How records are decoded: the registry's address (the worker makes its own client) and the topic's override. */
  decode?: { registry: SchemaRegistryTarget | null; settings: DecodeSettings };
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

/** One registry client per registry for the worker's life: each schema is fetched once per worker. */
const registries = new Map<string, SchemaRegistryClient>();
/** One reader per registry and settings: its schemas stay compiled from one search to the next. */
const readers = new Map<string, SideReader>();

function readerOf(decode: SearchWorkerData['decode']): SideReader | null {
  if (!decode) return null;
  const registryKey = decode.registry ? JSON.stringify([decode.registry.url, decode.registry.auth ?? null]) : '';
  let client = decode.registry ? registries.get(registryKey) : null;
  if (decode.registry && !client) registries.set(registryKey, (client = new SchemaRegistryClient({ ...decode.registry, timeoutMs: 5000 })));
  const key = `${registryKey}\u0000${JSON.stringify(decode.settings)}`;
  let reader = readers.get(key);
  if (!reader) readers.set(key, (reader = new SideReader(client ?? null, decode.settings)));
  return reader;
}

/** The reader's answer for the record under the cursor, decoded once however many tests ask. */
function memoized(reader: SideReader): RecordReading {
  let at: { buf: Buffer; partition: number; offset: number } | null = null;
  let last: ReadRecord | null = null;
  return (partition: number, cursor: RecordCursor) => {
    if (!last || !at || at.buf !== cursor.buf || at.partition !== partition || at.offset !== cursor.offset) {
      last = readRecord(reader, cursor);
      at = { buf: cursor.buf, partition, offset: cursor.offset };
    }
    return last;
  };
}

async function run(data: SearchWorkerData, port: Port, stopped: () => boolean): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  const fetcher = new PartitionFetcher(data.target, data.topic, { clientId: 'streamdesk-search', partitionMaxBytes: 8 * 1024 * 1024 });
  const reader = readerOf(data.decode);
  const read = reader ? memoized(reader) : undefined;
  let filter;
  try {
    filter = compileFilter(
      data.filter,
      reader && read ? { read, valueRegion: (cursor) => valueRegion(reader, cursor), plainValue: (cursor) => valueReadsPlain(reader, cursor) } : undefined,
    );
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
      beforeRecords: reader ? (buffers) => loadFor(reader, buffers) : undefined,
      record: (partition, cursor) => {
        if (!filter.record(partition, cursor)) return;
        matched++;
        pending.push(toMessageRecord(partition, cursor, read?.(partition, cursor)));
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
