// Consumer groups in few requests (@platformatic/kafka): ListGroups with each group's state, and committed offsets of
// many groups per OffsetFetch (one request per coordinator for a whole slice; kafkajs asks group by group).
import { listEndOffsets, withAdmin } from './platformatic-admin';
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

/** The partitions the groups committed offsets for, per topic, each once. */
function committedPartitions(committed: CommittedOffsets): { name: string; partitions: number[] }[] {
  const partitions = new Map<string, Set<number>>();
  for (const topics of committed.values())
    for (const [topic, offsets] of topics) {
      const known = partitions.get(topic) ?? new Set<number>();
      for (const partition of offsets.keys()) known.add(partition);
      partitions.set(topic, known);
    }
  return [...partitions].map(([name, indexes]) => ({ name, partitions: [...indexes] }));
}

/**
 * The end offsets lag needs: those of `known` (the caller's own reading of every topic's end offsets, made after the
 * committed offsets were read), and one ListOffsets, latest only, for the committed partitions `known` lacks (a topic
 * created since it was listed, an internal one). At 5,000 groups the lag round listed the earliest and latest offsets
 * of every partition they committed, every 5 s, beside the sampler's own reading of the same ends.
 */
export async function lagEndOffsets(
  target: KafkaTarget,
  committed: CommittedOffsets,
  known: Map<string, Map<number, number>>,
): Promise<Map<string, Map<number, number>>> {
  const missing = committedPartitions(committed)
    .map((topic) => ({ name: topic.name, partitions: topic.partitions.filter((partition) => known.get(topic.name)?.get(partition) === undefined) }))
    .filter((topic) => topic.partitions.length > 0);
  if (missing.length === 0) return known;
  const read = await listEndOffsets(target, missing);
  const ends = new Map(known);
  for (const [topic, partitions] of read) ends.set(topic, new Map([...(known.get(topic) ?? []), ...partitions]));
  return ends;
}
