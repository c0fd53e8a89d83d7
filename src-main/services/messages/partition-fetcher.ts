import type { Connection, Consumer, Reader } from '@platformatic/kafka';
import { platformaticKafka } from '@main/clients/kafka/platformatic';
import { StreamdeskError } from '@shared/errors';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';

/**
 * Reads partitions at explicit offsets, assign-style: no consumer group is joined, nothing is
 * committed, so browsing and searching leave no trace on the cluster.
 *
 * @platformatic/kafka gives the connections (SASL/TLS included) and the Fetch request; its
 * response parser is replaced by one that keeps each partition's records as raw bytes, which
 * record-batch.ts decodes without allocating per record.
 */

const READ_UNCOMMITTED = 0;
const OFFSET_OUT_OF_RANGE = 1;
/** Errors that go away after a metadata refresh (leader moved, broker restarting). */
const RETRIABLE = new Set([3, 5, 6, 9, 74, 75]);

export interface RawPartitionData {
  partition: number;
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  records: Buffer | null;
}

function int64(reader: Reader): number {
  return Number(reader.readInt64());
}

type DynamicBuffer = Reader['buffer'];

interface ParsedPartition extends Omit<RawPartitionData, 'records'> {
  /** A view on the response's socket chunks; copied into one contiguous buffer by the fetcher. */
  chunks: DynamicBuffer | null;
}

/** Fetch v12 (Kafka ≥ 2.7; names topics, so no topic-id lookup) with records kept as bytes. */
function parseRawFetch(_correlationId: number, apiKey: number, apiVersion: number, reader: Reader): ParsedPartition[] {
  reader.readInt32(); // throttle
  const errorCode = reader.readInt16();
  if (errorCode !== 0) throw new StreamdeskError('unavailable', `fetch failed with Kafka error ${errorCode}`);
  reader.readInt32(); // session id
  const partitions: ParsedPartition[] = [];
  reader.readArray((topic) => {
    topic.readString();
    topic.readArray((r) => {
      const partition = r.readInt32();
      const partitionError = r.readInt16();
      const highWatermark = int64(r);
      int64(r); // last stable offset
      const logStartOffset = int64(r);
      r.readArray((aborted) => {
        aborted.readInt64();
        aborted.readInt64();
      });
      r.readInt32(); // preferred read replica
      const size = r.readUnsignedVarInt() - 1;
      let chunks: DynamicBuffer | null = null;
      if (size > 0) {
        chunks = r.buffer.subarray(r.position, r.position + size);
        r.skip(size);
      }
      partitions.push({ partition, errorCode: partitionError, highWatermark, logStartOffset, chunks });
    });
  });
  return partitions;
}

type RawFetch = ReturnType<typeof createRawFetch>;
const createRawFetch = () => {
  const { createAPI, fetchV12 } = platformaticKafka();
  return createAPI<[number, number, number, number, number, number, unknown[], unknown[], string], ParsedPartition[]>(
    1,
    12,
    fetchV12.createRequest,
    parseRawFetch,
  );
};
let rawFetchApi: RawFetch | null = null;
/** Fetch v12 with its answer parsed here, made at first use (@platformatic/kafka is loaded lazily). */
const rawFetch = (): RawFetch => (rawFetchApi ??= createRawFetch());

/**
 * Copies each partition's records into one reused buffer per leader. Fresh multi-megabyte
 * buffers cost a page fault per 4 KiB on first touch, which on a full scan took more time than
 * decoding; reused memory is already mapped. The records are only valid until the next fetch
 * from the same leader, which is why every reader copies out what it keeps.
 */
function gather(parsed: ParsedPartition[], scratch: { buffer: Buffer }): RawPartitionData[] {
  const total = parsed.reduce((sum, partition) => sum + (partition.chunks?.length ?? 0), 0);
  if (scratch.buffer.length < total) scratch.buffer = Buffer.allocUnsafe(Math.max(total, scratch.buffer.length * 2));
  let at = 0;
  return parsed.map(({ chunks, ...partition }) => {
    if (!chunks) return { ...partition, records: null };
    const start = at;
    for (const chunk of chunks.buffers) at += chunk.copy(scratch.buffer, at);
    // A new view object per fetch: filters that cache by buffer identity see fresh data.
    return { ...partition, records: scratch.buffer.subarray(start, at) };
  });
}

export interface FetchPosition {
  partition: number;
  offset: number;
}

export interface FetcherOptions {
  clientId?: string;
  /** Per-partition bytes per fetch: large enough to amortise round trips on a full scan. */
  partitionMaxBytes?: number;
  maxBytes?: number;
}

/** Connects a @platformatic/kafka client with the same target options as the rest of the app. */
function platformaticConsumer(target: KafkaTarget, clientId: string): Consumer {
  const { Consumer, SASLMechanisms } = platformaticKafka();
  const mechanism = target.sasl
    ? { plain: SASLMechanisms.PLAIN, 'scram-sha-256': SASLMechanisms.SCRAM_SHA_256, 'scram-sha-512': SASLMechanisms.SCRAM_SHA_512 }[target.sasl.mechanism]
    : undefined;
  return new Consumer({
    clientId,
    // Required by the constructor; never joined: every read here is assign-style.
    groupId: `${clientId}-unused`,
    bootstrapBrokers: target.brokers,
    connectTimeout: 3000,
    requestTimeout: 30000,
    retries: 2,
    isolationLevel: READ_UNCOMMITTED,
    ...(target.ssl ? { tls: target.ssl } : {}),
    ...(target.sasl && mechanism ? { sasl: { mechanism, username: target.sasl.username, password: target.sasl.password } } : {}),
  });
}

export class PartitionFetcher {
  readonly client: Consumer;
  private leaders = new Map<number, number>();
  private readonly scratch = new Map<number, { buffer: Buffer }>();
  private partitionCount = -1;

  constructor(
    target: KafkaTarget,
    readonly topic: string,
    private readonly options: FetcherOptions = {},
  ) {
    this.client = platformaticConsumer(target, options.clientId ?? 'streamdesk-reader');
  }

  /** Partition numbers of the topic; a clear not-found error when it does not exist. */
  async partitions(refresh = false): Promise<number[]> {
    if (this.partitionCount < 0 || refresh) {
      let metadata;
      try {
        metadata = await this.client.metadata({ topics: [this.topic], forceUpdate: refresh, autocreateTopics: false });
      } catch (error) {
        if (/unknown topic|UNKNOWN_TOPIC|does not exist/i.test(String((error as Error).message))) {
          throw new StreamdeskError('not-found', `topic: "${this.topic}" does not exist`);
        }
        throw new StreamdeskError('unavailable', `read ${this.topic}: Kafka is not reachable (${(error as Error).message})`);
      }
      const topic = metadata.topics.get(this.topic);
      if (!topic) throw new StreamdeskError('not-found', `topic: "${this.topic}" does not exist`);
      this.partitionCount = topic.partitionsCount;
      this.leaders = new Map(topic.partitions.map((partition, index) => [index, partition.leader]));
    }
    return Array.from({ length: this.partitionCount }, (_, index) => index);
  }

  /** Offsets per partition for a ListOffsets timestamp: -2 earliest, -1 latest, else the first offset at or after it (-1 if none). */
  async offsets(timestamp: number): Promise<number[]> {
    await this.partitions();
    const listed = await this.client.listOffsets({ topics: [this.topic], timestamp: BigInt(timestamp), isolationLevel: READ_UNCOMMITTED });
    return (listed.get(this.topic) ?? []).map(Number);
  }

  /**
   * One Fetch per leader for the given positions, answered as soon as any data is there or
   * after `maxWaitMs`. Leaders are refreshed and the fetch retried when a partition moved.
   */
  async fetch(positions: FetchPosition[], maxWaitMs = 0): Promise<RawPartitionData[]> {
    await this.partitions();
    for (let attempt = 0; ; attempt++) {
      const byLeader = new Map<number, FetchPosition[]>();
      for (const position of positions) {
        const leader = this.leaders.get(position.partition) ?? -1;
        byLeader.set(leader, [...(byLeader.get(leader) ?? []), position]);
      }
      const results = await Promise.all([...byLeader].map(([leader, group]) => this.fetchFrom(leader, group, maxWaitMs)));
      const data = results.flat();
      const stale = data.some((partition) => RETRIABLE.has(partition.errorCode)) || byLeader.has(-1);
      if (!stale) {
        const failed = data.find((partition) => partition.errorCode !== 0 && partition.errorCode !== OFFSET_OUT_OF_RANGE);
        if (failed) throw new StreamdeskError('unavailable', `read ${this.topic}[${failed.partition}]: Kafka error ${failed.errorCode}`);
        return data;
      }
      if (attempt >= 5) throw new StreamdeskError('unavailable', `read ${this.topic}: partition leaders are not available`);
      await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      await this.partitions(true);
    }
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => {});
  }

  private async fetchFrom(leader: number, positions: FetchPosition[], maxWaitMs: number): Promise<RawPartitionData[]> {
    if (leader < 0) return [];
    let connection: Connection | undefined;
    try {
      connection = (await this.client.connectToBrokers([leader])).get(leader);
    } catch (error) {
      throw new StreamdeskError('unavailable', `read ${this.topic}: Kafka is not reachable (${(error as Error).message})`);
    }
    if (!connection) return [];
    const partitionMaxBytes = this.options.partitionMaxBytes ?? 4 * 1024 * 1024;
    const topics = [
      {
        topicId: this.topic,
        partitions: positions.map((position) => ({
          partition: position.partition,
          currentLeaderEpoch: -1,
          fetchOffset: BigInt(position.offset),
          lastFetchedEpoch: -1,
          partitionMaxBytes,
        })),
      },
    ];
    const parsed = await rawFetch().async(connection, maxWaitMs, 1, this.options.maxBytes ?? 64 * 1024 * 1024, READ_UNCOMMITTED, 0, -1, topics, [], '');
    let scratch = this.scratch.get(leader);
    if (!scratch) this.scratch.set(leader, (scratch = { buffer: Buffer.alloc(0) }));
    return gather(parsed, scratch);
  }
}
