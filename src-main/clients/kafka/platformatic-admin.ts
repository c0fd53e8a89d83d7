import type { Admin, ConnectionOptions, ListedOffsetsTopic } from '@platformatic/kafka';
import type { KafkaTarget } from './kafka-target';
import { kafkaWire } from './kafka-wire';
import { platformaticKafka } from './platformatic';
import { mapConcurrently, slicesOf } from './slices';

// The admin calls kafkajs lacks (incremental config changes, log-dir sizes, one ListOffsets for
// many topics), through @platformatic/kafka, reached with the same KafkaTarget (SASL/SSL).

/** SASL and TLS of a target as @platformatic/kafka takes them (its Admin and a raw Connection alike). */
export function securityOptions(target: KafkaTarget): Pick<ConnectionOptions, 'sasl' | 'tls'> {
  const { SASLMechanisms } = kafkaWire();
  const mechanism = target.sasl
    ? { plain: SASLMechanisms.PLAIN, 'scram-sha-256': SASLMechanisms.SCRAM_SHA_256, 'scram-sha-512': SASLMechanisms.SCRAM_SHA_512 }[target.sasl.mechanism]
    : undefined;
  return {
    ...(target.ssl ? { tls: target.ssl } : {}),
    ...(target.sasl && mechanism ? { sasl: { mechanism, username: target.sasl.username, password: target.sasl.password } } : {}),
  };
}

function createAdmin(target: KafkaTarget, metadataMaxAge?: number): Admin {
  return new (platformaticKafka().Admin)({
    clientId: 'streamdesk-admin',
    bootstrapBrokers: target.brokers,
    connectTimeout: 3000,
    requestTimeout: 15000,
    retries: 1,
    ...(metadataMaxAge ? { metadataMaxAge } : {}),
    ...securityOptions(target),
  });
}

/**
 * How long the sampler's long-lived Admin trusts its metadata. Its default, 5 s, had it read the metadata of every
 * topic every 5 s (10,000 topics: the broker's costliest request of an idle console); a topic it does not know yet is
 * still looked up at once, and a moved leader answers NOT_LEADER, on which the client reads the metadata again.
 */
const SAMPLER_METADATA_MAX_AGE_MS = 60_000;

/** Runs `run` with a fresh Admin and always closes it. */
export async function withAdmin<T>(target: KafkaTarget, run: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createAdmin(target);
  try {
    return await run(admin);
  } finally {
    await admin.close().catch(() => {});
  }
}

/**
 * The topics and partitions listOffsets can be asked about. It throws inside a socket callback
 * (uncaught: the process dies, and its promise never settles) for a topic missing from the client's
 * metadata — which skips internal topics (__consumer_offsets…) and lacks a topic deleted a moment
 * ago. So ask for the metadata first and keep only what it holds; listOffsets reuses that cache.
 */
async function offsetListable(admin: Admin, topics: { name: string; partitions: number[] }[]): Promise<{ name: string; partitions: number[] }[]> {
  const known = (await admin.metadata({ topics: topics.map((topic) => topic.name) })).topics;
  return topics
    .map((topic) => ({ name: topic.name, partitions: topic.partitions.filter((index) => known.get(topic.name)?.partitions[index] !== undefined) }))
    .filter((topic) => topic.partitions.length > 0);
}

/**
 * Topics per listOffsets call. @platformatic/kafka groups a call's partitions by leader with a linear search per
 * topic (quadratic in the topics): 10,000 topics took 10 s of the client's CPU in one call, 100 ms in slices of 500.
 */
const OFFSET_TOPICS_PER_CALL = 500;

/** The offsets at `timestamp` (-1 latest, -2 earliest) of every partition, in slices of topics, two in flight. */
async function listOffsetsInSlices(admin: Admin, topics: { name: string; partitions: number[] }[], timestamp: bigint): Promise<ListedOffsetsTopic[]> {
  const slices = await mapConcurrently(slicesOf(topics, OFFSET_TOPICS_PER_CALL), 2, (slice) =>
    admin.listOffsets({
      topics: slice.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) })),
    }),
  );
  return slices.flat();
}

export interface PartitionOffsets {
  start: number;
  end: number;
}

/** Earliest and latest offsets of every partition of the given topics, in two requests. */
export async function listTopicOffsets(
  target: KafkaTarget,
  topics: { name: string; partitions: number[] }[],
): Promise<Map<string, Map<number, PartitionOffsets>>> {
  const result = new Map<string, Map<number, PartitionOffsets>>();
  if (topics.length === 0) return result;
  await withAdmin(target, async (admin) => {
    const present = await offsetListable(admin, topics);
    if (present.length === 0) return;
    const [earliest, latest] = await Promise.all([listOffsetsInSlices(admin, present, -2n), listOffsetsInSlices(admin, present, -1n)]);
    for (const topic of earliest) {
      const partitions = new Map<number, PartitionOffsets>();
      for (const partition of topic.partitions) partitions.set(partition.partitionIndex, { start: Number(partition.offset), end: Number(partition.offset) });
      result.set(topic.name, partitions);
    }
    for (const topic of latest) {
      const partitions = result.get(topic.name) ?? new Map<number, PartitionOffsets>();
      for (const partition of topic.partitions) {
        const known = partitions.get(partition.partitionIndex);
        partitions.set(partition.partitionIndex, { start: known?.start ?? 0, end: Number(partition.offset) });
      }
      result.set(topic.name, partitions);
    }
  });
  return result;
}

/** Latest offsets only (ListOffsets at -1) of every partition of the given topics: what lag needs, half the requests of listTopicOffsets. */
export async function listEndOffsets(target: KafkaTarget, topics: { name: string; partitions: number[] }[]): Promise<Map<string, Map<number, number>>> {
  const result = new Map<string, Map<number, number>>();
  if (topics.length === 0) return result;
  await withAdmin(target, async (admin) => {
    const present = await offsetListable(admin, topics);
    if (present.length === 0) return;
    for (const topic of await listOffsetsInSlices(admin, present, -1n)) result.set(topic.name, offsetsByPartition(topic));
  });
  return result;
}

function offsetsByPartition(topic: ListedOffsetsTopic): Map<number, number> {
  return new Map(topic.partitions.map((partition) => [partition.partitionIndex, Number(partition.offset)]));
}

/** Per partition, the offset of the first record at or after `timestamp` (ms); the end offset when none is (-1 from the broker). */
export async function offsetsAtTime(target: KafkaTarget, topic: string, partitions: number[], timestamp: number): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  await withAdmin(target, async (admin) => {
    const present = await offsetListable(admin, [{ name: topic, partitions }]);
    if (present.length === 0) return;
    const answer = await admin.listOffsets({
      topics: present.map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, timestamp: BigInt(timestamp) })) })),
    });
    for (const p of answer[0]?.partitions ?? []) out.set(p.partitionIndex, p.offset < 0n ? null : Number(p.offset));
  });
  return out;
}

/** DeleteRecords: each partition's records before its offset go; answers each partition's new low watermark. */
export async function deleteRecordsBefore(target: KafkaTarget, topic: string, before: Map<number, number>): Promise<Map<number, number>> {
  const deleted = await withAdmin(target, (admin) =>
    admin.deleteRecords({ topics: [{ name: topic, partitions: [...before].map(([partition, offset]) => ({ partition, offset: BigInt(offset) })) }] }),
  );
  return new Map((deleted[0]?.partitions ?? []).map((p) => [p.partition, Number(p.lowWatermark)]));
}

/** Bytes on disk per topic partition, summed over every broker that holds a replica. */
export async function logDirSizes(target: KafkaTarget, topics: { name: string; partitions: number[] }[]): Promise<Map<string, Map<number, number>>> {
  const sizes = new Map<string, Map<number, number>>();
  if (topics.length === 0) return sizes;
  await withAdmin(target, async (admin) => {
    const brokers = await admin.describeLogDirs({ topics });
    for (const broker of brokers) addLogDirSizes(sizes, broker.results);
  });
  return sizes;
}

type LogDir = { topics: { name: string; partitions: { partitionIndex: number; partitionSize: bigint; isFutureKey: boolean }[] }[] };

/** Adds a broker's DescribeLogDirs answer to the sizes per topic partition (a replica's future copy, mid-move, left out). */
export function addLogDirSizes(sizes: Map<string, Map<number, number>>, dirs: LogDir[]): void {
  for (const dir of dirs)
    for (const topic of dir.topics) {
      const partitions = sizes.get(topic.name) ?? new Map<number, number>();
      for (const partition of topic.partitions) {
        if (partition.isFutureKey) continue;
        partitions.set(partition.partitionIndex, (partitions.get(partition.partitionIndex) ?? 0) + Number(partition.partitionSize));
      }
      sizes.set(topic.name, partitions);
    }
}

/** Sets and removes topic configs without touching the others (IncrementalAlterConfigs). */
export async function alterTopicConfigs(target: KafkaTarget, topic: string, set: Record<string, string>, reset: string[], validateOnly = false): Promise<void> {
  const { ConfigResourceTypes, IncrementalAlterConfigOperationTypes } = platformaticKafka();
  await withAdmin(target, (admin) =>
    admin.incrementalAlterConfigs({
      validateOnly,
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: topic,
          configs: [
            ...Object.entries(set).map(([name, value]) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
            ...reset.map((name) => ({ name, value: null, configOperation: IncrementalAlterConfigOperationTypes.DELETE })),
          ],
        },
      ],
    }),
  );
}

export interface EndOffsetsReading {
  /** Per topic, its partitions' end offsets summed. */
  ends: Map<string, number>;
  /** Per topic, per partition, the end offset (consumer lag is read against these, with no ListOffsets of its own). */
  partitions: Map<string, Map<number, number>>;
  at: number;
}

/**
 * Latest offsets of many partitions, once a second, over one long-lived connection (the metrics
 * sampler's hot path). Reconnects after any failure.
 */
export class EndOffsetReader {
  private admin: Admin | null = null;

  constructor(
    private readonly target: () => KafkaTarget,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Each topic's end offsets, summed, and when they were read: the middle of the ListOffsets
   * request, not the start of the round (a metadata read before it would shift a rate's time
   * span by its own duration, a few per cent of a second).
   */
  async read(topics: { name: string; partitions: number[] }[]): Promise<EndOffsetsReading> {
    const ends = new Map<string, number>();
    const partitions = new Map<string, Map<number, number>>();
    if (topics.length === 0) return { ends, partitions, at: this.now() };
    this.admin ??= createAdmin(this.target(), SAMPLER_METADATA_MAX_AGE_MS);
    try {
      const present = await offsetListable(this.admin, topics);
      if (present.length === 0) return { ends, partitions, at: this.now() };
      const asked = this.now();
      const listed = await listOffsetsInSlices(this.admin, present, -1n);
      const at = (asked + this.now()) / 2;
      for (const topic of listed) {
        const offsets = offsetsByPartition(topic);
        partitions.set(topic.name, offsets);
        ends.set(
          topic.name,
          [...offsets.values()].reduce((sum, offset) => sum + offset, 0),
        );
      }
      return { ends, partitions, at };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Drops the connection without waiting: a dead broker's socket may never finish closing. */
  close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    void admin?.close().catch(() => {});
    return Promise.resolve();
  }
}
