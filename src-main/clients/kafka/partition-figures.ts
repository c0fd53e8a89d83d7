// Offsets and sizes of many partitions straight from the brokers that hold them, over kept connections, with the
// metadata the caller already read: one ListOffsets per leader and timestamp, one DescribeLogDirs per broker. A fresh
// @platformatic/kafka Admin per call connected anew and read the metadata of every topic asked for again before each
// (a tenth of a second a call on 10,000 topics, paid by every slice of the Topics page).
import type { listOffsetsV7 } from '@platformatic/kafka';
import { answerDespiteErrors, type ClusterMetadata } from './cluster-metadata';
import { withKeptConnections, type Lane } from './kept-connections';
import type { KafkaTarget } from './kafka-target';
import { addLogDirSizes, type PartitionOffsets } from './platformatic-admin';
import { platformaticKafka } from './platformatic';

/** ListOffsets' special timestamps. */
const EARLIEST = -2n;
const LATEST = -1n;
/** replica_id of an ordinary client; isolation level 0: read uncommitted (the log end, as kcat and the tools show). */
const CONSUMER_REPLICA = -1;
const READ_UNCOMMITTED = 0;
/** current_leader_epoch when not known: the broker does not fence the request. */
const ANY_EPOCH = -1;

type Addressed = ClusterMetadata & { addresses: Map<number, { host: string; port: number }> };
type Offsets = Map<string, Map<number, PartitionOffsets>>;

/** Each leader's partitions, per topic (a partition without a live leader is left out: its offsets cannot be had). */
function byLeader(metadata: Addressed): Map<number, Map<string, number[]>> {
  const leaders = new Map<number, Map<string, number[]>>();
  for (const topic of metadata.topics)
    for (const partition of topic.partitions) {
      if (!metadata.addresses.has(partition.leader)) continue;
      const topics = leaders.get(partition.leader) ?? new Map<string, number[]>();
      topics.set(topic.name, [...(topics.get(topic.name) ?? []), partition.partitionId]);
      leaders.set(partition.leader, topics);
    }
  return leaders;
}

/** Earliest and latest offset of every partition with a leader; a partition the leader could not answer for is left out. */
export async function leaderOffsets(target: KafkaTarget, lane: Lane, metadata: Addressed): Promise<Offsets> {
  const result: Offsets = new Map();
  await withKeptConnections(target, lane, (connections) =>
    Promise.all(
      [...byLeader(metadata)].map(async ([leader, topics]) => {
        const { host, port } = metadata.addresses.get(leader)!;
        const connection = await connections.to(host, port);
        const ask = (timestamp: bigint) =>
          platformaticKafka()
            .listOffsetsV7.api.async(
              connection,
              CONSUMER_REPLICA,
              READ_UNCOMMITTED,
              [...topics].map(([name, partitions]) => ({
                name,
                partitions: partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: ANY_EPOCH, timestamp })),
              })),
            )
            .catch(answerDespiteErrors<Awaited<ReturnType<typeof listOffsetsV7.api.async>>>);
        const [earliest, latest] = await Promise.all([ask(EARLIEST), ask(LATEST)]);
        const starts = new Map(
          earliest.topics.flatMap((topic) =>
            topic.partitions.filter((p) => p.errorCode === 0).map((p) => [`${topic.name}/${p.partitionIndex}`, Number(p.offset)]),
          ),
        );
        for (const topic of latest.topics) {
          const partitions = result.get(topic.name) ?? new Map<number, PartitionOffsets>();
          for (const partition of topic.partitions) {
            const start = starts.get(`${topic.name}/${partition.partitionIndex}`);
            if (partition.errorCode === 0 && start !== undefined) partitions.set(partition.partitionIndex, { start, end: Number(partition.offset) });
          }
          result.set(topic.name, partitions);
        }
      }),
    ),
  );
  return result;
}

/** Bytes on disk per partition, summed over every live broker's replicas (future replicas of a move left out). */
export async function brokerSizes(target: KafkaTarget, lane: Lane, metadata: Addressed): Promise<Map<string, Map<number, number>>> {
  const sizes = new Map<string, Map<number, number>>();
  if (metadata.topics.length === 0) return sizes;
  const asked = metadata.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((partition) => partition.partitionId) }));
  await withKeptConnections(target, lane, (connections) =>
    Promise.all(
      [...metadata.addresses.values()].map(async ({ host, port }) => {
        const answer = await platformaticKafka().describeLogDirsV4.api.async(await connections.to(host, port), asked);
        addLogDirSizes(sizes, answer.results);
      }),
    ),
  );
  return sizes;
}

/** Whether the metadata says where its brokers listen (Metadata v12 read raw), so its leaders can be asked directly. */
export function isAddressed(metadata: ClusterMetadata): metadata is Addressed {
  return metadata.addresses !== undefined;
}
