import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { ParsedArgs } from '@shared/contract';
import type { GeneratorStatus } from '@shared/generator';
import { StreamdeskError } from '@shared/errors';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { generatorEncoder } from './generator-schema';
import { GeneratorRun } from './generator-run';
import { partitionedSender } from './partitioned-send';
import { sendErrorMessage } from './send-errors';

export interface GeneratorServiceOptions {
  target: () => KafkaTarget;
  now?: () => number;
  /** At most once a second per generator, and on every state change. */
  onProgress?: (status: GeneratorStatus) => void;
  /** Seed for runs started without one; injectable so tests can pin it. */
  randomSeed?: () => number;
  /** The active connection's Schema Registry, for generators that write Avro or Protobuf. */
  registry?: () => SchemaRegistryClient | null;
}

/** Finished runs kept for list(), so their final counts stay visible; older ones are forgotten. */
const FINISHED_KEPT = 20;

/**
 * Starts, lists and stops data generators, several at once, each with its own idempotent
 * producer (its own producer id and sequence numbers, so one generator's failure never
 * poisons another's).
 */
export class GeneratorService {
  private readonly runs = new Map<string, GeneratorRun>();
  private readonly now: () => number;

  constructor(private readonly options: GeneratorServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Checks the topic exists, connects a producer and starts producing. Resolves with the first
   * status once scheduling has begun; rejects before anything is produced when the topic is
   * missing (not-found) or Kafka cannot be reached (unavailable). The dispatcher has checked the
   * arguments against the contract.
   */
  async start(args: ParsedArgs<'generator:start'>): Promise<GeneratorStatus> {
    const target = this.options.target();
    const id = `gen-${randomUUID().slice(0, 8)}`;
    const kafka = kafkaClient(target, { clientId: `streamdesk-generator-${id}` });
    const partitions = await ensureTopicExists(kafka, args.topic, target);
    const encoding = args.encoding ?? 'json';
    const encoder = encoding === 'json' ? null : await generatorEncoder(this.options.registry?.() ?? null, args.topic, args.kind, encoding);
    const producer = kafka.producer({
      idempotent: true,
      // kafkajs refuses idempotence with more than one request in flight per broker.
      maxInFlightRequests: 1,
      // A generator must never create the topic it was pointed at by a typo.
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
    });
    try {
      await producer.connect();
    } catch (error) {
      throw unreachable(target, error);
    }
    const run = new GeneratorRun(
      {
        id,
        topic: args.topic,
        kind: args.kind,
        ratePerSec: args.ratePerSec,
        maxRecords: args.maxRecords ?? null,
        seed: args.seed ?? (this.options.randomSeed ?? defaultSeed)(),
        encoding,
        schema: encoder && { subject: encoder.subject, version: encoder.version, id: encoder.id },
      },
      {
        now: this.now,
        send: partitionedSender(producer, args.topic, partitions),
        close: () => producer.disconnect(),
        onProgress: (status) => this.options.onProgress?.(status),
        ...(encoder ? { encode: encoder.encode } : {}),
      },
    );
    this.forgetOldFinished();
    this.runs.set(id, run);
    return run.start();
  }

  /** Stops scheduling, waits for batches awaiting the broker, disconnects; resolves with the final counts. */
  async stop(id: string): Promise<GeneratorStatus> {
    const run = this.runs.get(id);
    if (!run) throw new StreamdeskError('not-found', `No generator with id "${id}"`);
    return run.stop();
  }

  /** For shutdown: every generator stops and flushes; resolves when all producers are closed. */
  async stopAll(): Promise<GeneratorStatus[]> {
    return Promise.all([...this.runs.values()].map((run) => run.stop()));
  }

  list(): GeneratorStatus[] {
    return [...this.runs.values()].map((run) => run.status());
  }

  get(id: string): GeneratorStatus | null {
    return this.runs.get(id)?.status() ?? null;
  }

  private forgetOldFinished(): void {
    const finished = [...this.runs.entries()].filter(([, run]) => run.finished);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.runs.delete(id);
  }
}

/** Asked of the cluster's metadata, never of auto-creation: a missing topic stops the start. Resolves with its partition count. */
async function ensureTopicExists(kafka: Kafka, topic: string, target: KafkaTarget): Promise<number> {
  const admin = kafka.admin();
  let topics: string[];
  let partitions = 0;
  try {
    await admin.connect();
    topics = await admin.listTopics();
    if (topics.includes(topic)) partitions = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length ?? 0;
  } catch (error) {
    throw unreachable(target, error);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  if (!topics.includes(topic) || partitions === 0) {
    throw new StreamdeskError('not-found', `Topic "${topic}" does not exist; create it before starting a generator on it`);
  }
  return partitions;
}

function unreachable(target: KafkaTarget, error: unknown): StreamdeskError {
  return new StreamdeskError('unavailable', `Cannot reach Kafka at ${target.brokers.join(', ')}: ${sendErrorMessage(error)}`);
}

function defaultSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
