// What a reassignment in flight still has to copy: per partition, for each replica being added, the leader's size minus
// what the new replica already holds (DescribeLogDirs on every broker).
import type { PartitionProgress } from '@shared/reassignments';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { readMetadata, replicaSizes, type InFlightPartition } from '@main/clients/kafka/reassignment-admin';

/** Bytes still to copy for one partition: pure. */
export function bytesToGo(adding: number[], leader: number, sizes: Map<number, number> | undefined): number | null {
  const leaderSize = sizes?.get(leader);
  if (leaderSize === undefined) return null;
  return adding.reduce((sum, id) => sum + Math.max(0, leaderSize - (sizes!.get(id) ?? 0)), 0);
}

export async function readProgress(target: KafkaTarget, inFlight: InFlightPartition[]): Promise<PartitionProgress[]> {
  const topics = [...new Set(inFlight.map((p) => p.topic))];
  if (topics.length === 0) return [];
  const metadata = await readMetadata(target, topics);
  const leaders = new Map(metadata.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}/${p.partitionIndex}`, p.leaderId] as const)));
  const sizes = new Map<string, Map<number, Map<number, number>>>();
  for (const topic of topics) {
    const partitions = inFlight.filter((p) => p.topic === topic).map((p) => p.partition);
    // progress without sizes is still progress: the bytes are then unknown (null)
    sizes.set(topic, await replicaSizes(target, topic, partitions).catch(() => new Map<number, Map<number, number>>()));
  }
  return inFlight
    .map((p) => ({ ...p, bytesToGo: bytesToGo(p.adding, leaders.get(`${p.topic}/${p.partition}`) ?? -1, sizes.get(p.topic)?.get(p.partition)) }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
