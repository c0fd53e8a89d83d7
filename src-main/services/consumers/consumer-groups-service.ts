import type { Admin, GroupDescription } from 'kafkajs';
import { kafkajs } from '@main/clients/kafka/kafkajs';
import type { z } from 'zod';
import type {
  ConsumerGroupDetail,
  ConsumerGroupListing,
  ConsumerGroupMember,
  ConsumerGroupSummary,
  DeleteGroupArgs,
  GroupPartitionLag,
  OffsetChange,
  ResetOffsetsArgs,
  ResetOffsetsResult,
  ResetTarget,
} from '@shared/consumers';
import { invalidField, StreamdeskError } from '@shared/errors';
import { withKafkaAdmin } from '@main/clients/kafka/admin-session';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { readClusterMetadata } from '@main/clients/kafka/cluster-metadata';
import { committedOffsets, listGroups } from '@main/clients/kafka/group-offsets';
import { isAddressed, leaderOffsets } from '@main/clients/kafka/partition-figures';
import type { Lane } from '@main/clients/kafka/kept-connections';
import { describeGroups, type RawGroupDescription } from '@main/clients/kafka/group-descriptions';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import { mapConcurrently, slicesOf } from '@main/clients/kafka/slices';
import { listTopicOffsets, type PartitionOffsets } from '@main/clients/kafka/platformatic-admin';

type Committed = Map<string, Map<number, number | null>>;

/** Groups whose summaries one read asks for when every group's are wanted. */
const SUMMARIES_PER_READ = 1000;

/** What decodeMembers reads of a group: kafkajs' description and the raw DescribeGroups' alike. */
type DescribedGroup = Pick<GroupDescription, 'protocolType'> & {
  members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer | null }[];
};

/** Member assignments, decoded when the group speaks the standard consumer protocol (a Connect worker's group: none). */
export function decodeMembers(group: DescribedGroup): ConsumerGroupMember[] {
  return group.members.map((member) => {
    let assignment: ConsumerGroupMember['assignment'] = [];
    if (group.protocolType === 'consumer' && member.memberAssignment?.length) {
      try {
        const decoded = kafkajs().AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        assignment = Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
      } catch {
        /* a client with its own assignment format: shown without assignment */
      }
    }
    return { memberId: member.memberId, clientId: member.clientId, host: member.clientHost, assignment };
  });
}

/** Lag per partition: end − committed, never negative; null without a committed offset. */
export function partitionLags(committed: Committed, ends: Map<string, Map<number, PartitionOffsets>>, members: ConsumerGroupMember[]): GroupPartitionLag[] {
  const owner = new Map<string, ConsumerGroupMember>();
  for (const member of members)
    for (const { topic, partitions } of member.assignment) for (const partition of partitions) owner.set(`${topic}/${partition}`, member);
  const rows: GroupPartitionLag[] = [];
  for (const [topic, partitions] of ends) {
    for (const [partition, offsets] of partitions) {
      const offset = committed.get(topic)?.get(partition) ?? null;
      const member = owner.get(`${topic}/${partition}`);
      rows.push({
        topic,
        partition,
        committed: offset,
        logStart: offsets.start,
        end: offsets.end,
        lag: offset === null ? null : Math.max(0, offsets.end - offset),
        memberId: member?.memberId ?? null,
        clientId: member?.clientId ?? null,
        host: member?.host ?? null,
      });
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** The new offset of a partition for a reset target, clamped into what the log holds. */
export function resetOffset(to: ResetTarget, offsets: PartitionOffsets, atTime: number | undefined): number {
  switch (to.kind) {
    case 'earliest':
      return offsets.start;
    case 'latest':
      return offsets.end;
    case 'timestamp':
      return atTime === undefined || atTime < 0 ? offsets.end : Math.min(Math.max(atTime, offsets.start), offsets.end);
    case 'offset':
      return Math.min(Math.max(to.offset, offsets.start), offsets.end);
  }
}

/**
 * Consumer groups through kafkajs' admin (listing, offsets, deletion) and @platformatic/kafka
 * (end offsets of many partitions in one request).
 */
export class ConsumerGroupsService {
  constructor(private readonly target: () => KafkaTarget) {}

  /** Every group's summary (members, topics, lag): its rows first, then the summaries a slice of groups at a time. */
  async list(): Promise<ConsumerGroupSummary[]> {
    const groupIds = (await this.listGroups()).map((group) => group.groupId);
    const slices = await mapConcurrently(slicesOf(groupIds, SUMMARIES_PER_READ), 1, (slice) => this.summaries(slice));
    return slices.flat().sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  /** Every group with its state, from ListGroups alone: 5,000 groups answer in a fraction of a second. */
  async listGroups(): Promise<ConsumerGroupListing[]> {
    const groups = await listGroups(this.target()).catch((error: unknown) => {
      throw kafkaError(error, 'list consumer groups');
    });
    return groups.sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  /**
   * The summaries of these groups: their descriptions, their committed offsets (many groups per OffsetFetch)
   * and the end offsets of what they committed (one ListOffsets per leader), so a page reads its rows on screen
   * first and never waits for every group's lag.
   */
  async summaries(groupIds: string[]): Promise<ConsumerGroupSummary[]> {
    const target = this.target();
    const [described, committed] = await Promise.all([
      // batched over kept connections, on the background lane: a group's detail is asked on the other one
      describeGroups(target, groupIds, 'background').catch((error: unknown) => {
        throw kafkaError(error, 'describe consumer groups');
      }),
      committedOffsets(target, groupIds).catch((error: unknown) => {
        throw kafkaError(error, 'read committed offsets');
      }),
    ]);
    const committedTopics = new Set([...committed.values()].flatMap((topics) => [...topics.keys()]));
    const ends = await this.ends([...committedTopics], false, 'background').catch((error: unknown) => {
      throw kafkaError(error, 'read end offsets');
    });
    return described.map((group) => {
      const offsets = committed.get(group.groupId) ?? new Map<string, Map<number, number | null>>();
      return this.summary(group, decodeMembers(group), partitionLags(offsets, this.only(ends, offsets), []));
    });
  }

  /** One group's members and lag per partition: on the foreground lane, never queued behind the background's slices. */
  async detail(groupId: string): Promise<ConsumerGroupDetail> {
    const [group, committed] = await Promise.all([this.describeOne(groupId, 'foreground'), this.committed(groupId)]);
    const members = decodeMembers(group);
    const topics = new Set([...committed.keys(), ...members.flatMap((member) => member.assignment.map((entry) => entry.topic))]);
    const ends = await this.ends([...topics], false, 'foreground').catch((error: unknown) => {
      throw kafkaError(error, `read the end offsets of ${groupId}`);
    });
    const partitions = partitionLags(committed, ends, members);
    return { summary: this.summary(group, members, partitions), members, partitions };
  }

  /**
   * Computes every partition's current → new offset; with `dryRun: false` also commits them,
   * which Kafka allows only while the group has no members (state Empty, or a group that does
   * not exist yet).
   */
  async resetOffsets(args: z.output<typeof ResetOffsetsArgs>): Promise<ResetOffsetsResult> {
    return withKafkaAdmin(this.target(), `reset offsets of ${args.groupId}`, async (admin) => {
      const group = await this.describe(admin, args.groupId);
      const committed = await this.committed(args.groupId);
      const topics = args.topics ?? [...committed.keys()];
      if (topics.length === 0) throw invalidField(['topics'], `group "${args.groupId}" has no committed offsets; name the topics to set`);
      const ends = await this.ends(topics, true, 'foreground');
      const changes: OffsetChange[] = [];
      for (const topic of topics) {
        const atTime = new Map<number, number>();
        if (args.to.kind === 'timestamp') {
          for (const entry of await admin.fetchTopicOffsetsByTimestamp(topic, args.to.ms)) atTime.set(entry.partition, Number(entry.offset));
        }
        for (const [partition, offsets] of ends.get(topic) ?? []) {
          changes.push({ topic, partition, current: committed.get(topic)?.get(partition) ?? null, next: resetOffset(args.to, offsets, atTime.get(partition)) });
        }
      }
      changes.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
      if (args.dryRun) return { groupId: args.groupId, applied: false, changes };
      if (group.state !== 'Empty' && group.state !== 'Dead') {
        throw new StreamdeskError(
          'conflict',
          `group: "${args.groupId}" is ${group.state} with ${group.members.length} member(s); stop its consumers first — offsets can only be reset while the group is Empty`,
        );
      }
      for (const topic of topics) {
        const partitions = changes.filter((change) => change.topic === topic).map((change) => ({ partition: change.partition, offset: String(change.next) }));
        await admin.setOffsets({ groupId: args.groupId, topic, partitions });
      }
      return { groupId: args.groupId, applied: true, changes };
    });
  }

  async delete(args: z.output<typeof DeleteGroupArgs>): Promise<void> {
    if (args.confirm !== args.groupId) throw invalidField(['confirm'], 'type the group id exactly to confirm');
    await withKafkaAdmin(this.target(), `delete consumer group ${args.groupId}`, async (admin) => {
      const group = await this.describe(admin, args.groupId);
      if (group.state === 'Dead') throw new StreamdeskError('not-found', `group: "${args.groupId}" does not exist`);
      if (group.state !== 'Empty')
        throw invalidField(
          ['group'],
          `"${args.groupId}" is ${group.state} with ${group.members.length} member(s); only an Empty group can be deleted`,
          'conflict',
        );
      await admin.deleteGroups([args.groupId]);
    });
  }

  private async describe(admin: Admin, groupId: string): Promise<GroupDescription> {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0] ?? { groupId, members: [], protocol: '', protocolType: '', state: 'Dead' };
  }

  /** One group's description (raw DescribeGroups: any protocol); a broker's error about it fails the call, naming it. */
  private async describeOne(groupId: string, lane: Lane): Promise<RawGroupDescription> {
    const [group] = await describeGroups(this.target(), [groupId], lane).catch((error: unknown) => {
      throw kafkaError(error, `describe consumer group ${groupId}`);
    });
    if (group.errorCode !== 0) throw new StreamdeskError('unavailable', `group: "${groupId}" could not be described (Kafka error code ${group.errorCode})`);
    return group;
  }

  /** The group's committed offsets (@platformatic/kafka: kafkajs' fetchOffsets took seconds on a cluster of 10,000 topics). */
  private async committed(groupId: string): Promise<Committed> {
    const committed = await committedOffsets(this.target(), [groupId]).catch((error: unknown) => {
      throw kafkaError(error, `read the offsets of ${groupId}`);
    });
    return committed.get(groupId) ?? new Map();
  }

  /**
   * Start and end offsets of every partition of the topics (deleted topics are left out, or refused when `strict`):
   * the metadata of just these topics in one request, then each leader asked over the lane's kept connections.
   */
  private async ends(topics: string[], strict: boolean, lane: Lane): Promise<Map<string, Map<number, PartitionOffsets>>> {
    const unique = [...new Set(topics)];
    if (unique.length === 0) return new Map();
    const read = await readClusterMetadata(this.target(), unique);
    const metadata = read
      ? read.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((partition) => partition.partitionId) }))
      : await this.metadataOf(unique);
    const missing = unique.filter((topic) => !metadata.some((known) => known.name === topic));
    if (strict && missing.length) throw new StreamdeskError('not-found', `topics: ${missing.map((topic) => `"${topic}"`).join(', ')} do(es) not exist`);
    if (metadata.length === 0) return new Map();
    return read && isAddressed(read) ? leaderOffsets(this.target(), lane, read) : listTopicOffsets(this.target(), metadata);
  }

  /** The partitions of those of the topics that exist, through kafkajs (a broker before Kafka 3.1: no Metadata v12). */
  private async metadataOf(topics: string[]): Promise<{ name: string; partitions: number[] }[]> {
    return withKafkaAdmin(this.target(), 'read topic metadata', async (admin) => {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((topic) => existing.has(topic));
      if (present.length === 0) return [];
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present });
      return metadata.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((partition) => partition.partitionId) }));
    });
  }

  private only(ends: Map<string, Map<number, PartitionOffsets>>, committed: Committed): Map<string, Map<number, PartitionOffsets>> {
    return new Map([...ends].filter(([topic]) => committed.has(topic)));
  }

  private summary(
    group: Pick<GroupDescription, 'groupId' | 'state' | 'protocolType'>,
    members: ConsumerGroupMember[],
    partitions: GroupPartitionLag[],
  ): ConsumerGroupSummary {
    const lags = partitions.map((partition) => partition.lag).filter((lag): lag is number => lag !== null);
    const subscribed = members.flatMap((member) => member.assignment.map((entry) => entry.topic));
    return {
      groupId: group.groupId,
      state: group.state,
      protocolType: group.protocolType,
      members: members.length,
      topics: [...new Set([...subscribed, ...partitions.map((partition) => partition.topic)])].sort(),
      totalLag: lags.length ? lags.reduce((sum, lag) => sum + lag, 0) : null,
    };
  }
}
