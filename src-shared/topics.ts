import { z } from 'zod';
import { checkConfigValue, checkTopicName } from './topic-configs';

export const CleanupPolicy = z.enum(['delete', 'compact', 'compact,delete']);
export type CleanupPolicy = z.infer<typeof CleanupPolicy>;

export const TopicName = z.string().superRefine((name, context) => {
  const problem = checkTopicName(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

const ConfigMap = z.record(z.string(), z.string()).superRefine((configs, context) => {
  for (const [name, value] of Object.entries(configs)) {
    const problem = checkConfigValue(name, value);
    if (problem) context.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

/** The seed's Create Topic modal. `retentionHours: null` keeps records forever. */
export const CreateTopicArgs = z
  .object({
    name: TopicName,
    partitions: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000'),
    replicationFactor: z.number().int('must be a whole number').min(1, 'must be at least 1').max(32, 'must be at most 32'),
    retentionHours: z.number().positive('must be more than 0 (or null for forever)').max(10_000_000, 'is too large').nullable(),
    cleanupPolicy: CleanupPolicy,
    configs: ConfigMap.default({}),
  })
  .strict()
  .superRefine((args, context) => {
    for (const name of ['retention.ms', 'cleanup.policy']) {
      if (name in args.configs)
        context.addIssue({ code: 'custom', path: ['configs', name], message: `set ${name} with its own field, not as an extra config` });
    }
  });
export type CreateTopicArgs = z.input<typeof CreateTopicArgs>;

export const TopicSummary = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  retentionMs: z.number().nullable(),
  cleanupPolicy: z.string().nullable(),
  messageCount: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  underReplicatedPartitions: z.number().int(),
  offlinePartitions: z.number().int(),
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicPartition = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  offline: z.boolean(),
  startOffset: z.number(),
  endOffset: z.number(),
  sizeBytes: z.number().nullable(),
});
export type TopicPartition = z.infer<typeof TopicPartition>;

export const TopicConfigEntry = z.object({
  name: z.string(),
  value: z.string().nullable(),
  /** Where the value comes from: set on this topic, from the broker's own config, or Kafka's default. */
  source: z.enum(['topic', 'broker', 'default']),
  /** True unless the value is set on this topic. */
  isDefault: z.boolean(),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
});
export type TopicConfigEntry = z.infer<typeof TopicConfigEntry>;

export const TopicDetail = z.object({
  summary: TopicSummary,
  partitions: z.array(TopicPartition),
  configs: z.array(TopicConfigEntry),
});
export type TopicDetail = z.infer<typeof TopicDetail>;

/** `configs: false` answers sooner on large clusters, with retention and cleanup policy unknown (null). */
/** `configs: false` leaves retention and cleanup policy unread; `offsets: false` also message counts and sizes (metadata only: the fastest answer). */
/**
 * `names`: only these topics (those that exist), so a page can read the figures of the rows on screen first
 * and the rest in slices (a slice of 10,000 names would make one request's answer wait for all of them).
 */
export const ListTopicsArgs = z
  .object({
    includeInternal: z.boolean().optional(),
    configs: z.boolean().optional(),
    offsets: z.boolean().optional(),
    names: z.array(TopicName).max(2000).optional(),
  })
  .strict();
export const TopicRef = z.object({ name: TopicName }).strict();
export const DeleteTopicArgs = z
  .object({ name: TopicName, confirmation: z.string() })
  .strict()
  .refine((args) => args.confirmation === args.name, { path: ['confirmation'], message: 'type the topic name exactly to confirm' });
export const AlterTopicConfigsArgs = z.object({ name: TopicName, set: ConfigMap.default({}), reset: z.array(z.string()).default([]) }).strict();
/**
 * Purge (DeleteRecords): every record before an offset, or before the first record at or after a time, goes from the
 * chosen partitions (all without a list). A dry run previews; applying needs the topic's name typed.
 */
export const PurgeRecordsArgs = z
  .object({
    name: TopicName,
    before: z.union([
      z.object({ offset: z.number().int('must be a whole number').min(0, 'must be 0 or more') }).strict(),
      z.object({ timestamp: z.number().int('must be a whole number').min(0, 'must be 0 or more') }).strict(),
    ]),
    partitions: z
      .array(z.number().int().min(0, 'must be 0 or more'))
      .min(1, 'name at least one partition, or leave the list out for all')
      .max(10_000)
      .optional(),
    dryRun: z.boolean(),
    confirmation: z.string().optional(),
  })
  .strict()
  .refine((args) => args.dryRun || args.confirmation === args.name, { path: ['confirmation'], message: 'type the topic name exactly to confirm' });
export type PurgeRecordsArgs = z.input<typeof PurgeRecordsArgs>;

export const PurgedPartition = z.object({
  partition: z.number().int(),
  /** The first offset kept before the purge, and after it (the new low watermark). */
  lowWatermark: z.number(),
  newLowWatermark: z.number(),
  highWatermark: z.number(),
  /** Records that go (went): newLowWatermark − lowWatermark. */
  removed: z.number(),
});
export type PurgedPartition = z.infer<typeof PurgedPartition>;

export const PurgeRecordsResult = z.object({ name: z.string(), applied: z.boolean(), partitions: z.array(PurgedPartition), removed: z.number() });
export type PurgeRecordsResult = z.infer<typeof PurgeRecordsResult>;

export const AddPartitionsArgs = z.object({ name: TopicName, totalPartitions: z.number().int().min(1).max(10_000) }).strict();
