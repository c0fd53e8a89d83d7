import { invalidField } from '@shared/errors';
import type { PartitionWindow, StartPosition } from '@shared/messages';
import type { PartitionFetcher } from './partition-fetcher';

/**
 * Turns a start position into an exact offset range per partition, against one snapshot of
 * the log ends taken now: whatever is written after that is not part of this read, so a scan
 * of a busy topic still ends and its counts are exact.
 */
export async function resolveWindows(fetcher: PartitionFetcher, from: StartPosition, only: number[] | null, fromMs?: number): Promise<PartitionWindow[]> {
  const all = await fetcher.partitions();
  for (const partition of only ?? []) {
    if (!all.includes(partition)) throw invalidField(['partition'], `topic "${fetcher.topic}" has partitions 0–${all.length - 1}`);
  }
  const chosen = only ?? all;
  const [starts, ends] = await Promise.all([fetcher.offsets(-2), fetcher.offsets(-1)]);
  // A lower time bound moves the start to the first record at or after it: the time index
  // guarantees every earlier offset is older, so nothing that could match is skipped.
  const timeStart =
    from.kind === 'timestamp' || fromMs !== undefined ? await fetcher.offsets(Math.max(from.kind === 'timestamp' ? from.ms : 0, fromMs ?? 0)) : null;
  return chosen.map((partition) => {
    const logStart = starts[partition] ?? 0;
    const logEnd = ends[partition] ?? 0;
    let start: number;
    switch (from.kind) {
      case 'beginning':
      case 'timestamp': // moved to the time below
        start = logStart;
        break;
      case 'end':
        // Offsets are dense except on compacted topics, where this may hold fewer than `count`.
        start = Math.max(logStart, logEnd - from.count);
        break;
      case 'offset':
        start = Math.min(Math.max(from.offset, logStart), logEnd);
        break;
    }
    if (timeStart) {
      const atTime = timeStart[partition] ?? -1;
      start = Math.max(start, atTime < 0 ? logEnd : atTime);
    }
    return { partition, logStart, logEnd, from: start, to: logEnd };
  });
}
