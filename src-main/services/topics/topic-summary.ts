import type { TopicConfigEntry, TopicPartition, TopicSummary } from '@shared/topics';
import type { PartitionOffsets } from '@main/clients/kafka/platformatic-admin';
import type { PartitionMetadata } from '@main/clients/kafka/cluster-metadata';

/** Topics whose name starts with "_" are the cluster's own (__consumer_offsets, _schemas…). */
export function isInternalTopic(name: string): boolean {
  return name.startsWith('_');
}

export function partitionRows(
  partitions: PartitionMetadata[],
  liveBrokers: Set<number>,
  offsets: Map<number, PartitionOffsets> | undefined,
  sizes: Map<number, number> | undefined,
): TopicPartition[] {
  return [...partitions]
    .sort((a, b) => a.partitionId - b.partitionId)
    .map((partition) => ({
      partition: partition.partitionId,
      leader: partition.leader,
      replicas: partition.replicas,
      isr: partition.isr,
      offline: partition.leader < 0 || !liveBrokers.has(partition.leader),
      startOffset: offsets?.get(partition.partitionId)?.start ?? 0,
      endOffset: offsets?.get(partition.partitionId)?.end ?? 0,
      sizeBytes: sizes?.get(partition.partitionId) ?? null,
    }));
}

/** Pure: one row of the topic list from its partitions and configs. */
export function summarize(name: string, rows: TopicPartition[], configs: TopicConfigEntry[], offsetsKnown: boolean, sizesKnown: boolean): TopicSummary {
  const config = (key: string) => configs.find((entry) => entry.name === key)?.value ?? null;
  const retention = config('retention.ms');
  return {
    name,
    internal: isInternalTopic(name),
    partitions: rows.length,
    replicationFactor: rows.reduce((max, row) => Math.max(max, row.replicas.length), 0),
    retentionMs: retention === null ? null : Number(retention),
    cleanupPolicy: config('cleanup.policy'),
    messageCount: offsetsKnown ? rows.reduce((sum, row) => sum + (row.endOffset - row.startOffset), 0) : null,
    sizeBytes: sizesKnown ? rows.reduce((sum, row) => sum + (row.sizeBytes ?? 0), 0) : null,
    underReplicatedPartitions: rows.filter((row) => !row.offline && row.isr.length < row.replicas.length).length,
    offlinePartitions: rows.filter((row) => row.offline).length,
  };
}
