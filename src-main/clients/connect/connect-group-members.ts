// The live workers of Connect clusters, from their Kafka groups: every worker is a member of its cluster's group
// (protocol type "connect") and its member metadata names its advertised REST URL. Connect's REST API has no list of
// workers, and a dead worker's tasks keep their last state in the status topic for minutes: the group is what knows.
import type { Admin } from 'kafkajs';
import { withKafkaAdmin } from '@main/clients/kafka/admin-session';
import { describeGroups, type RawGroupDescription } from '@main/clients/kafka/group-descriptions';
import { listGroups } from '@main/clients/kafka/group-offsets';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';

export interface ConnectGroup {
  groupId: string;
  /** Worker ids as Connect's statuses name them (`host:port` of the advertised REST URL), sorted. */
  workers: string[];
}

/** ConnectProtocol's WorkerState (all versions start alike): version int16, url string (int16 length), config offset int64. */
export function workerIdOfMetadata(metadata: Buffer): string | null {
  if (metadata.length < 4) return null;
  const length = metadata.readInt16BE(2);
  if (length < 0 || metadata.length < 4 + length) return null;
  const url = metadata.subarray(4, 4 + length).toString('utf8');
  try {
    const parsed = new URL(url);
    return parsed.host;
  } catch {
    return null;
  }
}

/** The members' worker ids, sorted; a member whose metadata names no URL is left out. */
function workerIdsOf(metadatas: (Buffer | null)[]): string[] {
  return metadatas
    .map((metadata) => (metadata ? workerIdOfMetadata(metadata) : null))
    .filter((worker): worker is string => worker !== null)
    .sort();
}

async function connectGroups(admin: Admin): Promise<ConnectGroup[]> {
  const { groups } = await admin.listGroups();
  const ids = groups.filter((g) => g.protocolType === 'connect').map((g) => g.groupId);
  if (ids.length === 0) return [];
  const { groups: described } = await admin.describeGroups(ids);
  return described.map((g) => ({
    groupId: g.groupId,
    workers: workerIdsOf(g.members.map((m) => m.memberMetadata)),
  }));
}

export function readConnectGroups(target: KafkaTarget): Promise<ConnectGroup[]> {
  return withKafkaAdmin(target, 'read the Connect groups', connectGroups);
}

/** How long a listing of every group names the Connect groups; while it names none, a shorter while (a cluster starting). */
const RELIST_MS = 60_000;
const RELIST_WHILE_NONE_MS = 15_000;

/**
 * The health poll's reading of the Connect groups, every round. Which groups are Connect's comes from a listing of every
 * group (ListGroups on each broker), done again only every minute, or as soon as a known group is gone; each round
 * describes just those groups (one FindCoordinator, one DescribeGroups) over kept connections. kafkajs' listGroups
 * reads every topic's metadata first (it cannot ask for none): at 10,000 topics and 5,001 groups that and the
 * listing every 3 s were most of what an idle console cost the brokers.
 */
export class ConnectGroupsReader {
  private known: { key: string; groupIds: string[]; listedAt: number } | null = null;

  constructor(
    private readonly list: (target: KafkaTarget) => Promise<{ groupId: string; protocolType: string }[]> = listGroups,
    private readonly describe: (target: KafkaTarget, groupIds: string[]) => Promise<RawGroupDescription[]> = (target, ids) =>
      describeGroups(target, ids, 'health'),
    private readonly now: () => number = Date.now,
  ) {}

  async read(target: KafkaTarget): Promise<ConnectGroup[]> {
    try {
      const groupIds = await this.connectGroupIds(target);
      if (groupIds.length === 0) return [];
      // a group its coordinator could not describe now (loading, moving) is left out of this round
      const described = (await this.describe(target, groupIds)).filter((group) => group.errorCode === 0);
      const live = described.filter((group) => group.state !== 'Dead' && group.protocolType === 'connect');
      // a group gone (or another protocol's now): the listing is out of date
      if (live.length < described.length) this.known = null;
      return live.map((group) => ({
        groupId: group.groupId,
        workers: workerIdsOf(group.members.map((member) => member.memberMetadata)),
      }));
    } catch (error) {
      this.known = null;
      throw kafkaError(error, 'read the Connect groups');
    }
  }

  private async connectGroupIds(target: KafkaTarget): Promise<string[]> {
    const key = JSON.stringify(target);
    const known = this.known;
    if (known && known.key === key && this.now() - known.listedAt < (known.groupIds.length > 0 ? RELIST_MS : RELIST_WHILE_NONE_MS)) return known.groupIds;
    const listedAt = this.now();
    const groupIds = (await this.list(target)).filter((group) => group.protocolType === 'connect').map((group) => group.groupId);
    this.known = { key, groupIds, listedAt };
    return groupIds;
  }

  close(): void {
    this.known = null;
  }
}

/** A Connect cluster's group: the one with the worker its URL points at, else the one holding the workers its statuses name. */
export function groupOfCluster(groups: ConnectGroup[], url: string, named: string[]): ConnectGroup | null {
  let host: string | null = null;
  try {
    host = new URL(url).host;
  } catch {
    /* not a URL: matched by the named workers only */
  }
  return groups.find((g) => host !== null && g.workers.includes(host)) ?? groups.find((g) => named.some((w) => g.workers.includes(w))) ?? null;
}
