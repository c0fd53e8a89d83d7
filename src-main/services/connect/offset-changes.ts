// The preview of a KIP-875 offsets change: per partition, the offset now and the one after, as the consumer-group
// reset shows it. Pure.
import type { ConnectorOffset, OffsetChangeRow } from '@shared/connect';

/** Partitions are maps; two are the same partition when their keys and values are (key order does not matter). */
function partitionKey(partition: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(partition)
      .sort()
      .map((k) => [k, partition[k]]),
  );
}

/** A reset forgets every offset. */
export function resetPreview(current: ConnectorOffset[]): OffsetChangeRow[] {
  return current.map(({ partition, offset }) => ({ partition, current: offset, next: null }));
}

/** An alter writes the partitions it names and leaves the others as they are. */
export function alterPreview(current: ConnectorOffset[], requested: ConnectorOffset[]): OffsetChangeRow[] {
  const now = new Map(current.map((o) => [partitionKey(o.partition), o.offset]));
  return requested.map(({ partition, offset }) => ({ partition, current: now.get(partitionKey(partition)) ?? null, next: offset }));
}

/** A sink's offsets are Kafka positions: `{kafka_topic, kafka_partition}` → `{kafka_offset}`; each bad one is an issue on its field. */
export function sinkOffsetIssues(offsets: ConnectorOffset[]): { path: (string | number)[]; message: string }[] {
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  return offsets.flatMap(({ partition, offset }, i) => {
    const at = ['change', 'offsets', i];
    return [
      ...(typeof partition.kafka_topic === 'string' && partition.kafka_topic !== ''
        ? []
        : [{ path: [...at, 'partition', 'kafka_topic'], message: 'must name a topic' }]),
      ...(isCount(partition.kafka_partition) ? [] : [{ path: [...at, 'partition', 'kafka_partition'], message: 'must be a partition number (0 or more)' }]),
      ...(offset === null || isCount(offset.kafka_offset)
        ? []
        : [{ path: [...at, 'offset', 'kafka_offset'], message: 'must be an offset (0 or more), or the offset null to forget it' }]),
    ];
  });
}
