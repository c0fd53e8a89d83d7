import type { Producer } from 'kafkajs';
import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { IngestArgs, IngestResult, IngestValuesArgs, ProduceArgs, ProducedRecord } from '@shared/produce';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';
import { BatchProducer } from '@main/clients/kafka/batch-producer';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import type { TopicsService } from '../topics/topics-service';
import type { RecordEncoder } from '../schemas/record-encoder';
import { encodeAt, encoderFor } from './schema-encoding';

type Side = Buffer | string | null;
const EXISTENCE_KNOWN_MS = 5000;
type WrittenWith = NonNullable<ProducedRecord['valueSchema']>;

/**
 * Writes the user asked for: an idempotent producer with acks=all, so a record reported as
 * written is on every in-sync replica, and a retry never writes it twice.
 */
export class ProducerService {
  private producer: Promise<Producer> | null = null;
  /** Which cluster the cached producer talks to; a profile switch must not write to the old one. */
  private producerTarget = '';
  /** Ingest's batches go through @platformatic/kafka: see BatchProducer for why. */
  private readonly batches: BatchProducer;
  /** When each topic was last seen to exist: see mustExist. */
  private readonly seenTopics = new Map<string, number>();

  constructor(
    private readonly target: () => KafkaTarget,
    private readonly topics: TopicsService,
    /** The active connection's Schema Registry, for records written with a schema (null: none named). */
    private readonly registry: () => SchemaRegistryClient | null = () => null,
  ) {
    this.batches = new BatchProducer(target);
  }

  async produce(args: z.output<typeof ProduceArgs>): Promise<ProducedRecord> {
    const detail = await this.topics.describe(args.topic);
    if (args.partition !== null && args.partition >= detail.summary.partitions) {
      throw invalidField(['partition'], `topic "${args.topic}" has partitions 0–${detail.summary.partitions - 1}`);
    }
    const value = await this.side(args.value, args.valueSchema, 'value');
    const key = args.key === null ? { bytes: null } : await this.side(args.key, args.keySchema, 'key');
    const [metadata] = await this.send(args.topic, [
      { key: key.bytes, value: value.bytes, headers: args.headers, ...(args.partition !== null ? { partition: args.partition } : {}) },
    ]);
    return {
      topic: args.topic,
      partition: metadata.partition,
      offset: Number(metadata.baseOffset ?? metadata.offset ?? -1),
      ...(value.schema ? { valueSchema: value.schema } : {}),
      ...(key.schema ? { keySchema: key.schema } : {}),
    };
  }

  /** A side as given, or (with a schema) its JSON checked and encoded; nothing is written before both sides are. */
  private async side(text: string, choice: z.output<typeof ProduceArgs>['valueSchema'], side: 'key' | 'value'): Promise<{ bytes: Side; schema?: WrittenWith }> {
    if (!choice) return { bytes: text };
    const encoder = await encoderFor(this.registry(), choice, [`${side}Schema`]);
    return { bytes: encodeAt(encoder, JSON.parse(text), [side]), schema: writtenWith(encoder) };
  }

  async ingest(args: z.output<typeof IngestArgs>): Promise<IngestResult> {
    await this.mustExist(args.topic);
    const encoder = args.valueSchema ? await this.ingestEncoder(args.valueSchema) : null;
    const messages = args.records.map((record, index) => {
      const keyValue = args.keyField && record && typeof record === 'object' ? (record as Record<string, unknown>)[args.keyField] : undefined;
      if (args.keyField && keyValue === undefined)
        throw new StreamdeskError('invalid-argument', `records.${index}: has no field "${args.keyField}" for the key`);
      // a string key as it is; a number, flag or null as written; anything structured as JSON
      const key = keyValue === undefined ? null : typeof keyValue === 'string' ? keyValue : JSON.stringify(keyValue);
      return { key, value: encoder ? encodeAt(encoder, record, ['records', index]) : JSON.stringify(record) };
    });
    // One batch: the broker accepts or refuses it as a whole, so the count is exact either way.
    await this.batches.send(args.topic, messages);
    return { topic: args.topic, written: messages.length, failed: 0 };
  }

  /** Values written as they came, keyless, in one batch (see IngestValuesArgs). */
  async ingestValues(args: z.output<typeof IngestValuesArgs>): Promise<IngestResult> {
    await this.mustExist(args.topic);
    await this.batches.sendValues(args.topic, args.values);
    return { topic: args.topic, written: args.values.length, failed: 0 };
  }

  /**
   * A topic seen to exist in the last EXISTENCE_KNOWN_MS is not asked about again: asking is a new
   * admin connection, which under load took longer than writing the batch (bench/ingest). One
   * deleted meanwhile is still refused, by the broker (UNKNOWN_TOPIC_OR_PARTITION, not-found).
   */
  private async mustExist(topic: string): Promise<void> {
    const seenAt = this.seenTopics.get(topic);
    if (seenAt !== undefined && Date.now() - seenAt < EXISTENCE_KNOWN_MS) return;
    if (!(await this.topics.exists(topic))) throw new StreamdeskError('not-found', `topic: "${topic}" does not exist`);
    if (this.seenTopics.size >= 1000) this.seenTopics.clear();
    this.seenTopics.set(topic, Date.now());
  }

  /** The subject's latest schema; a format that is not the subject's is refused naming `format`. */
  private async ingestEncoder(choice: NonNullable<z.output<typeof IngestArgs>['valueSchema']>): Promise<RecordEncoder> {
    const encoder = await encoderFor(this.registry(), { subject: choice.subject, version: 'latest', message: choice.message }, ['valueSchema']);
    if (choice.format && choice.format !== encoder.format)
      throw invalidField(['valueSchema', 'format'], `subject "${choice.subject}" holds a ${encoder.format} schema, not ${choice.format}`);
    return encoder;
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await this.batches.close();
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

function writtenWith(encoder: RecordEncoder): WrittenWith {
  return { subject: encoder.subject, version: encoder.version, id: encoder.id };
}
