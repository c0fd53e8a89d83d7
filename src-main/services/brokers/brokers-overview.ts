// The Brokers page's rows from the cluster's metadata and log dirs. Pure.
import type { BrokersOverview, BrokerSummary, LogDir, Quorum } from '@shared/brokers';
import type { ClusterLayout } from '@main/clients/kafka/broker-admin';

type LogDirAnswers = Exclude<ClusterLayout['logDirs'], { error: unknown }>;

function logDirsOf(answers: LogDirAnswers, brokerId: number): LogDir[] {
  const broker = answers.find((answer) => answer.broker === brokerId);
  return (broker?.results ?? []).map((dir) => {
    // a future replica (being moved between dirs) is counted where it lives now, not twice
    const partitions = dir.topics.flatMap((topic) => topic.partitions).filter((partition) => !partition.isFutureKey);
    return {
      path: dir.logDir,
      sizeBytes: partitions.reduce((sum, partition) => sum + Number(partition.partitionSize), 0),
      partitions: partitions.length,
      // -1 from brokers that do not measure the volume (DescribeLogDirs before v4)
      totalBytes: dir.totalBytes < 0n ? null : Number(dir.totalBytes),
      usableBytes: dir.usableBytes < 0n ? null : Number(dir.usableBytes),
    };
  });
}

/**
 * Each broker with the partitions it leads and the replicas it holds. The controller: the quorum's leader when the cluster
 * is KRaft (Metadata names a random broker there), the metadata's controller in ZooKeeper mode.
 */
export function brokersOverview(layout: ClusterLayout, quorum: Quorum | null, logDirsError: string | null): BrokersOverview {
  const { metadata } = layout;
  const leaders = new Map<number, number>();
  const replicas = new Map<number, number>();
  for (const topic of metadata.topics) {
    for (const partition of topic.partitions) {
      leaders.set(partition.leaderId, (leaders.get(partition.leaderId) ?? 0) + 1);
      for (const replica of partition.replicaNodes) replicas.set(replica, (replicas.get(replica) ?? 0) + 1);
    }
  }
  const controllerId = quorum?.mode === 'kraft' ? quorum.leaderId : metadata.controllerId >= 0 ? metadata.controllerId : null;
  const brokers: BrokerSummary[] = metadata.brokers
    .map(({ nodeId: id, ...broker }) => ({
      id,
      host: broker.host,
      port: broker.port,
      rack: broker.rack || null,
      isController: id === controllerId,
      leaders: leaders.get(id) ?? 0,
      replicas: replicas.get(id) ?? 0,
      logDirs: 'error' in layout.logDirs ? [] : logDirsOf(layout.logDirs, id),
      logDirsError,
    }))
    .sort((a, b) => a.id - b.id);
  return { clusterId: metadata.clusterId || null, mode: quorum?.mode ?? null, controllerId, brokers };
}
