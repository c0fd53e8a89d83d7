// The newest few records of a topic as raw bytes (key, value, headers), for finding which schema
// ids a topic's records carry. Reads at explicit offsets like browse: no group, nothing committed.
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { PartitionFetcher } from '@main/services/messages/partition-fetcher';
import { resolveWindows } from '@main/services/messages/positions';
import { readRanges } from '@main/services/messages/range-reader';
import { keyBytes, readHeaders, valueBytes } from '@main/services/messages/record-batch';
import type { RecordHeaderBytes } from './wire-format';

export interface RawRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeaderBytes[];
}

/** Up to `perPartition` of each partition's newest records. */
export async function newestRawRecords(target: KafkaTarget, topic: string, perPartition: number): Promise<RawRecord[]> {
  // small fetches: a few records per partition, not a megabyte each
  const fetcher = new PartitionFetcher(target, topic, { clientId: 'streamdesk-schema-usage', partitionMaxBytes: 64 * 1024 });
  try {
    const windows = await resolveWindows(fetcher, { kind: 'end', count: perPartition }, null);
    const records: RawRecord[] = [];
    await readRanges(
      fetcher,
      windows.map((w) => ({ partition: w.partition, start: w.from, end: w.to })),
      {
        record: (_partition, cursor) => {
          const headers = cursor.headerCount ? readHeaders(cursor).map((h) => ({ key: h.key.toString('utf8'), value: h.value })) : [];
          records.push({ key: copy(keyBytes(cursor)), value: copy(valueBytes(cursor)), headers });
        },
      },
    );
    return records;
  } finally {
    await fetcher.close();
  }
}

// Only the framing (magic byte and an id of up to 8 bytes) is kept: the cursor reuses its buffer
function copy(bytes: Buffer | null): Uint8Array | null {
  return bytes ? Uint8Array.from(bytes.subarray(0, Math.min(bytes.length, 16))) : null;
}
