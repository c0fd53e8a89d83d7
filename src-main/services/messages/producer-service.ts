import type { Producer } from 'kafkajs';
import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { IngestArgs, IngestResult, ProduceArgs, ProducedRecord } from '@shared/produce';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { TopicsService } from '../topics/topics-service';

/**
 * Writes the user asked for: an idempotent producer with acks=all, so a record reported as
 * written is on every in-sync replica, and a retry never writes it twice.
 */
export class ProducerService {
  private producer: Promise<Producer> | null = null;
  /** Which cluster the cached producer talks to; a profile switch must not write to the old one. */
  private producerTarget = '';

  constructor(
    private readonly target: () => KafkaTarget,
    private readonly topics: TopicsService,
  ) {}

  async produce(args: z.output<typeof ProduceArgs>): Promise<ProducedRecord> {
    const detail = await this.topics.describe(args.topic);
    if (args.partition !== null && args.partition >= detail.summary.partitions) {
      throw invalidField(['partition'], `topic "${args.topic}" has partitions 0–${detail.summary.partitions - 1}`);
    }
    const [metadata] = await this.send(args.topic, [
      { key: args.key, value: args.value, headers: args.headers, ...(args.partition !== null ? { partition: args.partition } : {}) },
    ]);
    return { topic: args.topic, partition: metadata.partition, offset: Number(metadata.baseOffset ?? metadata.offset ?? -1) };
  }

  async ingest(args: z.output<typeof IngestArgs>): Promise<IngestResult> {
    if (!(await this.topics.exists(args.topic))) throw new StreamdeskError('not-found', `topic: "${args.topic}" does not exist`);
    const messages = args.records.map((record, index) => {
      const keyValue = args.keyField && record && typeof record === 'object' ? (record as Record<string, unknown>)[args.keyField] : undefined;
      if (args.keyField && keyValue === undefined)
        throw new StreamdeskError('invalid-argument', `records.${index}: has no field "${args.keyField}" for the key`);
      // a string key as it is; a number, flag or null as written; anything structured as JSON
      return { key: keyValue === undefined ? null : typeof keyValue === 'string' ? keyValue : JSON.stringify(keyValue), value: JSON.stringify(record) };
    });
    // One batch: the broker accepts or refuses it as a whole, so the count is exact either way.
    await this.send(args.topic, messages);
    return { topic: args.topic, written: messages.length, failed: 0 };
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    if (producer) await (await producer).disconnect().catch(() => {});
  }

  private async send(topic: string, messages: Parameters<Producer['send']>[0]['messages']) {
    try {
      const producer = await this.connected();
      return await producer.send({ topic, acks: -1, messages });
    } catch (error) {
      await this.close();
      throw kafkaError(error, `write to ${topic}`);
    }
  }

  private async connected(): Promise<Producer> {
    const target = this.target();
    const key = JSON.stringify([target.brokers, target.sasl?.username ?? null]);
    if (this.producer && key !== this.producerTarget) await this.close();
    this.producerTarget = key;
    this.producer ??= (async () => {
      const producer = kafkaClient(target, { clientId: 'streamdesk-producer' }).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => {
      this.producer = null;
    });
    return this.producer;
  }
}
