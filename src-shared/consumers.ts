import { z } from 'zod';
import { Point, TimeRange } from './metrics';
import { TopicName } from './topics';

/** Consumer groups: list, per-partition lag, offset reset (dry run first) and delete. */

export const GroupId = z.string().min(1, 'is empty').max(1000, 'is too long');

const ConsumerGroupState = z.enum(['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty']);

export const ConsumerGroupSummary = z.object({
  groupId: z.string(),
  state: ConsumerGroupState,
  /** "consumer" for Kafka consumers; empty for groups that only store offsets (e.g. Flink's). */
  protocolType: z.string(),
  members: z.number().int(),
  /** Topics the members subscribe to, plus topics the group has committed offsets for. */
  topics: z.array(z.string()),
  /** Sum of (end − committed) over partitions with a committed offset; null when none has one. */
  totalLag: z.number().nullable(),
});
export type ConsumerGroupSummary = z.infer<typeof ConsumerGroupSummary>;

/** A group as listed before anything else is read about it (ListGroups' answer): a page shows these rows at once. */
export const ConsumerGroupListing = z.object({ groupId: z.string(), state: ConsumerGroupState, protocolType: z.string() });
export type ConsumerGroupListing = z.infer<typeof ConsumerGroupListing>;

/** The summaries (members, topics, lag) of these groups only: those on screen first, the rest in slices. */
export const GroupSummariesArgs = z.object({ groupIds: z.array(GroupId).min(1, 'is empty').max(1000, 'at most 1000 groups a call') }).strict();

export const GroupPartitionLag = z.object({
  topic: z.string(),
  partition: z.number().int(),
  /** null: the group has no committed offset for this partition. */
  committed: z.number().nullable(),
  logStart: z.number(),
  end: z.number(),
  lag: z.number().nullable(),
  memberId: z.string().nullable(),
  clientId: z.string().nullable(),
  host: z.string().nullable(),
});
export type GroupPartitionLag = z.infer<typeof GroupPartitionLag>;

export const ConsumerGroupMember = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number().int()) })),
});
export type ConsumerGroupMember = z.infer<typeof ConsumerGroupMember>;

export const ConsumerGroupDetail = z.object({
  summary: ConsumerGroupSummary,
  members: z.array(ConsumerGroupMember),
  partitions: z.array(GroupPartitionLag),
});
export type ConsumerGroupDetail = z.infer<typeof ConsumerGroupDetail>;

export const ResetTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earliest') }).strict(),
  z.object({ kind: z.literal('latest') }).strict(),
  /** The first offset at or after this time; the end when nothing is that recent. */
  z.object({ kind: z.literal('timestamp'), ms: z.number().int().min(0, 'must be 0 or more') }).strict(),
  /** Clamped into each partition's [log start, end]. */
  z.object({ kind: z.literal('offset'), offset: z.number().int().min(0, 'must be 0 or more') }).strict(),
]);
export type ResetTarget = z.infer<typeof ResetTarget>;

export const ResetOffsetsArgs = z
  .object({
    groupId: GroupId,
    /** Topics to reset; default: every topic the group has committed offsets for. */
    topics: z.array(TopicName).min(1, 'name at least one topic').optional(),
    to: ResetTarget,
    dryRun: z.boolean(),
  })
  .strict();
export type ResetOffsetsArgs = z.input<typeof ResetOffsetsArgs>;

export const OffsetChange = z.object({ topic: z.string(), partition: z.number().int(), current: z.number().nullable(), next: z.number() });
export type OffsetChange = z.infer<typeof OffsetChange>;

export const ResetOffsetsResult = z.object({ groupId: z.string(), applied: z.boolean(), changes: z.array(OffsetChange) });
export type ResetOffsetsResult = z.infer<typeof ResetOffsetsResult>;

export const DeleteGroupArgs = z
  .object({ groupId: GroupId, confirm: z.string() })
  .strict()
  .superRefine((args, context) => {
    if (args.confirm !== args.groupId) context.addIssue({ code: 'custom', path: ['confirm'], message: 'type the group id exactly to confirm' });
  });
export type DeleteGroupArgs = z.input<typeof DeleteGroupArgs>;

/** A group's total lag over time, from the back end's metrics sampler (one point per lag refresh). */
export const GroupLagHistoryArgs = z.object({ groupId: GroupId, time_range: TimeRange.default('15m') }).strict();
export const GroupLagHistory = z.object({ groupId: z.string(), resolution_ms: z.number(), points: z.array(Point) });
export type GroupLagHistory = z.infer<typeof GroupLagHistory>;
