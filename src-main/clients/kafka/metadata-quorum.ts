// DescribeQuorum and DescribeCluster, which @platformatic/kafka's Admin does not offer: its raw APIs over one Connection.
import { apiVersionsV3, Connection, describeQuorumV2, type describeQuorumV2 as DescribeQuorumV2 } from '@platformatic/kafka';
import { StreamdeskError } from '@shared/errors';
import type { KafkaTarget } from './kafka-target';
import { securityOptions } from './platformatic-admin';

const DESCRIBE_QUORUM_KEY = 55;
/** The KRaft metadata log: one topic, one partition. */
const METADATA_TOPIC = '__cluster_metadata';

export type QuorumPartition = DescribeQuorumV2.DescribeQuorumResponsePartition;
export type QuorumNode = DescribeQuorumV2.DescribeQuorumResponseNode;

/** A KRaft cluster's quorum as the leader answers it; `null` from describeMetadataQuorum means the cluster is not KRaft. */
export interface QuorumAnswer {
  partition: QuorumPartition;
  nodes: QuorumNode[];
}

/** `host:port` or `[v6]:port` of a bootstrap entry. */
function hostAndPort(broker: string): { host: string; port: number } {
  const colon = broker.lastIndexOf(':');
  return { host: broker.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(broker.slice(colon + 1)) };
}

/** One connection to the first bootstrap broker that answers, closed after `work` whatever happens. */
async function withConnection<T>(target: KafkaTarget, timeoutMs: number, work: (connection: Connection) => Promise<T>): Promise<T> {
  let lastError: unknown = new Error('no bootstrap broker');
  for (const broker of target.brokers) {
    const { host, port } = hostAndPort(broker);
    const connection = new Connection('streamdesk-admin', { connectTimeout: timeoutMs, requestTimeout: timeoutMs, ...securityOptions(target) });
    try {
      await connection.connect(host, port);
    } catch (error) {
      lastError = error;
      void connection.close().catch(() => {});
      continue;
    }
    try {
      return await work(connection);
    } finally {
      // a dead broker's socket may never finish closing: do not wait for it
      void connection.close().catch(() => {});
    }
  }
  throw lastError;
}

/**
 * The metadata quorum through a broker (a KRaft broker forwards DescribeQuorum to the active controller), or null when the
 * broker does not offer DescribeQuorum: a ZooKeeper-mode broker lists no such API. Needs DescribeQuorum v2 (Kafka ≥ 3.8).
 */
export async function describeMetadataQuorum(target: KafkaTarget, timeoutMs = 5000): Promise<QuorumAnswer | null> {
  return withConnection(target, timeoutMs, async (connection) => {
    const versions = await apiVersionsV3.api.async(connection, 'streamdesk', '1');
    const offered = versions.apiKeys.find((api) => api.apiKey === DESCRIBE_QUORUM_KEY);
    if (!offered) return null;
    if (offered.maxVersion < describeQuorumV2.api.version) {
      throw new StreamdeskError('unavailable', `this broker offers DescribeQuorum up to v${offered.maxVersion}; StreamDesk reads v2 (Kafka 3.8 or later)`);
    }
    const answer = await describeQuorumV2.api.async(connection, [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }]);
    const partition = answer.topics[0]?.partitions[0];
    if (!partition) throw new StreamdeskError('unavailable', 'DescribeQuorum answered without the metadata partition');
    return { partition, nodes: answer.nodes };
  });
}
