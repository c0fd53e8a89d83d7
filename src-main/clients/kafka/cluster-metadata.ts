// Topic metadata in one Metadata request (@platformatic/kafka's raw v12 over one Connection), with the live brokers of the same answer.
import type { Connection, metadataV12 } from '@platformatic/kafka';
import { kafkaWire } from './kafka-wire';
import type { KafkaTarget } from './kafka-target';
import { offeredVersions, withConnection, type ConnectionRunner } from './raw-connection';

const METADATA_KEY = 3;
/** A topic's error code while its partitions have no leader yet (just created): its metadata still counts. */
const LEADER_NOT_AVAILABLE = 5;

export interface PartitionMetadata {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface ClusterMetadata {
  /** The brokers the cluster answers with: those alive. */
  brokers: Set<number>;
  /** Where each of those brokers listens, so a partition's leader can be asked directly (none from kafkajs' fallback). */
  addresses?: Map<number, { host: string; port: number }>;
  topics: { name: string; partitions: PartitionMetadata[] }[];
}

type MetadataAnswer = Awaited<ReturnType<typeof metadataV12.api.async>>;

/**
 * Every topic's metadata (`names` undefined), or that of those of `names` that exist; null when the broker
 * offers no Metadata v12 (Kafka before 3.1), so the caller reads it another way. One request, where kafkajs
 * reads the whole cluster's metadata once for the topics and again for the brokers (on 10,000 topics each
 * read costs the broker and the client about half a second).
 */
export async function readClusterMetadata(target: KafkaTarget, names?: string[], timeoutMs = 15_000): Promise<ClusterMetadata | null> {
  return withConnection(target, timeoutMs, async (connection) => {
    if (!(await offersMetadataV12(connection))) return null;
    const answer = await kafkaWire()
      .metadataV12.api.async(connection, names ?? null, false, false)
      .catch(answerDespiteErrors<MetadataAnswer>);
    return {
      brokers: new Set(answer.brokers.map((broker) => broker.nodeId)),
      addresses: new Map(answer.brokers.map((broker) => [broker.nodeId, { host: broker.host, port: broker.port }])),
      topics: topicsOf(answer),
    };
  });
}

export interface ClusterShape {
  clusterId: string;
  controller: number | null;
  brokers: { nodeId: number; host: string; port: number }[];
}

/**
 * The cluster (id, controller, live brokers) in a Metadata request for no topics, then every topic's metadata only when
 * `wantTopics(cluster)` says so, over one connection; null when the broker offers no Metadata v12. kafkajs cannot ask
 * for no topics (it sends an empty list as null, which means every topic): its connect and describeCluster each read
 * the whole cluster's metadata. `run`: over a fresh connection, or a kept one (the health poll's).
 */
export async function readClusterShape(
  target: KafkaTarget,
  wantTopics: (cluster: ClusterShape) => boolean,
  timeoutMs: number,
  run: ConnectionRunner = withConnection,
): Promise<{ cluster: ClusterShape; topics: ClusterMetadata['topics'] | null } | null> {
  return run(target, timeoutMs, async (connection) => {
    if (!(await offersMetadataV12(connection))) return null;
    const answer = await kafkaWire()
      .metadataV12.api.async(connection, [], false, false)
      .catch(answerDespiteErrors<MetadataAnswer>);
    const cluster = {
      clusterId: answer.clusterId ?? '',
      controller: answer.controllerId < 0 ? null : answer.controllerId,
      brokers: answer.brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    };
    if (!wantTopics(cluster)) return { cluster, topics: null };
    return {
      cluster,
      topics: topicsOf(
        await kafkaWire()
          .metadataV12.api.async(connection, null, false, false)
          .catch(answerDespiteErrors<MetadataAnswer>),
      ),
    };
  });
}

async function offersMetadataV12(connection: Connection): Promise<boolean> {
  const offered = (await offeredVersions(connection)).get(METADATA_KEY);
  return offered !== undefined && offered >= kafkaWire().metadataV12.api.version;
}

function topicsOf(answer: MetadataAnswer): ClusterMetadata['topics'] {
  return answer.topics
    .filter((topic) => (topic.errorCode === 0 || topic.errorCode === LEADER_NOT_AVAILABLE) && topic.name !== null)
    .map((topic) => ({
      name: topic.name!,
      partitions: topic.partitions.map((partition) => ({
        partitionId: partition.partitionIndex,
        leader: partition.leaderId,
        replicas: partition.replicaNodes,
        isr: partition.isrNodes,
      })),
    }));
}

/**
 * The answer despite its error codes, which @platformatic/kafka throws with the whole answer attached: a partition
 * without a leader or with a replica down (a broker stopped) is an error code too, yet its metadata is what the Topics
 * page shows (a topic asked for by name that is gone is left out by the caller); a group of a batch whose coordinator
 * is loading is one entry of the answer, not a failure of the others.
 */
export function answerDespiteErrors<Answer>(error: unknown): Answer {
  const response = error instanceof kafkaWire().ResponseError ? (error.response as Answer | undefined) : undefined;
  if (!response) throw error;
  return response;
}
