import type { API, Callback, kGetApi as KGetApi, Producer, Serializer } from '@platformatic/kafka';
import { StreamdeskError } from '@shared/errors';
import { kafkaError } from './kafka-errors';
import type { KafkaTarget } from './kafka-target';
import { securityOptions } from './platformatic-admin';
import { platformaticKafka } from './platformatic';
import { onePassProduce, ValueRun } from './produce-request';
import { SequenceBook } from './sequence-book';

/** A record as the ingest path hands it over: text, or bytes a schema encoded. */
export interface BatchRecord {
  key: string | null;
  value: string | Buffer;
}

type Side = string | Buffer;
/** A value: text, bytes, or a partition's run of values (sendValues), which the one-pass encoder writes. */
type ValueSide = Side | ValueRun;
const bytesOf: Serializer<Side> = (data) => (data === undefined ? undefined : typeof data === 'string' ? Buffer.from(data) : data);
// a run goes to the encoder as it is (the client only hands the value on)
const valueBytesOf = ((data: ValueSide | undefined) => (data instanceof ValueRun ? data : bytesOf(data))) as unknown as Serializer<ValueSide>;

/**
 * Writes batches of records with @platformatic/kafka's idempotent producer, acks=all. Not kafkajs
 * (the single-record produce path still is): kafkajs spent about 13 µs of the main thread per
 * record encoding a batch (bench/ingest, `--cpu-prof` of serve: its produce request, crc32c and
 * grouping on top), where this client writes the same records about 2.5 times faster. Keyed
 * records are placed as the Java client (and kafkajs) would: murmur2 of the key, masked positive.
 */
export class BatchProducer {
  private producer: Producer<Side, ValueSide, string, string> | null = null;
  /** Which cluster the cached producer talks to; a profile switch must not write to the old one. */
  private producerTarget = '';

  constructor(private readonly target: () => KafkaTarget) {}

  /**
   * Resolves once the broker acknowledged every record (acks=all); rejects with a StreamdeskError
   * naming `topic`. Sends may overlap: their requests are numbered as they are encoded (SequenceBook),
   * and a connection keeps up to five in flight, as the Java client's idempotent producer does.
   */
  async send(topic: string, records: BatchRecord[]): Promise<void> {
    const producer = this.connected();
    try {
      await producer.send({
        messages: records.map((record) => ({ topic, key: record.key ?? undefined, value: record.value })),
      });
    } catch (error) {
      // a failed request leaves the ones after it out of sequence: start over with a new producer id
      if (this.producer === producer) await this.close();
      throw producerFailure(error, `write to ${topic}`);
    }
  }

  /**
   * Keyless values, spread over the topic's partitions in turn as send's keyless records are, handed to the
   * client as one message per partition (a ValueRun), so that its per-message work is done a few times a batch
   * rather than once a record. The same guarantees: acks=all, idempotent, each partition's values in their order.
   */
  async sendValues(topic: string, values: readonly Uint8Array[]): Promise<void> {
    const producer = this.connected();
    try {
      const metadata = await producer.metadata({ topics: [topic] });
      const partitions = metadata.topics.get(topic)?.partitionsCount ?? 0;
      if (partitions < 1) throw new StreamdeskError('not-found', `topic: "${topic}" does not exist`);
      // the first value goes where the next keyless record would have gone, each next one a partition further
      const start = roundRobin(values.length) % partitions;
      const messages = [];
      for (let first = 0; first < Math.min(partitions, values.length); first++) {
        const run = new ValueRun(values, first, partitions, Math.ceil((values.length - first) / partitions));
        messages.push({ topic, partition: (start + first) % partitions, value: run });
      }
      await producer.send({ messages });
    } catch (error) {
      if (error instanceof StreamdeskError) throw error;
      if (this.producer === producer) await this.close();
      throw producerFailure(error, `write to ${topic}`);
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.close().catch(() => {});
  }

  private connected(): Producer<Side, ValueSide, string, string> {
    const target = this.target();
    const key = JSON.stringify([target.brokers, target.sasl?.username ?? null]);
    if (this.producer && key !== this.producerTarget) void this.close();
    this.producerTarget = key;
    const { compatibilityPartitioner } = platformaticKafka();
    this.producer ??= new (onePassProducer())({
      clientId: 'streamdesk-producer',
      bootstrapBrokers: target.brokers,
      idempotent: true,
      // acks=all: a record reported as written is on every in-sync replica
      acks: -1,
      autocreateTopics: false,
      partitioner: (message, keyBytes) => (keyBytes ? compatibilityPartitioner(message, keyBytes) : roundRobin()),
      serializers: { key: bytesOf, value: valueBytesOf },
      connectTimeout: 5000,
      retries: 3,
      ...securityOptions(target),
    });
    return this.producer;
  }
}

type OnePassProducer = new (options: ConstructorParameters<typeof Producer<Side, ValueSide, string, string>>[0]) => Producer<Side, ValueSide, string, string>;
let onePassClass: OnePassProducer | null = null;

/**
 * @platformatic/kafka's producer with its Produce requests encoded in one pass and numbered by its own
 * SequenceBook (see produce-request.ts); made at first use, as the package loads then.
 */
function onePassProducer(): OnePassProducer {
  if (onePassClass) return onePassClass;
  const { Producer: Base } = platformaticKafka();
  const kGetApi: typeof KGetApi = platformaticKafka().kGetApi;
  onePassClass = class extends Base<Side, ValueSide, string, string> {
    private readonly sequences = new SequenceBook();

    override [kGetApi]<RequestArguments extends unknown[], ResponseType>(name: string, callback: Callback<API<RequestArguments, ResponseType>>): void {
      super[kGetApi]<RequestArguments, ResponseType>(name, (error, api) => {
        const ours = name === 'Produce' && api ? onePassProduce(api.version, this.sequences) : undefined;
        callback(error, (ours as API<RequestArguments, ResponseType> | undefined) ?? api);
      });
    }
  };
  return onePassClass;
}

let next = 0;
/**
 * Keyless records spread over the partitions in turn (the producer takes the number modulo the topic's partitions):
 * the number of the first of `count` records, the next call going on after them.
 */
function roundRobin(count = 1): number {
  const first = (next + 1) % 0x7fffffff;
  next = (next + count) % 0x7fffffff;
  return first;
}

interface PlatformaticErrorTree {
  apiId?: string;
  serverErrorMessage?: string | null;
  message?: string;
  errors?: PlatformaticErrorTree[];
  cause?: PlatformaticErrorTree;
}

/** Every broker error code in what @platformatic/kafka threw (its errors nest: MultipleErrors → ResponseError → one per record). */
function brokerRefusals(error: PlatformaticErrorTree | undefined): PlatformaticErrorTree[] {
  if (!error) return [];
  return [...(error.apiId ? [error] : []), ...[...(error.errors ?? []), error.cause].flatMap(brokerRefusals)];
}

/**
 * A refused batch in the same words as the kafkajs paths (INVALID_RECORD on a compacted topic…); the rest is
 * `unavailable`. A refused record comes with two errors: UNKNOWN_SERVER_ERROR carrying the broker's words ("Compacted
 * topic cannot accept message without key…") and the code that says what it is (INVALID_RECORD).
 */
export function producerFailure(error: unknown, action: string): StreamdeskError {
  const refusals = brokerRefusals(error as PlatformaticErrorTree);
  const refusal = refusals.find((candidate) => candidate.apiId !== 'UNKNOWN_SERVER_ERROR') ?? refusals[0];
  const words = refusals.map((candidate) => candidate.serverErrorMessage).find(Boolean) ?? refusal?.message;
  if (refusal) return kafkaError({ type: refusal.apiId, message: words }, action);
  return new StreamdeskError('unavailable', `${action}: Kafka did not take the records (${(error as Error)?.message ?? String(error)})`);
}
