// A broker's own resources through @platformatic/kafka: the cluster's layout, log dirs with their volumes, configs.
import type { BrokerLogDirDescription, describeConfigsV4, metadataV12 } from '@platformatic/kafka';
import type { KafkaTarget } from './kafka-target';
import { withAdmin } from './platformatic-admin';
import { withConnection } from './raw-connection';
import { kafkaWire } from './kafka-wire';
import { platformaticKafka } from './platformatic';

const METADATA_TIMEOUT_MS = 15_000;

type Metadata = metadataV12.MetadataResponse;

export interface ClusterLayout {
  /** The raw Metadata answer: the Admin's own metadata leaves internal topics (__consumer_offsets…) out. */
  metadata: Metadata;
  /** Per broker, or the error that kept them unread. */
  logDirs: BrokerLogDirDescription[] | { error: unknown };
}

/** Metadata of every topic (`null`), or of none (`[]`: brokers, cluster id and controller only). */
function readMetadata(target: KafkaTarget, topics: string[] | null): Promise<Metadata> {
  return withConnection(target, METADATA_TIMEOUT_MS, (connection) => kafkaWire().metadataV12.api.async(connection, topics, false, false));
}

/** Brokers, every topic's partitions (internal ones too) and every broker's log dirs with the bytes each partition holds. */
export async function readClusterLayout(target: KafkaTarget): Promise<ClusterLayout> {
  const metadata = await readMetadata(target, null);
  const request = metadata.topics
    .filter((topic) => topic.errorCode === 0 && topic.name)
    .map((topic) => ({ name: topic.name!, partitions: topic.partitions.map((partition) => partition.partitionIndex) }));
  // DescribeLogDirs names only the partitions asked for; a log dir's volume size comes with any answer
  const logDirs = await withAdmin(target, (admin) => admin.describeLogDirs({ topics: request })).catch((error: unknown) => ({ error }));
  return { metadata, logDirs };
}

/** The ids of the cluster's live brokers (metadata only). */
export async function brokerIds(target: KafkaTarget): Promise<number[]> {
  return (await readMetadata(target, [])).brokers.map((broker) => broker.nodeId);
}

export type RawBrokerConfig = describeConfigsV4.DescribeConfigsResponseConfig;

export async function describeBrokerConfigs(target: KafkaTarget, brokerId: number): Promise<RawBrokerConfig[]> {
  const { ConfigResourceTypes } = platformaticKafka();
  const [described] = await withAdmin(target, (admin) =>
    admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.BROKER, resourceName: String(brokerId) }] }),
  );
  return described?.configs ?? [];
}

/** IncrementalAlterConfigs on one broker: sets, and deletes (back to the static or default value). */
export async function alterBrokerConfigs(target: KafkaTarget, brokerId: number, set: Record<string, string>, reset: string[], validateOnly: boolean) {
  const { ConfigResourceTypes, IncrementalAlterConfigOperationTypes } = platformaticKafka();
  await withAdmin(target, (admin) =>
    admin.incrementalAlterConfigs({
      validateOnly,
      resources: [
        {
          resourceType: ConfigResourceTypes.BROKER,
          resourceName: String(brokerId),
          configs: [
            ...Object.entries(set).map(([name, value]) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
            ...reset.map((name) => ({ name, value: null, configOperation: IncrementalAlterConfigOperationTypes.DELETE })),
          ],
        },
      ],
    }),
  );
}

interface ErrorTree {
  message?: string;
  errors?: ErrorTree[];
  response?: { responses?: { errorMessage?: string | null }[]; results?: { errorMessage?: string | null }[] };
}

/**
 * The broker's own words from what @platformatic/kafka throws: its errors nest (MultipleErrors → ResponseError) and the
 * broker's message sits in the response ("Invalid value abc for configuration log.cleaner.threads: Not a number of type INT").
 */
export function brokerMessages(error: unknown): string[] {
  const tree = (error ?? {}) as ErrorTree;
  const answered = [...(tree.response?.responses ?? []), ...(tree.response?.results ?? [])].map((r) => r.errorMessage).filter((m): m is string => !!m);
  // the broker's words, when it gave some, say more than the generic text of its error code nested below them
  if (answered.length > 0) return answered;
  const nested = (tree.errors ?? []).flatMap(brokerMessages);
  if (nested.length > 0) return nested;
  return tree.message ? [tree.message] : [];
}
