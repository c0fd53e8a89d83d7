import { z } from 'zod';
import { TopicName } from './topics';

// Partition reassignment (KIP-455): a topic's replicas moved between brokers or its replication factor changed, with an
// optional replication throttle, followed until done; and preferred leader election (KIP-460).

const BrokerId = z.number().int('must be a whole number').min(0, 'must be a broker id (0 or more)');
const ReplicaList = z.array(BrokerId).min(1, 'needs at least one broker').max(100, 'is too long');

/** The bytes per second each broker involved may replicate at while the reassignment runs; removed when it ends. */
const Throttle = z.number().int('must be a whole number of bytes per second').min(1024, 'must be at least 1024 bytes per second').nullable().default(null);

export const ReassignArgs = z
  .object({
    topic: TopicName,
    /** A balanced plan generated for this replication factor… */
    replicationFactor: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'is too large').optional(),
    /** …or an edited plan: the new replicas per partition (by index, as a string key); partitions left out keep theirs. */
    partitions: z.record(z.string().regex(/^\d+$/, 'must be a partition index'), ReplicaList).optional(),
    /** Partitions of an edited plan may end with different replication factors only when this says so. */
    allowMixedReplicationFactor: z.boolean().default(false),
    throttleBytesPerSec: Throttle,
    /** The preview only: nothing is changed. */
    dryRun: z.boolean().default(true),
  })
  .strict()
  .refine((a) => (a.replicationFactor === undefined) !== (a.partitions === undefined), {
    path: ['replicationFactor'],
    message: 'give either replicationFactor (a generated plan) or partitions (an edited plan)',
  });
export type ReassignArgs = z.input<typeof ReassignArgs>;

const PlannedPartition = z.object({
  partition: z.number().int(),
  current: z.array(z.number().int()),
  target: z.array(z.number().int()),
  /** Replicas the reassignment adds and removes (target minus current, current minus target). */
  adding: z.array(z.number().int()),
  removing: z.array(z.number().int()),
  /** The leader's size of the partition times the replicas it adds: what crosses the network. */
  moveBytes: z.number(),
});
export type PlannedPartition = z.infer<typeof PlannedPartition>;

export const ReassignmentPlan = z.object({
  topic: z.string(),
  dryRun: z.boolean(),
  /** Every partition of the topic; an unchanged one has current equal to target. */
  partitions: z.array(PlannedPartition),
  /** Brokers that send or receive replicas (the throttle applies on them). */
  brokersInvolved: z.array(z.number().int()),
  bytesToMove: z.number(),
  throttleBytesPerSec: z.number().nullable(),
  /** The live brokers the plan may use, with their racks. */
  brokers: z.array(z.object({ id: z.number().int(), rack: z.string().nullable() })),
});
export type ReassignmentPlan = z.infer<typeof ReassignmentPlan>;

const PartitionProgress = z.object({
  topic: z.string(),
  partition: z.number().int(),
  replicas: z.array(z.number().int()),
  adding: z.array(z.number().int()),
  removing: z.array(z.number().int()),
  /** Per adding replica: the leader's size minus the new replica's; null when the log dirs could not be read. */
  bytesToGo: z.number().nullable(),
});
export type PartitionProgress = z.infer<typeof PartitionProgress>;

/** A reassignment StreamDesk started and saw end, kept for a while so a page can say so. */
const FinishedReassignment = z.object({
  topic: z.string(),
  outcome: z.enum(['done', 'cancelled']),
  finishedAt: z.number(),
  /** The replicas each partition ended with. */
  replicas: z.record(z.string(), z.array(z.number().int())),
});
export type FinishedReassignment = z.infer<typeof FinishedReassignment>;

export const ReassignmentsProgress = z.object({
  /** Partitions being reassigned in the cluster now (by StreamDesk or anyone). */
  inFlight: z.array(PartitionProgress),
  /** Throttles StreamDesk set and will remove when their topic's reassignment ends. */
  throttles: z.array(z.object({ topic: z.string(), brokers: z.array(z.number().int()), bytesPerSec: z.number() })),
  finished: z.array(FinishedReassignment),
  readAt: z.number(),
});
export type ReassignmentsProgress = z.infer<typeof ReassignmentsProgress>;

export const CancelReassignmentsArgs = z.object({ topic: TopicName.optional() }).strict();

export const CancelReassignmentsResult = z.object({ cancelled: z.array(z.object({ topic: z.string(), partition: z.number().int() })) });

export const ElectLeadersArgs = z
  .object({
    /** One topic, or every partition of the cluster when left out. */
    topic: TopicName.optional(),
    dryRun: z.boolean().default(true),
  })
  .strict();
export type ElectLeadersArgs = z.input<typeof ElectLeadersArgs>;

export const ElectLeadersResult = z.object({
  dryRun: z.boolean(),
  /** Partitions whose leader is not their preferred replica (the first one): these change leader. */
  changes: z.array(
    z.object({
      topic: z.string(),
      partition: z.number().int(),
      leader: z.number().int(),
      preferred: z.number().int(),
      /** A preferred replica out of the ISR cannot take the lead: the election leaves this partition as it is. */
      preferredInSync: z.boolean(),
      /** Applied: the broker's answer per partition; null in a preview or when it moved. */
      error: z.string().nullable(),
    }),
  ),
});
export type ElectLeadersResult = z.infer<typeof ElectLeadersResult>;
