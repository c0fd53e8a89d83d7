import type { QuorumHealth } from '@shared/brokers';
import type { KafkaHealth } from '@shared/health';

export interface ClusterDescription {
  clusterId: string;
  controller: number | null;
  brokers: { nodeId: number; host: string; port: number }[];
}
interface PartitionMetadataLike {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}
export interface TopicMetadataLike {
  name: string;
  partitions: PartitionMetadataLike[];
}

/** Pure: counts under-replicated and offline partitions and picks the status. */
export function kafkaHealthFrom(
  bootstrap: string,
  cluster: ClusterDescription,
  topics: TopicMetadataLike[],
  checkedAt: number,
  latencyMs: number,
): KafkaHealth {
  const liveBrokers = new Set(cluster.brokers.map((broker) => broker.nodeId));
  let partitions = 0;
  let underReplicated = 0;
  let offline = 0;
  /** Brokers that hold replicas but are not in the cluster: the ones that died (or were removed). */
  const missing = new Set<number>();
  for (const topic of topics) {
    for (const partition of topic.partitions) {
      partitions += 1;
      for (const replica of partition.replicas) if (!liveBrokers.has(replica)) missing.add(replica);
      if (partition.leader < 0 || !liveBrokers.has(partition.leader)) offline += 1;
      else if (partition.isr.length < partition.replicas.length) underReplicated += 1;
    }
  }
  const details = {
    bootstrap,
    clusterId: cluster.clusterId || null,
    brokers: cluster.brokers.length,
    controllerId: cluster.controller,
    topics: topics.filter((topic) => !topic.name.startsWith('__')).length,
    partitions,
    underReplicatedPartitions: underReplicated,
    offlinePartitions: offline,
    quorum: null,
  };
  const problems: string[] = [];
  if (offline > 0) problems.push(`${offline} offline partition${offline === 1 ? '' : 's'} (no leader)`);
  if (underReplicated > 0) problems.push(`${underReplicated} under-replicated partition${underReplicated === 1 ? '' : 's'}`);
  if (missing.size > 0) {
    const ids = [...missing].sort((a, b) => a - b).join(', ');
    problems.push(missing.size === 1 ? `broker ${ids} holds replicas but is not in the cluster` : `brokers ${ids} hold replicas but are not in the cluster`);
  }
  if (cluster.controller === null || cluster.controller < 0) problems.push('no active controller');
  return {
    status: problems.length > 0 ? 'degraded' : 'up',
    reason: problems.join(', '),
    checkedAt,
    latencyMs,
    details,
  };
}

/**
 * The quorum joined to Kafka's health. In KRaft the active controller is the quorum's leader: a broker's Metadata and
 * DescribeCluster name a random live broker as controller (kafbat #525), so the metadata's id is replaced.
 */
export function withQuorum(kafka: KafkaHealth, quorum: QuorumHealth | null): KafkaHealth {
  // kept when the Kafka probe failed: the quorum was read from a broker that answered (the probe's client may have
  // tried a dead one first), and the quorum alerts must see a voter that went with it
  if (!quorum) return kafka;
  const controllerId = quorum.mode === 'kraft' ? quorum.leaderId : kafka.details.controllerId;
  return { ...kafka, details: { ...kafka.details, controllerId, quorum } };
}
