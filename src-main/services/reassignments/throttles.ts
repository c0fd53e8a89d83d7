// The replication throttle as kafka-reassign-partitions applies it: a rate on every broker involved (dynamic broker
// configs) and, on the topic, which replicas it binds (the leader side: the current replicas; the follower side: the new).
import type { PlannedPartition } from '@shared/reassignments';
import { alterBrokerConfigs, brokerMessages } from '@main/clients/kafka/broker-admin';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { alterTopicConfigs } from '@main/clients/kafka/platformatic-admin';
import { throttledReplicas } from './plan-builder';
import type { ThrottleEntry } from './throttle-ledger';

const BROKER_RATES = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'];
const TOPIC_REPLICAS = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'];

export async function setThrottle(target: KafkaTarget, topic: string, partitions: PlannedPartition[], brokers: number[], bytesPerSec: number): Promise<void> {
  const replicas = throttledReplicas(partitions);
  await alterTopicConfigs(target, topic, { [TOPIC_REPLICAS[0]]: replicas.leader, [TOPIC_REPLICAS[1]]: replicas.follower }, []);
  const rate = String(bytesPerSec);
  for (const broker of brokers) await alterBrokerConfigs(target, broker, Object.fromEntries(BROKER_RATES.map((name) => [name, rate])), [], false);
}

/**
 * Removes both sides; a topic deleted meanwhile has nothing left to remove. A broker that is down cannot be changed: the
 * brokers answered are those still throttled, to be tried again on a later read.
 */
export async function removeThrottle(target: KafkaTarget, entry: ThrottleEntry, liveBrokers: number[]): Promise<number[]> {
  await alterTopicConfigs(target, entry.topic, {}, TOPIC_REPLICAS).catch((error: unknown) => {
    if (!/unknown.?topic|does not exist/i.test(`${String(error)} ${brokerMessages(error).join(' ')}`)) throw error;
  });
  for (const broker of entry.brokers.filter((id) => liveBrokers.includes(id))) await alterBrokerConfigs(target, broker, {}, BROKER_RATES, false);
  return entry.brokers.filter((id) => !liveBrokers.includes(id));
}
