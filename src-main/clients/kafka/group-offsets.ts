// Consumer groups in few requests (@platformatic/kafka): ListGroups with each group's state, and committed offsets of
// many groups per OffsetFetch (one request per coordinator for a whole slice; kafkajs asks group by group).
import { listTopicOffsets, withAdmin, type PartitionOffsets } from './platformatic-admin';
import type { KafkaTarget } from './kafka-target';
import { mapConcurrently, slicesOf } from './slices';

export type GroupState = 'Unknown' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead' | 'Empty';

/** A group as ListGroups answers it: no members, offsets or lag (those need more requests). */
export interface GroupListing {
  groupId: string;
  state: GroupState;
  protocolType: string;
}

/** @platformatic/kafka upper-cases the broker's state ("PreparingRebalance" becomes "PREPARINGREBALANCE"): the broker's names again. */
const STATES: Record<string, GroupState> = {
  STABLE: 'Stable',
  EMPTY: 'Empty',
  DEAD: 'Dead',
  PREPARINGREBALANCE: 'PreparingRebalance',
  COMPLETINGREBALANCE: 'CompletingRebalance',
};

/** Per group, per topic, per partition: the committed offset, null when none is (-1). */
export type CommittedOffsets = Map<string, Map<string, Map<number, number | null>>>;

/** Groups per OffsetFetch: a slice's answer stays small (a group commits for a few topics) and comes back in one round. */
const GROUPS_PER_REQUEST = 500;
const REQUESTS_AT_ONCE = 2;

/** Every group of the cluster with its state, in one ListGroups per broker. */
export async function listGroups(target: KafkaTarget): Promise<GroupListing[]> {
  const groups = await withAdmin(target, (admin) => admin.listGroups());
  return [...groups.values()].map((group) => ({
    groupId: group.id,
    state: STATES[group.state.replace(/_/g, '')] ?? 'Unknown',
    protocolType: group.protocolType,
  }));
}

/** The committed offsets of the groups, a slice of groups per request to each coordinator. */
export async function committedOffsets(target: KafkaTarget, groupIds: string[]): Promise<CommittedOffsets> {
  const committed: CommittedOffsets = new Map();
  if (groupIds.length === 0) return committed;
  await withAdmin(target, (admin) =>
    mapConcurrently(slicesOf(groupIds, GROUPS_PER_REQUEST), REQUESTS_AT_ONCE, async (slice) => {
      for (const group of await admin.listConsumerGroupOffsets({ groups: slice })) {
        const topics = new Map<string, Map<number, number | null>>();
        for (const topic of group.topics) {
          const partitions = new Map<number, number | null>();
          for (const partition of topic.partitions)
            partitions.set(partition.partitionIndex, partition.committedOffset >= 0n ? Number(partition.committedOffset) : null);
          topics.set(topic.name, partitions);
        }
        committed.set(group.groupId, topics);
      }
    }),
  );
  return committed;
}

/** Start and end offsets of the partitions the groups committed offsets for (each partition once; deleted topics left out). */
export function groupEndOffsets(target: KafkaTarget, committed: CommittedOffsets): Promise<Map<string, Map<number, PartitionOffsets>>> {
  const partitions = new Map<string, Set<number>>();
  for (const topics of committed.values())
    for (const [topic, offsets] of topics) {
      const known = partitions.get(topic) ?? new Set<number>();
      for (const partition of offsets.keys()) known.add(partition);
      partitions.set(topic, known);
    }
  return listTopicOffsets(
    target,
    [...partitions].map(([name, indexes]) => ({ name, partitions: [...indexes] })),
  );
}
