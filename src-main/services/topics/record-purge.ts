// Purge (DeleteRecords) with a preview: what goes from each partition is computed from its offsets now, exactly as
// applying it would, so the preview's counts are the records the broker then removes.
import type { z } from 'zod';
import type { PurgedPartition, PurgeRecordsArgs, PurgeRecordsResult } from '@shared/topics';
import { invalidField } from '@shared/errors';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { deleteRecordsBefore, listTopicOffsets, offsetsAtTime, type PartitionOffsets } from '@main/clients/kafka/platformatic-admin';

type Args = z.output<typeof PurgeRecordsArgs>;

/**
 * Pure: the new low watermark of each partition, never below what is already gone nor past the end. `atTime` is a
 * timestamp purge's first offset at or after the time (null: no record that late, so everything goes).
 */
export function purgePlan(offsets: Map<number, PartitionOffsets>, before: Args['before'], atTime: Map<number, number | null>): PurgedPartition[] {
  return [...offsets]
    .sort(([a], [b]) => a - b)
    .map(([partition, { start, end }]) => {
      const wanted = 'offset' in before ? before.offset : (atTime.get(partition) ?? end);
      const next = Math.min(Math.max(wanted, start), end);
      return { partition, lowWatermark: start, newLowWatermark: next, highWatermark: end, removed: next - start };
    });
}

export async function purgeRecords(target: KafkaTarget, partitionCount: number, args: Args): Promise<PurgeRecordsResult> {
  const all = Array.from({ length: partitionCount }, (_, i) => i);
  const wanted = args.partitions ?? all;
  const missing = wanted.filter((p) => p >= partitionCount);
  if (missing.length > 0)
    throw invalidField(['partitions'], `topic "${args.name}" has partitions 0–${partitionCount - 1}; no ${missing.join(', ')}`, 'not-found');
  const offsets = (await listTopicOffsets(target, [{ name: args.name, partitions: wanted }])).get(args.name) ?? new Map<number, PartitionOffsets>();
  const atTime = 'timestamp' in args.before ? await offsetsAtTime(target, args.name, wanted, args.before.timestamp) : new Map<number, number | null>();
  const plan = purgePlan(offsets, args.before, atTime);
  const removed = plan.reduce((n, p) => n + p.removed, 0);
  if (args.dryRun) return { name: args.name, applied: false, partitions: plan, removed };
  const moving = plan.filter((p) => p.removed > 0);
  const after =
    moving.length > 0 ? await deleteRecordsBefore(target, args.name, new Map(moving.map((p) => [p.partition, p.newLowWatermark]))) : new Map<number, number>();
  const partitions = plan.map((p) => {
    const low = after.get(p.partition) ?? p.newLowWatermark;
    return { ...p, newLowWatermark: low, removed: low - p.lowWatermark };
  });
  return { name: args.name, applied: true, partitions, removed: partitions.reduce((n, p) => n + p.removed, 0) };
}
