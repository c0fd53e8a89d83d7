// DescribeQuorum and DescribeCluster, which @platformatic/kafka's Admin does not offer: its raw APIs over one Connection.
import type { describeQuorumV2 as DescribeQuorumV2 } from '@platformatic/kafka';
import { kafkaWire } from './kafka-wire';
import { StreamdeskError } from '@shared/errors';
import type { KafkaTarget } from './kafka-target';
import { offeredVersions, withConnection, type ConnectionRunner } from './raw-connection';

const DESCRIBE_QUORUM_KEY = 55;
/** The KRaft metadata log: one topic, one partition. */
const METADATA_TOPIC = '__cluster_metadata';

type QuorumPartition = DescribeQuorumV2.DescribeQuorumResponsePartition;
type QuorumNode = DescribeQuorumV2.DescribeQuorumResponseNode;

/** A KRaft cluster's quorum as the leader answers it; `null` from describeMetadataQuorum means the cluster is not KRaft. */
export interface QuorumAnswer {
  partition: QuorumPartition;
  nodes: QuorumNode[];
}

/**
 * The metadata quorum through a broker (a KRaft broker forwards DescribeQuorum to the active controller), or null when the
 * broker does not offer DescribeQuorum: a ZooKeeper-mode broker lists no such API. Needs DescribeQuorum v2 (Kafka ≥ 3.8).
 * `run`: over a fresh connection, or a kept one (the health poll's).
 */
export async function describeMetadataQuorum(target: KafkaTarget, timeoutMs = 5000, run: ConnectionRunner = withConnection): Promise<QuorumAnswer | null> {
  return run(target, timeoutMs, async (connection) => {
    const { describeQuorumV2 } = kafkaWire();
    const offered = (await offeredVersions(connection)).get(DESCRIBE_QUORUM_KEY);
    if (offered === undefined) return null;
    if (offered < describeQuorumV2.api.version) {
      throw new StreamdeskError('unavailable', `this broker offers DescribeQuorum up to v${offered}; StreamDesk reads v2 (Kafka 3.8 or later)`);
    }
    const answer = await describeQuorumV2.api.async(connection, [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }]);
    const partition = answer.topics[0]?.partitions[0];
    if (!partition) throw new StreamdeskError('unavailable', 'DescribeQuorum answered without the metadata partition');
    return { partition, nodes: answer.nodes };
  });
}
