import { Kafka, logLevel } from 'kafkajs';
import type { KafkaHealth } from '../../../src-shared/health';
import { errorReason } from './reasons';

export interface ClusterDescription {
  clusterId: string;
  controller: number | null;
  brokers: { nodeId: number; host: string; port: number }[];
}
export interface PartitionMetadataLike {
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
  for (const topic of topics) {
    for (const partition of topic.partitions) {
      partitions += 1;
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
  };
  const problems: string[] = [];
  if (offline > 0) problems.push(`${offline} offline partition${offline === 1 ? '' : 's'} (no leader)`);
  if (underReplicated > 0) problems.push(`${underReplicated} under-replicated partition${underReplicated === 1 ? '' : 's'}`);
  if (cluster.controller === null || cluster.controller < 0) problems.push('no active controller');
  return {
    status: problems.length > 0 ? 'degraded' : 'up',
    reason: problems.join(', '),
    checkedAt,
    latencyMs,
    details,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One short-lived admin connection per probe: a dead broker can never wedge the next probe. */
export async function probeKafka(brokers: string[], timeoutMs: number, now: () => number): Promise<KafkaHealth> {
  const bootstrap = brokers.join(',');
  const started = now();
  const kafka = new Kafka({
    clientId: 'streamdesk-health',
    brokers,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    const result = await withTimeout(
      (async () => {
        await admin.connect();
        const cluster = await admin.describeCluster();
        const { topics } = await admin.fetchTopicMetadata();
        return { cluster, topics };
      })(),
      timeoutMs + 1000,
      `Kafka at ${bootstrap}`,
    );
    return kafkaHealthFrom(bootstrap, result.cluster, result.topics, started, now() - started);
  } catch (error) {
    return {
      status: 'down',
      reason: errorReason(error, `Kafka at ${bootstrap}`),
      checkedAt: started,
      latencyMs: null,
      details: { bootstrap, clusterId: null, brokers: null, controllerId: null, topics: null, partitions: null, underReplicatedPartitions: null, offlinePartitions: null },
    };
  } finally {
    admin.disconnect().catch(() => {});
  }
}
