// A reassignment's plan from the arguments and the cluster as it stands: generated or edited, checked against the live
// brokers and the topic's partitions, each partition's current → target with the bytes it will move. Pure.
import type { z } from 'zod';
import { invalidField } from '@shared/errors';
import type { PlannedPartition, ReassignArgs } from '@shared/reassignments';
import { balancedPlan, type Assignment, type LiveBroker } from './balanced-plan';

export interface TopicLayout {
  /** Partition index → replicas (preferred leader first) and the leader's bytes for it (0 when unknown). */
  partitions: Map<number, { replicas: number[]; leaderBytes: number }>;
}

type Args = z.output<typeof ReassignArgs>;

/** Every partition's current and target replicas; throws invalidField naming the argument that cannot be carried out. */
export function planPartitions(args: Args, layout: TopicLayout, brokers: LiveBroker[]): PlannedPartition[] {
  const current: Assignment = new Map([...layout.partitions].map(([p, { replicas }]) => [p, [...replicas]]));
  const target = args.partitions
    ? editedTargets(args.partitions, current, brokers, args.allowMixedReplicationFactor)
    : generatedTargets(args, current, brokers);
  return [...current.keys()]
    .sort((a, b) => a - b)
    .map((partition) => {
      const before = current.get(partition)!;
      const after = target.get(partition) ?? before;
      const adding = after.filter((id) => !before.includes(id));
      return {
        partition,
        current: before,
        target: after,
        adding,
        removing: before.filter((id) => !after.includes(id)),
        moveBytes: adding.length * layout.partitions.get(partition)!.leaderBytes,
      };
    });
}

function generatedTargets(args: Args, current: Assignment, brokers: LiveBroker[]): Assignment {
  const factor = args.replicationFactor!;
  if (factor > brokers.length) {
    throw invalidField(['replicationFactor'], `is ${factor} but the cluster has ${brokers.length} live broker${brokers.length === 1 ? '' : 's'}`);
  }
  return balancedPlan(current, brokers, factor);
}

function editedTargets(edited: Record<string, number[]>, current: Assignment, brokers: LiveBroker[], allowMixed: boolean): Assignment {
  const live = new Set(brokers.map((b) => b.id));
  const target: Assignment = new Map(current);
  for (const [key, replicas] of Object.entries(edited)) {
    const partition = Number(key);
    if (!current.has(partition)) throw invalidField(['partitions', key], `the topic has no partition ${key} (it has ${current.size})`);
    const unknown = replicas.filter((id) => !live.has(id));
    if (unknown.length > 0)
      throw invalidField(['partitions', key], `broker ${unknown.join(', ')} does not exist (live brokers: ${[...live].sort((a, b) => a - b).join(', ')})`);
    const repeated = replicas.find((id, i) => replicas.indexOf(id) !== i);
    if (repeated !== undefined) throw invalidField(['partitions', key], `broker ${repeated} is named twice`);
    target.set(partition, replicas);
  }
  const factors = new Set([...target.values()].map((replicas) => replicas.length));
  if (factors.size > 1 && !allowMixed) {
    const key = Object.keys(edited)[0];
    throw invalidField(
      ['partitions', key],
      `partitions would end with different replication factors (${[...factors].sort().join(', ')}); list every partition with the same number of brokers, or allow a mixed replication factor`,
    );
  }
  return target;
}

/** The brokers that send (current replicas of a moving partition) or receive (its new replicas) data. */
export function brokersInvolved(partitions: PlannedPartition[]): number[] {
  const involved = new Set<number>();
  for (const p of partitions.filter((p) => p.adding.length > 0 || p.removing.length > 0)) [...p.current, ...p.target].forEach((id) => involved.add(id));
  return [...involved].sort((a, b) => a - b);
}

/**
 * kafka-reassign-partitions' throttled replica lists: the leader side names every current replica of a moving partition
 * (any may lead while it moves), the follower side the replicas being added (`partition:broker`, comma-separated).
 */
export function throttledReplicas(partitions: PlannedPartition[]): { leader: string; follower: string } {
  const moving = partitions.filter((p) => p.adding.length > 0);
  return {
    leader: moving.flatMap((p) => p.current.map((id) => `${p.partition}:${id}`)).join(','),
    follower: moving.flatMap((p) => p.adding.map((id) => `${p.partition}:${id}`)).join(','),
  };
}
