import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { DeleteGroupArgs, ResetOffsetsArgs } from '@shared/consumers';
import { decodeMembers, partitionLags, resetOffset } from '@main/services/consumers/consumer-groups-service';

const offsets = { start: 5, end: 20 };

describe('consumer group arithmetic', () => {
  it('computes the new offset of a reset, clamped into the log', () => {
    expect(resetOffset({ kind: 'earliest' }, offsets, undefined)).toBe(5);
    expect(resetOffset({ kind: 'latest' }, offsets, undefined)).toBe(20);
    expect(resetOffset({ kind: 'offset', offset: 2 }, offsets, undefined)).toBe(5);
    expect(resetOffset({ kind: 'offset', offset: 12 }, offsets, undefined)).toBe(12);
    expect(resetOffset({ kind: 'offset', offset: 99 }, offsets, undefined)).toBe(20);
    expect(resetOffset({ kind: 'timestamp', ms: 1 }, offsets, 9)).toBe(9);
    expect(resetOffset({ kind: 'timestamp', ms: 1 }, offsets, -1)).toBe(20);
  });

  it('computes lag per partition: end − committed, null without a commit, owners from assignments', () => {
    const members = [{ memberId: 'm1', clientId: 'c1', host: '/10.0.0.1', assignment: [{ topic: 't', partitions: [1] }] }];
    const rows = partitionLags(
      new Map([
        [
          't',
          new Map([
            [0, 18],
            [1, null],
          ]),
        ],
      ]),
      new Map([
        [
          't',
          new Map([
            [0, offsets],
            [1, offsets],
            [2, { start: 0, end: 3 }],
          ]),
        ],
      ]),
      members,
    );
    expect(rows.map((row) => [row.partition, row.committed, row.end, row.lag, row.memberId])).toEqual([
      [0, 18, 20, 2, null],
      [1, null, 20, null, 'm1'],
      [2, null, 3, null, null],
    ]);
  });

  it('decodes consumer-protocol assignments and tolerates foreign formats', () => {
    const assignment = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { orders: [2, 0] }, userData: Buffer.alloc(0) });
    const group: GroupDescription = {
      groupId: 'g',
      protocol: 'range',
      protocolType: 'consumer',
      state: 'Stable',
      members: [
        { memberId: 'a', clientId: 'ca', clientHost: 'h', memberAssignment: assignment, memberMetadata: Buffer.alloc(0) },
        { memberId: 'b', clientId: 'cb', clientHost: 'h', memberAssignment: Buffer.from([1, 2, 3]), memberMetadata: Buffer.alloc(0) },
      ],
    };
    expect(decodeMembers(group)).toEqual([
      { memberId: 'a', clientId: 'ca', host: 'h', assignment: [{ topic: 'orders', partitions: [0, 2] }] },
      { memberId: 'b', clientId: 'cb', host: 'h', assignment: [] },
    ]);
  });

  it('validates reset and delete arguments at the edge', () => {
    expect(ResetOffsetsArgs.safeParse({ groupId: 'g', to: { kind: 'offset', offset: -1 }, dryRun: true }).success).toBe(false);
    expect(ResetOffsetsArgs.safeParse({ groupId: '', to: { kind: 'earliest' }, dryRun: true }).success).toBe(false);
    expect(DeleteGroupArgs.safeParse({ groupId: 'g', confirm: 'G' }).success).toBe(false);
    expect(DeleteGroupArgs.safeParse({ groupId: 'g', confirm: 'g' }).success).toBe(true);
  });
});
