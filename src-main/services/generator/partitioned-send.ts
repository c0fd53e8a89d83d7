import type { PartitionMetadata, Producer } from 'kafkajs';
import { kafkajs } from '@main/clients/kafka/kafkajs';
import type { OutgoingMessage } from './generator-run';

/**
 * Sends a generator batch with one produce call per partition and remembers which partitions
 * the broker acknowledged, so that sending the same batch again after a failure resends only
 * the rest (the idempotent producer then reuses their sequence numbers).
 *
 * Why not one producer.send for the whole batch: kafkajs retries a send that spans several
 * brokers keeping the answers of those that already answered; when a broker dies and a
 * partition's leadership moves to one of them, that partition's records are never sent and the
 * send still resolves. Found by the fault suite (three brokers, RF 3, one killed: 13 records
 * acknowledged and missing). A send holding one partition has one leader, so its retry always
 * goes to the partition's current leader.
 *
 * Records are placed as kafkajs' default partitioner would (murmur2 of the key), over the
 * partitions the topic had when the generator started.
 */
export function partitionedSender(producer: Producer, topic: string, partitions: number): (messages: OutgoingMessage[]) => Promise<void> {
  const partitioner = kafkajs().Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [],
    isr: [],
  }));
  const acknowledged = new WeakMap<OutgoingMessage[], Set<number>>();
  return async (messages) => {
    const done = acknowledged.get(messages) ?? new Set<number>();
    acknowledged.set(messages, done);
    const groups = new Map<number, OutgoingMessage[]>();
    for (const message of messages) {
      const partition = partitioner({ topic, partitionMetadata, message });
      if (done.has(partition)) continue;
      const group = groups.get(partition);
      if (group) group.push(message);
      else groups.set(partition, [message]);
    }
    const results = await Promise.allSettled(
      [...groups].map(async ([partition, group]) => {
        await producer.send({ topic, acks: -1, messages: group.map((message) => ({ ...message, partition })) });
        done.add(partition);
      }),
    );
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
}
