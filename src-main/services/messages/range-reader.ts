import { decodeBatches, type BatchInfo, type RecordCursor } from './record-batch';
import type { PartitionFetcher } from './partition-fetcher';

/** A half-open offset range [start, end) of one partition. */
export interface PartitionRange {
  partition: number;
  start: number;
  end: number;
}

export interface RangeHandlers {
  /** Skip a whole batch whose records cannot match (e.g. all older than a time bound). */
  batch?(partition: number, info: BatchInfo): boolean;
  /** Every record inside its partition's range, in offset order per partition. Return false to stop that partition. */
  record(partition: number, cursor: RecordCursor): boolean | void;
  /** After each fetch round: records seen per partition so far are in `scanned`. */
  progress?(done: number[]): void;
  /** Records read by the last fetch, called before `progress`. */
  scanned?(count: number): void;
  cancelled?(): boolean;
  /** Awaited after each fetch, before its records are read (e.g. to load the schemas they name). */
  beforeRecords?(buffers: Buffer[]): Promise<void>;
  /** Awaited after each fetch round, before the next fetch (e.g. to write what was read). */
  afterRound?(): Promise<void>;
}

export interface RangeResult {
  /** Records read inside the ranges, per partition (skipped batches count: they were read). */
  scanned: Map<number, number>;
  /** Where each partition stopped: its range end, or earlier when the handler stopped it. */
  position: Map<number, number>;
  cancelled: boolean;
}

/**
 * Reads every record of the given ranges, all partitions in each fetch (so partitions are read
 * in parallel by the broker), each partition until its end. A range that starts before the
 * log start (records deleted by retention meanwhile) continues from the log start.
 */
export async function readRanges(fetcher: PartitionFetcher, ranges: PartitionRange[], handlers: RangeHandlers): Promise<RangeResult> {
  const position = new Map(ranges.map((range) => [range.partition, range.start]));
  const end = new Map(ranges.map((range) => [range.partition, range.end]));
  const scanned = new Map(ranges.map((range) => [range.partition, 0]));
  const open = new Set(ranges.filter((range) => range.start < range.end).map((range) => range.partition));
  const done = ranges.filter((range) => range.start >= range.end).map((range) => range.partition);
  if (done.length) handlers.progress?.(done);
  for (let round = 0; open.size > 0; round++) {
    if (handlers.cancelled?.()) return { scanned, position, cancelled: true };
    // Rotate the order: a broker always returns a batch larger than the byte limit for the first
    // partition of a fetch only, so each partition must get its turn at being first.
    const order = [...open];
    const first = round % order.length;
    const rotated = [...order.slice(first), ...order.slice(0, first)];
    const data = await fetcher.fetch(rotated.map((partition) => ({ partition, offset: position.get(partition)! })));
    const finished: number[] = [];
    if (handlers.beforeRecords)
      await handlers.beforeRecords(data.flatMap((partition) => (partition.records && open.has(partition.partition) ? [partition.records] : [])));
    for (const partition of data) {
      const index = partition.partition;
      if (!open.has(index)) continue;
      const stop = end.get(index)!;
      const from = position.get(index)!;
      if (partition.errorCode !== 0) {
        // Offset out of range: the records were deleted while we read; go on from what is left.
        position.set(index, Math.max(from, partition.logStartOffset));
        if (position.get(index)! >= stop) finished.push(index);
        continue;
      }
      let stopped = false;
      let count = 0;
      const next = partition.records
        ? decodeBatches(partition.records, {
            batch: (info) => {
              if (stopped || info.baseOffset >= stop) return false;
              if (handlers.batch && info.baseOffset >= from && info.nextOffset <= stop && !handlers.batch(index, info)) {
                count += info.recordCount;
                return false;
              }
              return true;
            },
            record: (cursor) => {
              if (stopped || cursor.offset < from || cursor.offset >= stop) return;
              count++;
              if (handlers.record(index, cursor) === false) {
                stopped = true;
                position.set(index, cursor.offset + 1);
              }
            },
          })
        : -1;
      scanned.set(index, scanned.get(index)! + count);
      handlers.scanned?.(count);
      if (stopped) {
        finished.push(index);
      } else if (next > from) {
        position.set(index, Math.min(next, stop));
        if (next >= stop) finished.push(index);
      } else if (partition.highWatermark <= from) {
        // Nothing more to read: the log ends before the range did (records deleted or truncated).
        finished.push(index);
      }
    }
    for (const index of finished) open.delete(index);
    if (finished.length) done.push(...finished);
    handlers.progress?.(done);
    await handlers.afterRound?.();
  }
  return { scanned, position, cancelled: false };
}
