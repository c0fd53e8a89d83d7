// Partition reassignment (AlterPartitionReassignments, ListPartitionReassignments) and preferred leader election over a
// raw Connection to the controller: in ZooKeeper mode only the controller carries them out (another broker answers
// NOT_CONTROLLER); in KRaft any broker forwards them, so the metadata's controller id serves both.
import type { alterPartitionReassignmentsV0, Connection, metadataV12 } from '@platformatic/kafka';
import { electLeadersV2, type ElectionResult } from './elect-leaders';
import type { KafkaTarget } from './kafka-target';
import { withAdmin } from './platformatic-admin';
import { withConnection } from './raw-connection';
import { kafkaWire } from './kafka-wire';
import { platformaticKafka } from './platformatic';

const TIMEOUT_MS = 15_000;

type Metadata = metadataV12.MetadataResponse;

/**
 * The named topics' metadata (`null`: every topic), with the brokers and the controller. A topic's own error (an unknown
 * topic) is part of the answer, in its errorCode: @platformatic/kafka throws it with the answer attached.
 */
export async function readMetadata(target: KafkaTarget, topics: string[] | null): Promise<Metadata> {
  try {
    return await withConnection(target, TIMEOUT_MS, (connection) => kafkaWire().metadataV12.api.async(connection, topics, false, false));
  } catch (error) {
    const answer = (error as { response?: Metadata }).response;
    if (answer?.brokers && answer.topics) return answer;
    throw error;
  }
}

async function withController<T>(target: KafkaTarget, work: (connection: Connection) => Promise<T>): Promise<T> {
  const metadata = await readMetadata(target, []);
  const controller = metadata.brokers.find((b) => b.nodeId === metadata.controllerId);
  const address = controller ? [`${controller.host.includes(':') ? `[${controller.host}]` : controller.host}:${controller.port}`] : target.brokers;
  return withConnection(target, TIMEOUT_MS, work, address);
}

export interface PartitionFailure {
  partition: number;
  errorCode: number;
  message: string;
}

/** New replicas per partition, or `null` to cancel that partition's reassignment. Answers the partitions the controller refused. */
export async function alterReassignments(
  target: KafkaTarget,
  topic: string,
  partitions: { partition: number; replicas: number[] | null }[],
): Promise<PartitionFailure[]> {
  // a null replica list is the protocol's cancel; the typing knows only arrays
  const request = [{ name: topic, partitions: partitions.map((p) => ({ partitionIndex: p.partition, replicas: p.replicas as number[] })) }];
  try {
    await withController(target, (connection) => platformaticKafka().alterPartitionReassignmentsV0.api.async(connection, TIMEOUT_MS, false, request));
    return [];
  } catch (error) {
    const answer = (error as { response?: alterPartitionReassignmentsV0.AlterPartitionReassignmentsResponse }).response;
    if (!answer) throw error;
    if (answer.errorCode !== 0) throw new Error(answer.errorMessage ?? `error ${answer.errorCode}`);
    return answer.responses.flatMap((t) =>
      t.partitions
        .filter((p) => p.errorCode !== 0)
        .map((p) => ({ partition: p.partitionIndex, errorCode: p.errorCode, message: p.errorMessage ?? `error ${p.errorCode}` })),
    );
  }
}

export interface InFlightPartition {
  topic: string;
  partition: number;
  replicas: number[];
  adding: number[];
  removing: number[];
}

/** Every reassignment in flight in the cluster. */
export async function listReassignments(target: KafkaTarget): Promise<InFlightPartition[]> {
  // null asks for every topic (the protocol's null array); the typing says array only
  const answer = await withController(target, (connection) =>
    platformaticKafka().listPartitionReassignmentsV0.api.async(connection, TIMEOUT_MS, null as never),
  );
  return answer.topics.flatMap((t) =>
    t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas, adding: p.addingReplicas, removing: p.removingReplicas })),
  );
}

/** Preferred leader election for these partitions (`null`: every partition of the cluster); the controller's answer per partition. */
export async function electPreferredLeaders(target: KafkaTarget, topics: { topic: string; partitions: number[] }[] | null): Promise<ElectionResult[]> {
  const answer = await withController(target, (connection) => electLeadersV2().async(connection, topics, TIMEOUT_MS));
  if (answer.errorCode !== 0) throw new Error(`ElectLeaders failed with error ${answer.errorCode}`);
  return answer.results;
}

/** Bytes of each replica of the topic's partitions: partition → broker → bytes (a future replica between dirs not counted). */
export async function replicaSizes(target: KafkaTarget, topic: string, partitions: number[]): Promise<Map<number, Map<number, number>>> {
  const sizes = new Map<number, Map<number, number>>();
  const brokers = await withAdmin(target, (admin) => admin.describeLogDirs({ topics: [{ name: topic, partitions }] }));
  for (const broker of brokers) {
    for (const partition of broker.results.flatMap((dir) => dir.topics.filter((t) => t.name === topic).flatMap((t) => t.partitions))) {
      if (partition.isFutureKey) continue;
      const bySize = sizes.get(partition.partitionIndex) ?? new Map<number, number>();
      bySize.set(broker.broker, Number(partition.partitionSize));
      sizes.set(partition.partitionIndex, bySize);
    }
  }
  return sizes;
}
