import { describe, expect, it } from 'vitest';
import { StreamdeskError } from '@shared/errors';
import { ReassignArgs } from '@shared/reassignments';
import { balancedPlan, type Assignment, type LiveBroker } from '@main/services/reassignments/balanced-plan';
import { brokersInvolved, planPartitions, throttledReplicas, type TopicLayout } from '@main/services/reassignments/plan-builder';
import { bytesToGo } from '@main/services/reassignments/progress-reader';

const brokers = (...ids: number[]): LiveBroker[] => ids.map((id) => ({ id, rack: null }));
const assignment = (...lists: number[][]): Assignment => new Map(lists.map((replicas, partition) => [partition, replicas]));
const layout = (...lists: number[][]): TopicLayout => ({ partitions: new Map(lists.map((replicas, p) => [p, { replicas, leaderBytes: 1000 }])) });
const args = (over: object) => ReassignArgs.parse({ topic: 'orders', ...over });

/** Replicas per broker and preferred leaders per broker. */
function spread(plan: Assignment) {
  const replicas = new Map<number, number>();
  const leaders = new Map<number, number>();
  for (const list of plan.values()) {
    list.forEach((id) => replicas.set(id, (replicas.get(id) ?? 0) + 1));
    leaders.set(list[0], (leaders.get(list[0]) ?? 0) + 1);
  }
  return { replicas, leaders };
}

function issueOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    return { code: (error as StreamdeskError).code, ...(error as StreamdeskError).issues[0] };
  }
  throw new Error('no error');
}

describe('balancedPlan', () => {
  it('raises RF 1 → 3 keeping every existing replica and its leader', () => {
    const plan = balancedPlan(assignment([1], [2], [3]), brokers(1, 2, 3), 3);
    expect([...plan.values()].map((r) => r[0])).toEqual([1, 2, 3]);
    for (const list of plan.values()) expect([...list].sort()).toEqual([1, 2, 3]);
  });

  it('spreads replicas and leaders evenly when every partition sits on one broker', () => {
    const plan = balancedPlan(assignment([1], [1], [1], [1], [1], [1]), brokers(1, 2, 3), 2);
    const { replicas, leaders } = spread(plan);
    expect([...replicas.values()]).toEqual([4, 4, 4]);
    expect([...leaders.values()].sort()).toEqual([2, 2, 2]);
  });

  it('lowers RF by dropping replicas from the most loaded brokers, keeping the preferred leader', () => {
    const plan = balancedPlan(assignment([1, 2, 3], [2, 3, 1], [3, 1, 2]), brokers(1, 2, 3), 2);
    expect([...plan.values()].map((r) => r[0])).toEqual([1, 2, 3]);
    expect([...spread(plan).replicas.values()]).toEqual([2, 2, 2]);
  });

  it('moves replicas off a broker that is gone', () => {
    const plan = balancedPlan(assignment([4, 1], [4, 2]), brokers(1, 2, 3), 2);
    for (const list of plan.values()) expect(list).not.toContain(4);
    expect([...plan.values()].every((list) => list.length === 2)).toBe(true);
  });

  it('puts a partition’s replicas on different racks when racks are set', () => {
    const racked = [
      { id: 1, rack: 'a' },
      { id: 2, rack: 'a' },
      { id: 3, rack: 'b' },
      { id: 4, rack: 'b' },
    ];
    const plan = balancedPlan(assignment([1], [2], [3], [4]), racked, 2);
    const rack = new Map(racked.map((b) => [b.id, b.rack]));
    for (const list of plan.values()) expect(new Set(list.map((id) => rack.get(id))).size).toBe(2);
  });
});

describe('planPartitions', () => {
  it('says what each partition gains and loses and the bytes that move', () => {
    const plan = planPartitions(args({ replicationFactor: 3 }), layout([1], [2]), brokers(1, 2, 3));
    expect(plan[0]).toMatchObject({ partition: 0, current: [1], removing: [], moveBytes: 2000 });
    expect([...plan[0].adding].sort()).toEqual([2, 3]);
    expect(brokersInvolved(plan)).toEqual([1, 2, 3]);
  });

  it('keeps partitions an edited plan leaves out', () => {
    const plan = planPartitions(args({ partitions: { '1': [3, 2] } }), layout([1, 2], [2, 1]), brokers(1, 2, 3));
    expect(plan.map((p) => p.target)).toEqual([
      [1, 2],
      [3, 2],
    ]);
    expect(plan[1]).toMatchObject({ adding: [3], removing: [1], moveBytes: 1000 });
    expect(throttledReplicas(plan)).toEqual({ leader: '1:2,1:1', follower: '1:3' });
  });

  it('refuses a replication factor above the live brokers, naming the field', () => {
    expect(issueOf(() => planPartitions(args({ replicationFactor: 4 }), layout([1]), brokers(1, 2, 3)))).toMatchObject({
      code: 'invalid-argument',
      path: ['replicationFactor'],
      message: 'is 4 but the cluster has 3 live brokers',
    });
  });

  it('refuses a broker that does not exist, a broker named twice, a partition the topic lacks', () => {
    const refuse = (partitions: object) => issueOf(() => planPartitions(args({ partitions }), layout([1], [2]), brokers(1, 2, 3)));
    expect(refuse({ '0': [1, 9] })).toMatchObject({ path: ['partitions', '0'], message: expect.stringContaining('broker 9 does not exist') as string });
    expect(refuse({ '1': [2, 2] })).toMatchObject({ path: ['partitions', '1'], message: 'broker 2 is named twice' });
    expect(refuse({ '5': [1] })).toMatchObject({ path: ['partitions', '5'], message: expect.stringContaining('no partition 5') as string });
  });

  it('refuses a mixed replication factor unless allowed', () => {
    const mixed = { partitions: { '0': [1, 2] } };
    expect(issueOf(() => planPartitions(args(mixed), layout([1], [2]), brokers(1, 2, 3)))).toMatchObject({
      path: ['partitions', '0'],
      message: expect.stringContaining('different replication factors (1, 2)') as string,
    });
    expect(planPartitions(args({ ...mixed, allowMixedReplicationFactor: true }), layout([1], [2]), brokers(1, 2, 3))[0].target).toEqual([1, 2]);
  });
});

describe('ReassignArgs', () => {
  const issues = (input: object) => ReassignArgs.safeParse({ topic: 'orders', ...input }).error?.issues.map((i) => [i.path.join('.'), i.message]);
  it('asks for either a replication factor or partitions, and non-empty replica lists', () => {
    expect(issues({})).toEqual([['replicationFactor', 'give either replicationFactor (a generated plan) or partitions (an edited plan)']]);
    expect(issues({ replicationFactor: 2, partitions: { '0': [1] } })?.[0][0]).toBe('replicationFactor');
    expect(issues({ partitions: { '0': [] } })).toEqual([['partitions.0', 'needs at least one broker']]);
    expect(issues({ replicationFactor: 2, throttleBytesPerSec: 10 })).toEqual([['throttleBytesPerSec', 'must be at least 1024 bytes per second']]);
  });
});

describe('bytesToGo', () => {
  it('is the leader’s size minus each new replica’s, never below zero; unknown without the leader’s size', () => {
    expect(
      bytesToGo(
        [2, 3],
        1,
        new Map([
          [1, 1000],
          [2, 400],
        ]),
      ),
    ).toBe(1600);
    expect(
      bytesToGo(
        [2],
        1,
        new Map([
          [1, 1000],
          [2, 1200],
        ]),
      ),
    ).toBe(0);
    expect(bytesToGo([2], 1, undefined)).toBeNull();
  });
});
