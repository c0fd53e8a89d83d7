import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { BrowseArgs, BrowseResult, KcatCommand, MessageRecord, RecordRef, TailArgs, TailPollArgs, TailPollResult } from '@shared/messages';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { kcatCommand } from './export';
import { PartitionFetcher } from './partition-fetcher';
import { resolveWindows } from './positions';
import { readRanges } from './range-reader';
import { decodeBatches } from './record-batch';
import type { SideReader } from '@main/services/schemas/side-reader';
import { compareRecords, loadFor, readRecord, toMessageRecord } from './record-view';

export interface TailHandle {
  stop(): Promise<void>;
}

export interface TailOptions {
  /** How long one fetch waits on the broker for new records; also the stop latency. */
  maxWaitMs?: number;
  onError?(error: StreamdeskError): void;
}

/** Browsing and live tail: reads at explicit offsets, no consumer group, nothing committed. */
export class MessagesService {
  /** `reader`: how a topic's records are decoded (registry, override); without one, records are shown as bytes. */
  constructor(
    private readonly target: () => KafkaTarget,
    private readonly reader: (topic: string) => SideReader | null = () => null,
  ) {}

  /** The record under the cursor, decoded as the topic's reader says. */
  private recordOf(reader: SideReader | null, partition: number, cursor: Parameters<typeof toMessageRecord>[1]): MessageRecord {
    return toMessageRecord(partition, cursor, reader ? readRecord(reader, cursor) : undefined);
  }

  /**
   * Up to `limit` records from the start position. Each partition contributes its records from
   * its own start; the merge is ordered by timestamp and cut to `limit` (for `end`: the newest).
   */
  async browse(args: z.output<typeof BrowseArgs>): Promise<BrowseResult> {
    const fetcher = new PartitionFetcher(this.target(), args.topic, { clientId: 'streamdesk-browse', partitionMaxBytes: 1024 * 1024 });
    try {
      const windows = await resolveWindows(fetcher, args.from, args.partition === null ? null : [args.partition]);
      const fromEnd = args.from.kind === 'end';
      const ranges = windows.map((window) => ({
        partition: window.partition,
        start: fromEnd ? Math.max(window.from, window.to - args.limit) : window.from,
        end: window.to,
      }));
      const collected: MessageRecord[] = [];
      const perPartition = new Map<number, number>();
      const reader = this.reader(args.topic);
      await readRanges(fetcher, ranges, {
        beforeRecords: reader ? (buffers) => loadFor(reader, buffers) : undefined,
        record: (partition, cursor) => {
          collected.push(this.recordOf(reader, partition, cursor));
          const count = (perPartition.get(partition) ?? 0) + 1;
          perPartition.set(partition, count);
          return count < args.limit;
        },
      });
      collected.sort(compareRecords);
      const available = windows.reduce((sum, window) => sum + Math.max(0, window.to - window.from), 0);
      const records = fromEnd ? collected.slice(-args.limit) : collected.slice(0, args.limit);
      return { topic: args.topic, records, partitions: windows, hasMore: records.length < available };
    } finally {
      await fetcher.close();
    }
  }

  /** One record by its coordinates, read again from the log (exact bytes, not what a UI holds). */
  async record(ref: RecordRef): Promise<MessageRecord> {
    const { records } = await this.browse({ topic: ref.topic, partition: ref.partition, from: { kind: 'offset', offset: ref.offset }, limit: 1 });
    const found = records.find((record) => record.offset === ref.offset);
    if (!found)
      throw new StreamdeskError(
        'not-found',
        `offset: ${ref.topic}[${ref.partition}] has no record at offset ${ref.offset} (deleted, compacted or not written yet)`,
      );
    return found;
  }

  /** "Copy as kcat": the record's exact bytes, read again, as a command, with what it cannot carry. */
  async kcatCommand(ref: RecordRef): Promise<KcatCommand> {
    const record = await this.record(ref);
    const target = this.target();
    const caveats = ["kcat gives the copy a new timestamp: the record's own time is not carried"];
    if (record.headers.some((header) => header.valueEncoding === 'base64')) caveats.push('binary header values are passed as the base64 text shown');
    if (target.sasl || target.ssl) caveats.push('SASL/TLS settings are not included: add your -X security options');
    return { command: kcatCommand(record, ref.topic, target.brokers), caveats };
  }

  /**
   * One step of a live tail (see TailPollArgs): no state is kept between calls, so a closed
   * window or a paused tail costs nothing. Each partition contributes at most its share of
   * `limit`, and its next position is right after the last record returned, so nothing is
   * skipped however far behind the caller is.
   */
  async tailPoll(args: z.output<typeof TailPollArgs>): Promise<TailPollResult> {
    const fetcher = new PartitionFetcher(this.target(), args.topic, { clientId: 'streamdesk-tail', partitionMaxBytes: 1024 * 1024 });
    try {
      if (!args.after) {
        const windows = await resolveWindows(fetcher, { kind: 'end', count: 1 }, args.partition === null ? null : [args.partition]);
        return { records: [], positions: windows.map((window) => ({ partition: window.partition, offset: window.to })) };
      }
      const known = await fetcher.partitions();
      const wanted = args.after.filter((position) => args.partition === null || position.partition === args.partition);
      const missing = wanted.find((position) => !known.includes(position.partition));
      if (missing) throw invalidField(['after'], `topic "${args.topic}" has partitions 0–${known.length - 1}, not ${missing.partition}`);
      const share = Math.max(1, Math.ceil(args.limit / Math.max(1, wanted.length)));
      const position = new Map(wanted.map((entry) => [entry.partition, entry.offset]));
      const data = await fetcher.fetch(wanted, args.maxWaitMs);
      const reader = this.reader(args.topic);
      if (reader)
        await loadFor(
          reader,
          data.flatMap((partition) => (partition.records ? [partition.records] : [])),
        );
      const records: MessageRecord[] = [];
      for (const partition of data) {
        const from = position.get(partition.partition);
        if (from === undefined) continue;
        if (partition.errorCode !== 0) {
          // Out of range: deleted by retention (go on from the log start) or a stale position past the end.
          position.set(partition.partition, from > partition.highWatermark ? partition.highWatermark : partition.logStartOffset);
          continue;
        }
        if (!partition.records) continue;
        let taken = 0;
        decodeBatches(partition.records, {
          batch: () => taken < share,
          record: (cursor) => {
            if (cursor.offset < from || taken >= share) return;
            records.push(this.recordOf(reader, partition.partition, cursor));
            taken++;
            position.set(partition.partition, cursor.offset + 1);
          },
        });
      }
      return { records: records.sort(compareRecords), positions: [...position].map(([partition, offset]) => ({ partition, offset })) };
    } finally {
      await fetcher.close();
    }
  }

  /**
   * Streams records written after the call, in batches as the broker hands them over. Returns
   * once the start offsets are known, so nothing written after it is missed.
   */
  async tail(args: z.output<typeof TailArgs>, onRecords: (records: MessageRecord[]) => void, options: TailOptions = {}): Promise<TailHandle> {
    const fetcher = new PartitionFetcher(this.target(), args.topic, { clientId: 'streamdesk-tail', partitionMaxBytes: 1024 * 1024 });
    let windows;
    try {
      windows = await resolveWindows(fetcher, { kind: 'end', count: 1 }, args.partition === null ? null : [args.partition]);
    } catch (error) {
      await fetcher.close();
      throw error;
    }
    const position = new Map(windows.map((window) => [window.partition, window.to]));
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        try {
          const data = await fetcher.fetch(
            [...position].map(([partition, offset]) => ({ partition, offset })),
            options.maxWaitMs ?? 500,
          );
          const records: MessageRecord[] = [];
          const reader = this.reader(args.topic);
          if (reader)
            await loadFor(
              reader,
              data.flatMap((partition) => (partition.records ? [partition.records] : [])),
            );
          for (const partition of data) {
            const from = position.get(partition.partition);
            if (from === undefined) continue;
            if (partition.errorCode !== 0) {
              position.set(partition.partition, partition.logStartOffset);
              continue;
            }
            if (!partition.records) continue;
            const next = decodeBatches(partition.records, {
              record: (cursor) => {
                if (cursor.offset >= from) records.push(this.recordOf(reader, partition.partition, cursor));
              },
            });
            if (next > from) position.set(partition.partition, next);
          }
          if (records.length && !stopped) onRecords(records.sort(compareRecords));
        } catch (error) {
          if (stopped) break;
          options.onError?.(error instanceof StreamdeskError ? error : new StreamdeskError('unavailable', String(error)));
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    })();
    return {
      async stop() {
        stopped = true;
        await loop;
        await fetcher.close();
      },
    };
  }
}
