import type { API, CreateRecordsBatchOptions, MessageRecord, Writer } from '@platformatic/kafka';
import { crc32cInPlace, platformaticKafka } from './platformatic';
import type { SequenceBook } from './sequence-book';

/**
 * Produce requests (v10/v11) encoded in one pass into one buffer: @platformatic/kafka builds each
 * record of a batch as a chain of small buffers (a Writer per record, each field its own
 * allocation) and joins them twice, which was most of serve's main thread per ingested record
 * (bench/ingest, `--cpu-prof`: ~11 µs a record with its garbage, where this takes well under one).
 * The wire format is the same — record batch v2 (magic 2), CRC-32C over attributes to the end, the
 * producer id and epoch the producer hands over — so the client's idempotence, retries and
 * partitioning are untouched; the first sequences come from a SequenceBook, handed out as requests
 * are encoded so that several can be in flight. Compression, transactions and headers are not
 * written here (the batch producer uses none of them).
 */

type Options = Partial<CreateRecordsBatchOptions>;

/**
 * Many keyless records of one partition as one message: values[first], values[first + step], … (`count` of them).
 * The batch producer hands a REST ingest batch to the client as one of these per partition: the client's own
 * per-message work (two Maps, a serializer call, a partition key string and a count each) was, with the garbage
 * it left, a quarter of serve's main thread per ingested record (bench/ingest, `--cpu-prof` of serve).
 */
export class ValueRun {
  constructor(
    readonly values: readonly Uint8Array[],
    readonly first: number,
    readonly step: number,
    readonly count: number,
  ) {}

  /** The run's records' values, in order. */
  picked(): Uint8Array[] {
    const out = new Array<Uint8Array>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.values[this.first + i * this.step];
    return out;
  }
}

type Encoder = (acks: number | undefined, timeout: number | undefined, records: MessageRecord[], options?: Options) => Writer;
/** A partition batch's first sequence: -1 when the producer is not idempotent. */
type FirstSequence = (topic: string, partition: number, count: number) => number;

/** Bytes of an unsigned varint. */
function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** Zigzag, as Kafka's signed varints and varlongs are written (exact up to 2^52). */
function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function writeVarint(buffer: Buffer, at: number, value: number): number {
  while (value >= 0x80) {
    buffer[at++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  buffer[at++] = value;
  return at;
}

/** Record batch header: base offset 8, length 4, leader epoch 4, magic 1, crc 4, then 40 bytes the CRC covers. */
const BATCH_HEADER = 61;
const CRC_FROM = 21;

interface PartitionBatch {
  partition: number;
  /** The records' keys (null: all keyless) and values, in order. */
  keys: (Uint8Array | undefined)[] | null;
  values: (Uint8Array | undefined)[];
  firstTimestamp: bigint;
  maxTimestamp: bigint;
  /** Each record's timestamp after the first's, in ms; null when none has its own (all written now). */
  timestampDeltas: Float64Array | null;
  /** Each record's size after its length prefix. */
  bodySizes: Uint32Array;
  size: number;
}

/** Timestamps are BigInts: worked out once a batch, and not at all when no record names its own. */
function timestampsOf(records: MessageRecord[], now: bigint): { first: bigint; max: bigint; deltas: Float64Array | null } {
  if (records.every((record) => record.timestamp === undefined)) return { first: now, max: now, deltas: null };
  const first = records[0].timestamp ?? now;
  let max = first;
  const deltas = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const timestamp = records[i].timestamp ?? now;
    if (timestamp > max) max = timestamp;
    deltas[i] = Number(timestamp - first);
  }
  return { first, max, deltas };
}

/** A partition's records as keys, values and timestamps: a ValueRun's are keyless and written now. */
function columnsOf(records: MessageRecord[], now: bigint): Pick<PartitionBatch, 'keys' | 'values' | 'firstTimestamp' | 'maxTimestamp' | 'timestampDeltas'> {
  const run = records.length === 1 ? asRun(records[0].value) : null;
  if (run) return { keys: null, values: run.picked(), firstTimestamp: now, maxTimestamp: now, timestampDeltas: null };
  if (records.some((record) => asRun(record.value))) throw new Error('produce request: a ValueRun must be its partition’s only message');
  const { first, max, deltas } = timestampsOf(records, now);
  return {
    keys: records.map((record) => record.key),
    values: records.map((record) => record.value),
    firstTimestamp: first,
    maxTimestamp: max,
    timestampDeltas: deltas,
  };
}

function asRun(value: unknown): ValueRun | null {
  return value instanceof ValueRun ? value : null;
}

function batchOf(partition: number, records: MessageRecord[], now: bigint): PartitionBatch {
  const columns = columnsOf(records, now);
  const { keys, values, timestampDeltas } = columns;
  const bodySizes = new Uint32Array(values.length);
  let size = BATCH_HEADER;
  for (let i = 0; i < values.length; i++) {
    const key = keys ? keys[i] : undefined;
    const value = values[i];
    // attributes, timestamp and offset deltas, key, value, no headers
    const body =
      2 +
      varintSize(zigzag(timestampDeltas ? timestampDeltas[i] : 0)) +
      varintSize(zigzag(i)) +
      (key ? varintSize(zigzag(key.length)) + key.length : 1) +
      (value ? varintSize(zigzag(value.length)) + value.length : 1);
    bodySizes[i] = body;
    size += varintSize(zigzag(body)) + body;
  }
  return { partition, ...columns, bodySizes, size };
}

function writeSide(buffer: Buffer, at: number, side: Uint8Array | undefined): number {
  if (!side) return writeVarint(buffer, at, 1); // -1: null
  at = writeVarint(buffer, at, zigzag(side.length));
  buffer.set(side, at);
  return at + side.length;
}

/** One partition's record batch at `at`; returns where it ends. */
function writeBatch(buffer: Buffer, at: number, topic: string, batch: PartitionBatch, options: Options, firstSequence: FirstSequence): number {
  const start = at;
  buffer.writeBigInt64BE(0n, at); // base offset: the broker assigns it
  buffer.writeInt32BE(batch.size - 12, at + 8);
  buffer.writeInt32BE(-1, at + 12); // partition leader epoch: the broker's to set
  buffer.writeInt8(2, at + 16); // magic
  buffer.writeInt16BE(0, at + 21); // attributes: no compression, CreateTime, not transactional
  const count = batch.values.length;
  buffer.writeInt32BE(count - 1, at + 23);
  buffer.writeBigInt64BE(batch.firstTimestamp, at + 27);
  buffer.writeBigInt64BE(batch.maxTimestamp, at + 35);
  buffer.writeBigInt64BE(options.producerId ?? -1n, at + 43);
  buffer.writeInt16BE(options.producerEpoch ?? -1, at + 51);
  buffer.writeInt32BE(firstSequence(topic, batch.partition, count), at + 53);
  buffer.writeInt32BE(count, at + 57);
  at += BATCH_HEADER;
  const { keys, values, timestampDeltas, bodySizes } = batch;
  for (let i = 0; i < count; i++) {
    at = writeVarint(buffer, at, zigzag(bodySizes[i]));
    buffer[at++] = 0; // attributes
    at = writeVarint(buffer, at, zigzag(timestampDeltas ? timestampDeltas[i] : 0));
    at = writeVarint(buffer, at, zigzag(i));
    at = writeSide(buffer, at, keys ? keys[i] : undefined);
    at = writeSide(buffer, at, values[i]);
    buffer[at++] = 0; // no headers
  }
  buffer.writeUInt32BE(crc32cInPlace(buffer.subarray(start + CRC_FROM, at)), start + 17);
  return at;
}

/** Records grouped by topic, then partition, in the order they came. */
function grouped(records: MessageRecord[]): Map<string, Map<number, MessageRecord[]>> {
  const topics = new Map<string, Map<number, MessageRecord[]>>();
  for (const record of records) {
    let partitions = topics.get(record.topic);
    if (!partitions) topics.set(record.topic, (partitions = new Map<number, MessageRecord[]>()));
    const partition = record.partition ?? 0;
    let list = partitions.get(partition);
    if (!list) partitions.set(partition, (list = []));
    list.push(record);
  }
  return topics;
}

/** What only the client's own encoder writes: compressed, transactional or with headers. */
function needsClientEncoder(records: MessageRecord[], options: Options): boolean {
  return (options.compression ?? 'none') !== 'none' || Boolean(options.transactionalId) || records.some((record) => (record.headers?.size ?? 0) > 0);
}

/**
 * Where a batch's first sequence comes from: the client's map (its value when the answer to the request
 * before came), or, given a book, the sequences handed out as requests are encoded (see SequenceBook).
 */
function sequencesFrom(records: MessageRecord[], options: Options, book: SequenceBook | undefined): FirstSequence {
  const { sequences, producerId, producerEpoch } = options;
  if (!sequences) return () => -1;
  if (!book || producerId === undefined) return (topic, partition) => sequences.getWithDefault(`${topic}:${partition}`, 0);
  return (topic, partition, count) => book.firstSequence(records, producerId, producerEpoch ?? 0, `${topic}:${partition}`, count);
}

/**
 * Produce v10/v11's request (the two are the same): transactional id, acks, timeout, topics → partitions → record
 * batch. With `book`, an idempotent producer's sequences are handed out here (several requests in flight).
 */
export function encodeProduceRequest(acks = 1, timeout = 0, records: MessageRecord[], options: Options = {}, book?: SequenceBook): Buffer {
  const firstSequence = sequencesFrom(records, options, book);
  const now = BigInt(Date.now());
  const topics = [...grouped(records)].map(([topic, partitions]) => ({
    name: Buffer.from(topic, 'utf8'),
    topic,
    batches: [...partitions].map(([partition, list]) => batchOf(partition, list, now)),
  }));
  let size = 1 + 2 + 4 + varintSize(topics.length + 1) + 1;
  for (const topic of topics) {
    size += varintSize(topic.name.length + 1) + topic.name.length + varintSize(topic.batches.length + 1) + 1;
    for (const batch of topic.batches) size += 4 + varintSize(batch.size + 1) + batch.size + 1;
  }
  const buffer = Buffer.allocUnsafe(size);
  let at = writeVarint(buffer, 0, 0); // transactional id: null
  at = buffer.writeInt16BE(acks, at);
  at = buffer.writeInt32BE(timeout, at);
  at = writeVarint(buffer, at, topics.length + 1);
  for (const topic of topics) {
    at = writeVarint(buffer, at, topic.name.length + 1);
    at += topic.name.copy(buffer, at);
    at = writeVarint(buffer, at, topic.batches.length + 1);
    for (const batch of topic.batches) {
      at = buffer.writeInt32BE(batch.partition, at);
      at = writeVarint(buffer, at, batch.size + 1);
      at = writeBatch(buffer, at, topic.topic, batch, options, firstSequence);
      buffer[at++] = 0; // the partition's tagged fields
    }
    buffer[at++] = 0; // the topic's tagged fields
  }
  buffer[at++] = 0; // the request's tagged fields
  if (at !== size) throw new Error(`produce request: wrote ${at} bytes of ${size}`);
  return buffer;
}

function encoderFor(clientEncoder: Encoder, book: SequenceBook): Encoder {
  return (acks, timeout, records, options = {}) => {
    if (needsClientEncoder(records, options)) {
      // the client's encoder numbers from its own map, which lags the book by every request in flight
      if (options.sequences || records.some((record) => asRun(record.value)))
        throw new Error('the one-pass producer writes no headers, compression or transactions');
      return clientEncoder(acks, timeout, records, options);
    }
    const writer = platformaticKafka()
      .Writer.create()
      .append(encodeProduceRequest(acks, timeout, records, options, book));
    if (acks === 0) writer.context.noResponse = true;
    return writer;
  };
}

const apis = new WeakMap<SequenceBook, Map<number, API<unknown[], unknown>>>();

/**
 * The Produce API of `version` the client picked, with its requests encoded here, sequences from the producer's
 * `book`, and its answers parsed by the client (v10 and v11; undefined for another). Made at first use: the
 * package loads only when a producer runs.
 */
export function onePassProduce(version: number, book: SequenceBook): API<unknown[], unknown> | undefined {
  let versions = apis.get(book);
  if (!versions) {
    const { createAPI, produceV10, produceV11 } = platformaticKafka();
    versions = new Map([
      [10, createAPI(0, 10, encoderFor(produceV10.createRequest, book), produceV10.parseResponse)],
      [11, createAPI(0, 11, encoderFor(produceV11.createRequest, book), produceV11.parseResponse)],
    ]);
    apis.set(book, versions);
  }
  return versions.get(version);
}
