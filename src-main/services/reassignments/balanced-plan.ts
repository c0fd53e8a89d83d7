// A balanced replica assignment for one topic. Pure. Replicas and preferred leaders are spread evenly over the live
// brokers (rack-aware when racks are set), and a replica already on a broker stays there unless that broker holds more
// than its share: the fewer replicas change, the less data crosses the network.

export interface LiveBroker {
  id: number;
  rack: string | null;
}

/** Partition index → replicas, the preferred leader first. */
export type Assignment = Map<number, number[]>;

const increment = (counts: Map<number, number>, id: number, by = 1) => counts.set(id, (counts.get(id) ?? 0) + by);

/** The topic's new assignment for `replicationFactor` (at most the number of live brokers: the caller checks). */
export function balancedPlan(current: Assignment, brokers: LiveBroker[], replicationFactor: number): Assignment {
  const live = new Set(brokers.map((b) => b.id));
  const maxReplicas = Math.ceil((current.size * replicationFactor) / brokers.length);
  const counts = new Map<number, number>(brokers.map((b) => [b.id, 0]));
  const kept = new Map<number, number[]>();
  for (const [partition, replicas] of current) {
    const stays = replicas.filter((id) => live.has(id));
    stays.forEach((id) => increment(counts, id));
    kept.set(partition, stays);
  }
  for (const replicas of kept.values()) trim(replicas, counts, replicationFactor, maxReplicas);
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack]));
  for (const replicas of kept.values()) fill(replicas, brokers, counts, rackOf, replicationFactor);
  return withBalancedLeaders(kept, brokers);
}

/** Drops replicas beyond the replication factor, then those on brokers above their share (the most loaded first). */
function trim(replicas: number[], counts: Map<number, number>, replicationFactor: number, maxReplicas: number) {
  const drop = (index: number) => {
    increment(counts, replicas[index], -1);
    replicas.splice(index, 1);
  };
  while (replicas.length > replicationFactor) drop(mostLoaded(replicas, counts));
  for (let i = replicas.length - 1; i >= 0; i--) if ((counts.get(replicas[i]) ?? 0) > maxReplicas) drop(i);
}

/** The index of the replica on the most loaded broker; the preferred leader (index 0) last among equals. */
function mostLoaded(replicas: number[], counts: Map<number, number>): number {
  let chosen = replicas.length - 1;
  for (let i = replicas.length - 2; i >= 0; i--) if ((counts.get(replicas[i]) ?? 0) > (counts.get(replicas[chosen]) ?? 0)) chosen = i;
  return chosen;
}

/** Adds replicas up to the replication factor: a rack the partition lacks first, then the least loaded broker, then the lowest id. */
function fill(replicas: number[], brokers: LiveBroker[], counts: Map<number, number>, rackOf: Map<number, string | null>, replicationFactor: number) {
  while (replicas.length < replicationFactor) {
    const racks = new Set(replicas.map((id) => rackOf.get(id)).filter((rack) => rack != null));
    const candidates = brokers.filter((b) => !replicas.includes(b.id));
    if (candidates.length === 0) return;
    const score = (b: LiveBroker) => [b.rack != null && racks.has(b.rack) ? 1 : 0, counts.get(b.id) ?? 0, b.id];
    const best = candidates.reduce((a, b) => (compare(score(b), score(a)) < 0 ? b : a));
    replicas.push(best.id);
    increment(counts, best.id);
  }
}

const compare = (a: number[], b: number[]) => a.reduce((order, value, i) => order || value - b[i], 0);

/** Keeps each partition's preferred leader while its broker leads no more than its share; the rest go to the broker leading fewest. */
function withBalancedLeaders(assignment: Assignment, brokers: LiveBroker[]): Assignment {
  const maxLeaders = Math.ceil(assignment.size / brokers.length);
  const leaders = new Map<number, number>();
  const undecided: number[] = [];
  for (const [partition, replicas] of assignment) {
    const first = replicas[0];
    if (first !== undefined && (leaders.get(first) ?? 0) < maxLeaders) increment(leaders, first);
    else undecided.push(partition);
  }
  for (const partition of undecided) {
    const replicas = assignment.get(partition)!;
    if (replicas.length === 0) continue;
    const leader = replicas.reduce((a, b) => ((leaders.get(b) ?? 0) < (leaders.get(a) ?? 0) ? b : a));
    increment(leaders, leader);
    assignment.set(partition, [leader, ...replicas.filter((id) => id !== leader)]);
  }
  evenOut(assignment, leaders);
  return assignment;
}

/**
 * The greedy pass can leave a broker leading two more than another when the replica sets leave it no choice at the
 * time: hand a partition's lead to one of its replicas that leads at least two fewer, until none does.
 */
function evenOut(assignment: Assignment, leaders: Map<number, number>) {
  for (let step = 0; step < assignment.size * assignment.size; step++) {
    const move = [...assignment].flatMap(([partition, replicas]) => {
      const lighter = replicas.find((id) => (leaders.get(id) ?? 0) + 1 < (leaders.get(replicas[0]) ?? 0));
      return lighter === undefined ? [] : [{ partition, replicas, lighter }];
    })[0];
    if (!move) return;
    increment(leaders, move.replicas[0], -1);
    increment(leaders, move.lighter);
    assignment.set(move.partition, [move.lighter, ...move.replicas.filter((id) => id !== move.lighter)]);
  }
}
