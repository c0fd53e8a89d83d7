// The live workers of Connect clusters, from their Kafka groups: every worker is a member of its cluster's group
// (protocol type "connect") and its member metadata names its advertised REST URL. Connect's REST API has no list of
// workers, and a dead worker's tasks keep their last state in the status topic for minutes: the group is what knows.
import type { Admin } from 'kafkajs';
import { withKafkaAdmin } from '@main/clients/kafka/admin-session';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';

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

async function connectGroups(admin: Admin): Promise<ConnectGroup[]> {
  const { groups } = await admin.listGroups();
  const ids = groups.filter((g) => g.protocolType === 'connect').map((g) => g.groupId);
  if (ids.length === 0) return [];
  const { groups: described } = await admin.describeGroups(ids);
  return described.map((g) => ({
    groupId: g.groupId,
    workers: g.members
      .map((m) => workerIdOfMetadata(m.memberMetadata))
      .filter((w): w is string => w !== null)
      .sort(),
  }));
}

export function readConnectGroups(target: KafkaTarget): Promise<ConnectGroup[]> {
  return withKafkaAdmin(target, 'read the Connect groups', connectGroups);
}

/**
 * The health poll's reading of the Connect groups, over one kept kafkajs admin. kafkajs reads every topic's metadata
 * when an admin connects (it cannot ask for none): a fresh admin each round had a 10,000-topic broker answer that every
 * 3 s. The kept one reads it again only when its metadata is 5 minutes old; it is dropped after any failure and when
 * the target changes (another profile).
 */
export class ConnectGroupsReader {
  private kept: { key: string; admin: Admin; connected: Promise<void> } | null = null;

  async read(target: KafkaTarget): Promise<ConnectGroup[]> {
    const key = JSON.stringify(target);
    if (this.kept?.key !== key) {
      this.close();
      const admin = kafkaClient(target, { clientId: 'streamdesk-health', retries: 0 }).admin();
      this.kept = { key, admin, connected: admin.connect() };
    }
    const kept = this.kept;
    try {
      await kept.connected;
      return await connectGroups(kept.admin);
    } catch (error) {
      if (this.kept === kept) this.close();
      throw kafkaError(error, 'read the Connect groups');
    }
  }

  close(): void {
    const admin = this.kept?.admin;
    this.kept = null;
    void admin?.disconnect().catch(() => {});
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
