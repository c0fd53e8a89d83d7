import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { ReplayArgs, ReplayProgress } from '@shared/messages';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';
import { PartitionFetcher } from './partition-fetcher';
import { resolveWindows } from './positions';
import { readRanges } from './range-reader';
import { keyBytes, readHeaders, type RecordCursor, valueBytes } from './record-batch';

/** The record under `cursor` as a message to produce, with its key, headers and timestamp (and its partition when `keepPartitions`). */
function copyRecord(partition: number, cursor: RecordCursor, keepPartitions: boolean): Message {
  // A name that appears twice keeps both values, in order.
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const header of readHeaders(cursor)) {
    const name = header.key.toString('utf8');
    const value = header.value ?? Buffer.alloc(0);
    const known = headers[name];
    headers[name] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  const key = keyBytes(cursor);
  const value = valueBytes(cursor);
  // Copies: the cursor's bytes are reused by the next fetch.
  return {
    key: key ? Buffer.from(key) : null,
    value: value ? Buffer.from(value) : null,
    headers,
    timestamp: String(cursor.timestamp),
    ...(keepPartitions ? { partition } : {}),
  };
}

/**
 * The seed's "event history and replay": copies the records of a time range of one topic into
 * another, with their keys, headers and timestamps. Each fetch round is written (idempotent
 * producer, acks=all, one request in flight) before the next is read, so per-partition order
 * holds and `written` counts only what the broker acknowledged.
 */
export class ReplayService {
  constructor(
    private readonly target: () => KafkaTarget,
    private readonly options: { progressIntervalMs?: number } = {},
  ) {}

  /**
   * Starts a replay and answers its id at once; progress (and the final event, `done`, with
   * `error` when it failed) goes to `onProgress`, tagged with that id.
   */
  start(args: z.output<typeof ReplayArgs>, onProgress: (progress: ReplayProgress) => void): { replayId: string; finished: Promise<ReplayProgress> } {
    const replayId = randomUUID();
    let last: ReplayProgress = { replayId, read: 0, written: 0, total: 0, done: false, error: null };
    const report = (progress: ReplayProgress) => onProgress((last = progress));
    // A failure is already in the final progress event; `finished` resolves with that event.
    const finished = this.replay(args, report, replayId).catch(() => last);
    return { replayId, finished };
  }

  async replay(
    args: z.output<typeof ReplayArgs>,
    onProgress: (progress: ReplayProgress) => void = () => {},
    replayId: string = randomUUID(),
  ): Promise<ReplayProgress> {
    const source = new PartitionFetcher(this.target(), args.source, { clientId: 'streamdesk-replay' });
    const sink = new PartitionFetcher(this.target(), args.target, { clientId: 'streamdesk-replay' });
    const producer = kafkaClient(this.target(), { clientId: 'streamdesk-replay' }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    const progress: ReplayProgress = { replayId, read: 0, written: 0, total: 0, done: false, error: null };
    try {
      const targetPartitions = (
        await sink.partitions().catch((error: unknown) => {
          throw error instanceof StreamdeskError && error.code === 'not-found'
            ? new StreamdeskError('not-found', `target: topic "${args.target}" does not exist`)
            : error;
        })
      ).length;
      const windows = await resolveWindows(source, { kind: 'timestamp', ms: args.fromMs }, null);
      const ranges = windows.filter((window) => window.to > window.from).map((window) => ({ partition: window.partition, start: window.from, end: window.to }));
      const highest = Math.max(-1, ...ranges.map((range) => range.partition));
      if (args.keepPartitions && highest >= targetPartitions) {
        throw invalidField(
          ['target'],
          `"${args.target}" has ${targetPartitions} partition(s) but records come from partition ${highest}; add partitions or replay by key`,
        );
      }
      progress.total = ranges.reduce((sum, range) => sum + range.end - range.start, 0);
      await producer.connect();
      let pending: Message[] = [];
      let lastEmit = 0;
      await readRanges(source, ranges, {
        record: (partition, cursor) => {
          progress.read++;
          if (cursor.timestamp < args.fromMs || cursor.timestamp >= args.toMs) return;
          pending.push(copyRecord(partition, cursor, args.keepPartitions));
        },
        afterRound: async () => {
          const batch = pending;
          pending = [];
          if (batch.length) await producer.send({ topic: args.target, acks: -1, messages: batch });
          progress.written += batch.length;
          const now = Date.now();
          if (now - lastEmit >= (this.options.progressIntervalMs ?? 250)) {
            lastEmit = now;
            onProgress({ ...progress });
          }
        },
      });
      progress.done = true;
      onProgress({ ...progress });
      return progress;
    } catch (error) {
      progress.done = true;
      progress.error = (error instanceof StreamdeskError ? error : kafkaError(error, `replay ${args.source} to ${args.target}`)).message;
      onProgress({ ...progress });
      throw error instanceof StreamdeskError ? error : kafkaError(error, `replay ${args.source} to ${args.target}`);
    } finally {
      await producer.disconnect().catch(() => {});
      await Promise.all([source.close(), sink.close()]);
    }
  }
}
