// Many groups' descriptions in a few requests: one FindCoordinator (v4, KIP-699: many keys a request) for a whole slice,
// then one DescribeGroups per coordinator, over kept connections. kafkajs asks FindCoordinator group by group (500 round
// trips a slice); @platformatic/kafka's Admin batches, but decodes every member as the consumer protocol and, on a group
// of another protocol (a Connect worker's group: protocol type "connect"), throws inside its socket callback, which ends
// the process. Its raw APIs read members as bytes: this module decodes nothing, the caller decodes what it knows.
import type { Connection, describeGroupsV5, findCoordinatorV4 } from '@platformatic/kafka';
import { platformaticKafka } from './platformatic';
import { answerDespiteErrors } from './cluster-metadata';
import type { GroupState } from './group-offsets';
import { withKeptConnections, type KeptConnections, type Lane } from './kept-connections';
import type { KafkaTarget } from './kafka-target';
import { mapConcurrently, slicesOf } from './slices';

/** FindCoordinator's key type of a consumer group (1: a transactional id). */
const GROUP_KEY = 0;
/** Groups per DescribeGroups: a few hundred groups of a few members each answer in one small response. */
const GROUPS_PER_REQUEST = 500;
const REQUESTS_AT_ONCE = 3;

interface RawGroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** As the group's protocol encodes it: the consumer protocol's assignment, or a Connect worker's, or anything else. */
  memberAssignment: Buffer | null;
  /** What the member joined with, as its protocol encodes it (a Connect worker's: its REST URL). */
  memberMetadata: Buffer | null;
}

export interface RawGroupDescription {
  groupId: string;
  state: GroupState;
  protocolType: string;
  members: RawGroupMember[];
  /** The broker's error code for this group (0: described); a coordinator still loading answers one. */
  errorCode: number;
}

const STATES: ReadonlySet<string> = new Set(['Stable', 'Empty', 'Dead', 'PreparingRebalance', 'CompletingRebalance']);
/** GROUP_ID_NOT_FOUND: Kafka 4's group coordinator says so of a group that does not exist (the older one answers Dead). */
const GROUP_ID_NOT_FOUND = 69;

/** The descriptions of the groups, in the order asked; a group that does not exist is Dead with no members, as Kafka says. */
export async function describeGroups(target: KafkaTarget, groupIds: string[], lane: Lane): Promise<RawGroupDescription[]> {
  if (groupIds.length === 0) return [];
  return withKeptConnections(target, lane, async (connections) => {
    const coordinators = await findCoordinators(connections, groupIds);
    const described = new Map<string, RawGroupDescription>();
    const requests = [...coordinators].flatMap(([address, ids]) => slicesOf(ids, GROUPS_PER_REQUEST).map((slice) => ({ address, slice })));
    await mapConcurrently(requests, REQUESTS_AT_ONCE, async ({ address, slice }) => {
      const connection = await connections.to(address.host, address.port);
      for (const group of await describeOn(connection, slice)) described.set(group.groupId, group);
    });
    return groupIds.map((groupId) => described.get(groupId) ?? unknownGroup(groupId, coordinators.failed.get(groupId) ?? -1));
  });
}

type Coordinators = Map<{ host: string; port: number }, string[]> & { failed: Map<string, number> };

/** Each group's coordinator (the broker that owns its slot of __consumer_offsets), in one request per slice of groups. */
async function findCoordinators(connections: KeptConnections, groupIds: string[]): Promise<Coordinators> {
  const byAddress = new Map<string, { address: { host: string; port: number }; ids: string[] }>();
  const failed = new Map<string, number>();
  const connection = await connections.any();
  for (const slice of slicesOf(groupIds, GROUPS_PER_REQUEST * 2)) {
    const answer = await platformaticKafka()
      .findCoordinatorV4.api.async(connection, GROUP_KEY, slice)
      .catch(answerDespiteErrors<Awaited<ReturnType<typeof findCoordinatorV4.api.async>>>);
    for (const coordinator of answer.coordinators) {
      if (coordinator.errorCode !== 0) {
        failed.set(coordinator.key, coordinator.errorCode);
        continue;
      }
      const key = `${coordinator.host}:${coordinator.port}`;
      const entry = byAddress.get(key) ?? { address: { host: coordinator.host, port: coordinator.port }, ids: [] };
      entry.ids.push(coordinator.key);
      byAddress.set(key, entry);
    }
  }
  return Object.assign(new Map([...byAddress.values()].map(({ address, ids }) => [address, ids])), { failed });
}

async function describeOn(connection: Connection, groupIds: string[]): Promise<RawGroupDescription[]> {
  const answer = await platformaticKafka()
    .describeGroupsV5.api.async(connection, groupIds, false)
    .catch(answerDespiteErrors<Awaited<ReturnType<typeof describeGroupsV5.api.async>>>);
  return answer.groups.map((group) => ({
    groupId: group.groupId,
    state: group.errorCode === GROUP_ID_NOT_FOUND ? 'Dead' : STATES.has(group.groupState) ? (group.groupState as GroupState) : 'Unknown',
    protocolType: group.protocolType,
    errorCode: group.errorCode === GROUP_ID_NOT_FOUND ? 0 : group.errorCode,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      memberAssignment: member.memberAssignment ?? null,
      memberMetadata: member.memberMetadata ?? null,
    })),
  }));
}

function unknownGroup(groupId: string, errorCode: number): RawGroupDescription {
  return { groupId, state: 'Unknown', protocolType: '', members: [], errorCode };
}
