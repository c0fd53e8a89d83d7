// The health poll's Connect groups: which groups are Connect's is listed once a minute (every group of the cluster,
// on every broker), each round describes only those. The member metadata is a real worker's, recorded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConnectGroupsReader } from '@main/clients/connect/connect-group-members';
import type { RawGroupDescription } from '@main/clients/kafka/group-descriptions';

const recorded = (
  JSON.parse(readFileSync(new URL('fixtures/connect-group.json', import.meta.url), 'utf8')) as {
    groups: { groupId: string; members: { memberMetadata: string }[] }[];
  }
).groups[0];
const workerMetadata = Buffer.from(recorded.members[0].memberMetadata, 'base64');

const target = { brokers: ['127.0.0.1:9092'] };
const listing = [
  { groupId: recorded.groupId, protocolType: 'connect' },
  ...Array.from({ length: 5000 }, (_, i) => ({ groupId: `bench-${i}`, protocolType: 'consumer' })),
];

function connectGroup(state: RawGroupDescription['state'] = 'Stable'): RawGroupDescription {
  return {
    groupId: recorded.groupId,
    state,
    protocolType: state === 'Dead' ? '' : 'connect',
    errorCode: 0,
    members:
      state === 'Dead' ? [] : [{ memberId: 'm1', clientId: 'connect-1', clientHost: '/127.0.0.1', memberAssignment: null, memberMetadata: workerMetadata }],
  };
}

function reader(describeAnswer: () => RawGroupDescription[]) {
  let clock = 0;
  const calls = { listed: 0, described: [] as string[][] };
  const groups = new ConnectGroupsReader(
    () => {
      calls.listed++;
      return Promise.resolve(listing);
    },
    (_target, ids) => {
      calls.described.push(ids);
      return Promise.resolve(describeAnswer());
    },
    () => clock,
  );
  return { groups, calls, advance: (ms: number) => (clock += ms) };
}

describe('the Connect groups of the health poll', () => {
  it('lists every group once a minute and describes only the Connect ones each round', async () => {
    const { groups, calls, advance } = reader(() => [connectGroup()]);
    for (let round = 0; round < 20; round++) {
      expect(await groups.read(target)).toEqual([{ groupId: recorded.groupId, workers: ['127.0.0.1:18084'] }]);
      advance(3000);
    }
    expect(calls.listed).toBe(1); // 20 rounds of 3 s: one listing
    expect(calls.described).toHaveLength(20);
    expect(calls.described.every((ids) => ids.length === 1 && ids[0] === recorded.groupId)).toBe(true);
    advance(1000); // a minute since the listing
    await groups.read(target);
    expect(calls.listed).toBe(2);
  });

  it('lists again at the next round when a Connect group is gone, and for another target at once', async () => {
    let state: RawGroupDescription['state'] = 'Stable';
    const { groups, calls } = reader(() => [connectGroup(state)]);
    await groups.read(target);
    state = 'Dead';
    expect(await groups.read(target)).toEqual([]);
    expect(calls.listed).toBe(1);
    await groups.read(target);
    expect(calls.listed).toBe(2);
    await groups.read({ brokers: ['10.0.0.9:9092'] });
    expect(calls.listed).toBe(3);
  });

  it('leaves out a group its coordinator cannot describe now, without listing again', async () => {
    const { groups, calls } = reader(() => [{ ...connectGroup(), state: 'Unknown', protocolType: '', members: [], errorCode: 14 }]);
    expect(await groups.read(target)).toEqual([]);
    await groups.read(target);
    expect(calls.listed).toBe(1);
  });
});
