import { z } from 'zod';

const count = z.number().int().nonnegative();

/** One log directory of a broker (DescribeLogDirs): bytes its partitions hold, and the volume's size and free space (Kafka ≥ 3.3). */
export const LogDir = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  partitions: count,
  /** null when the broker does not say (DescribeLogDirs before v4). */
  totalBytes: z.number().nullable(),
  usableBytes: z.number().nullable(),
});
export type LogDir = z.infer<typeof LogDir>;

export const BrokerSummary = z.object({
  id: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  rack: z.string().nullable(),
  /** The active controller: the quorum's leader in KRaft (a combined node), the metadata's controller in ZooKeeper mode. */
  isController: z.boolean(),
  /** Partitions this broker leads, and replicas it holds (internal topics included). */
  leaders: count,
  replicas: count,
  logDirs: z.array(LogDir),
  /** Why the log dirs could not be read (they are then empty). */
  logDirsError: z.string().nullable(),
});
export type BrokerSummary = z.infer<typeof BrokerSummary>;

const MetadataMode = z.enum(['kraft', 'zookeeper']);

export const BrokersOverview = z.object({
  clusterId: z.string().nullable(),
  mode: MetadataMode.nullable(),
  /**
   * The active controller. In KRaft the leader of the metadata quorum (DescribeQuorum): a broker answers Metadata and
   * DescribeCluster with a random live broker as "controller". A separate controller node is no broker row.
   */
  controllerId: z.number().int().nullable(),
  brokers: z.array(BrokerSummary),
});
export type BrokersOverview = z.infer<typeof BrokersOverview>;

/**
 * Where a broker config's value comes from (DescribeConfigs' ConfigSource): set for this broker, set for every broker
 * (cluster default), the broker's server.properties, Kafka's default.
 */
export const BrokerConfigSource = z.enum(['dynamic-broker', 'dynamic-default', 'static', 'default', 'other']);
export type BrokerConfigSource = z.infer<typeof BrokerConfigSource>;

export const BrokerConfigEntry = z.object({
  name: z.string(),
  /** null when sensitive (a password) or unset. */
  value: z.string().nullable(),
  source: BrokerConfigSource,
  /** Per-broker dynamic (IncrementalAlterConfigs changes it without a restart); the rest are read-only here. */
  dynamic: z.boolean(),
  sensitive: z.boolean(),
});
export type BrokerConfigEntry = z.infer<typeof BrokerConfigEntry>;

export const BrokerConfigs = z.object({ brokerId: z.number().int(), configs: z.array(BrokerConfigEntry) });
export type BrokerConfigs = z.infer<typeof BrokerConfigs>;

export const BrokerRef = z.object({ brokerId: z.number().int('must be a whole number').min(0, 'must be 0 or more') }).strict();

const ConfigName = z
  .string()
  .min(1, 'is required')
  .max(255)
  .regex(/^[a-z0-9._-]+$/, 'must be a config name (lower-case words with dots)');

/** Sets and removes (back to the static or default value) per-broker dynamic configs; the broker validates first. */
export const AlterBrokerConfigsArgs = z
  .object({
    brokerId: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
    set: z.record(ConfigName, z.string().max(10_000, 'is too long')).default({}),
    reset: z.array(ConfigName).max(500).default([]),
  })
  .strict()
  .superRefine((args, context) => {
    if (Object.keys(args.set).length === 0 && args.reset.length === 0)
      context.addIssue({ code: 'custom', path: ['set'], message: 'name a config to set or reset' });
    for (const name of args.reset) {
      if (name in args.set) context.addIssue({ code: 'custom', path: ['reset'], message: `${name} is both set and reset` });
    }
  });

/** A voter or observer of the metadata quorum: a KRaft controller (id), or a ZooKeeper server (address). */
export const QuorumMember = z.object({
  id: z.number().int().nullable(),
  address: z.string().nullable(),
  role: z.enum(['leader', 'follower', 'observer', 'standalone', 'unreachable']),
  /** KRaft: the replica's log end offset; ZooKeeper: the last zxid's counter within its epoch. */
  logEndOffset: z.number().nullable(),
  /** How far behind the leader's log end offset (as Kafka's kafka-metadata-quorum counts it). */
  lag: z.number().nullable(),
  /** Epoch milliseconds of the leader's clock; null when unknown (KRaft answers -1). */
  lastFetchMs: z.number().nullable(),
  lastCaughtUpMs: z.number().nullable(),
  /** Why the member could not be read or does not serve. */
  problem: z.string().nullable(),
});
export type QuorumMember = z.infer<typeof QuorumMember>;

export const Quorum = z.object({
  mode: MetadataMode,
  leaderId: z.number().int().nullable(),
  /** ZooKeeper: the leader's address (its servers have no id over `srvr`). */
  leaderAddress: z.string().nullable(),
  /** KRaft: the leader epoch; ZooKeeper: the epoch in the leader's zxid. */
  leaderEpoch: z.number().int().nullable(),
  highWatermark: z.number().nullable(),
  /** The largest lag of a voter, and how long ago (leader's clock) that voter last caught up: MetadataQuorumCommand's figures. */
  maxFollowerLag: z.number().nullable(),
  maxFollowerLagTimeMs: z.number().nullable(),
  voters: z.array(QuorumMember),
  observers: z.array(QuorumMember),
  /** What is wrong with the quorum as a whole (no leader, a member unreachable), or null. */
  problem: z.string().nullable(),
});
export type Quorum = z.infer<typeof Quorum>;

/** What the health snapshot keeps of the quorum: only what changes when something happens (no offsets or fetch times). */
export const QuorumHealth = z.object({
  mode: MetadataMode,
  leaderId: z.number().int().nullable(),
  leaderAddress: z.string().nullable(),
  leaderEpoch: z.number().int().nullable(),
  /** Each voter by id (KRaft) or address (ZooKeeper), whole seconds since it last caught up (null when unknown). */
  voters: z.array(z.object({ name: z.string(), leader: z.boolean(), behindSeconds: count.nullable(), problem: z.string().nullable() })),
  observers: count,
  problem: z.string().nullable(),
});
export type QuorumHealth = z.infer<typeof QuorumHealth>;
