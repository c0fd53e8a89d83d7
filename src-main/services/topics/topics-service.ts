import { invalidField, StreamdeskError } from '@shared/errors';
import { collidingTopic } from '@shared/topic-configs';
import type { z } from 'zod';
import type { AlterTopicConfigsArgs, CreateTopicArgs, PurgeRecordsArgs, PurgeRecordsResult, TopicDetail, TopicSummary } from '@shared/topics';
import { withKafkaAdmin } from '@main/clients/kafka/admin-session';
import { kafkaError } from '@main/clients/kafka/kafka-errors';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { alterTopicConfigs, listTopicOffsets, logDirSizes, withAdmin, type PartitionOffsets } from '@main/clients/kafka/platformatic-admin';
import { brokerSizes, isAddressed, leaderOffsets } from '@main/clients/kafka/partition-figures';
import type { Lane } from '@main/clients/kafka/kept-connections';
import { readClusterMetadata, type ClusterMetadata } from '@main/clients/kafka/cluster-metadata';
import { LIST_CONFIG_KEYS, readTopicConfigs, type TopicConfigsRead } from './topic-configs-reader';
import { isInternalTopic, partitionRows, summarize } from './topic-summary';
import { purgeRecords } from './record-purge';

type ParsedCreate = z.output<typeof CreateTopicArgs>;
type ParsedAlter = z.output<typeof AlterTopicConfigsArgs>;

const HOUR_MS = 3_600_000;

/** What a topic listing reads besides metadata: configs (retention, cleanup policy), offsets (message counts, sizes). */
interface TopicFigures {
  configs: boolean;
  offsets: boolean;
}
const EVERY_FIGURE: TopicFigures = { configs: true, offsets: true };

/** Topics as the console manages them: list, detail, create, configs, partitions, delete. */
export class TopicsService {
  constructor(private readonly target: () => KafkaTarget) {}

  /**
   * Every topic's summary. Leaving out configs (retention, cleanup policy) and offsets (message
   * counts, sizes) answers far sooner on a large cluster, so a page can show rows first: 10,000
   * topics' metadata takes 0.1 s, their offsets 2 s and their configs 5 s (in ZooKeeper mode the
   * broker reads each topic's config from ZooKeeper).
   */
  async list(includeInternal = false, read: TopicFigures = EVERY_FIGURE, names?: string[]): Promise<TopicSummary[]> {
    const details = await this.load(names, includeInternal, read, { configKeys: LIST_CONFIG_KEYS, asRows: true });
    return details.map((detail) => detail.summary).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Summaries of those of `names` that exist, without reading every topic of the cluster. */
  async summariesOf(names: string[]): Promise<TopicSummary[]> {
    return (await this.load(names, true, EVERY_FIGURE, { asRows: true })).map((detail) => detail.summary);
  }

  async describe(name: string): Promise<TopicDetail> {
    const [detail] = await this.load([name], true);
    if (!detail) throw new StreamdeskError('not-found', `name: topic "${name}" does not exist`);
    return detail;
  }

  /** Purge (DeleteRecords): a preview with dryRun, else applied; the topic must exist. */
  async purge(args: z.output<typeof PurgeRecordsArgs>): Promise<PurgeRecordsResult> {
    const partitions = await withKafkaAdmin(this.target(), `read topic ${args.name}`, async (admin) => {
      if (!(await admin.listTopics()).includes(args.name)) throw new StreamdeskError('not-found', `name: topic "${args.name}" does not exist`);
      const { topics } = await admin.fetchTopicMetadata({ topics: [args.name] });
      return topics[0]?.partitions.length ?? 0;
    });
    return purgeRecords(this.target(), partitions, args);
  }

  async exists(name: string): Promise<boolean> {
    return withKafkaAdmin(this.target(), 'list topics', async (admin) => (await admin.listTopics()).includes(name));
  }

  async create(args: ParsedCreate): Promise<TopicDetail> {
    const target = this.target();
    await withKafkaAdmin(target, `create topic ${args.name}`, async (admin) => {
      const existing = await admin.listTopics();
      if (existing.includes(args.name)) throw invalidField(['name'], `topic "${args.name}" already exists`, 'conflict');
      const collision = collidingTopic(args.name, existing);
      if (collision)
        throw invalidField(['name'], `"${args.name}" collides with the existing topic "${collision}" (Kafka treats "." and "_" alike in metric names)`);
      const brokers = (await admin.describeCluster()).brokers.length;
      if (args.replicationFactor > brokers) {
        throw invalidField(['replicationFactor'], `${args.replicationFactor} is more than the ${brokers} broker${brokers === 1 ? '' : 's'} in the cluster`);
      }
      const topic = {
        topic: args.name,
        numPartitions: args.partitions,
        replicationFactor: args.replicationFactor,
        configEntries: Object.entries({
          ...args.configs,
          'retention.ms': args.retentionHours === null ? '-1' : String(Math.round(args.retentionHours * HOUR_MS)),
          'cleanup.policy': args.cleanupPolicy,
        }).map(([name, value]) => ({ name, value })),
      };
      // The broker checks everything first; only then is the topic created, so nothing is half-made.
      await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [topic] });
      const created = await admin.createTopics({ waitForLeaders: true, topics: [topic] });
      if (!created) throw invalidField(['name'], `topic "${args.name}" already exists`, 'conflict');
    });
    return this.describeCreated(args.name);
  }

  /**
   * A cluster of several brokers learns of a new topic broker by broker: the one that answers the describe may not
   * know it yet for a moment after the controller made it, so look again briefly before saying it does not exist.
   */
  private async describeCreated(name: string, withinMs = 10_000): Promise<TopicDetail> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      try {
        return await this.describe(name);
      } catch (error) {
        if (!(error instanceof StreamdeskError && error.code === 'not-found') || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async alterConfigs(args: ParsedAlter): Promise<TopicDetail> {
    await this.describe(args.name);
    const target = this.target();
    try {
      await alterTopicConfigs(target, args.name, args.set, args.reset, true);
      await alterTopicConfigs(target, args.name, args.set, args.reset);
    } catch (error) {
      throw invalidField(['configs'], `the broker refused the change: ${(error as Error).message}`);
    }
    return this.describe(args.name);
  }

  async addPartitions(name: string, totalPartitions: number): Promise<TopicDetail> {
    const current = (await this.describe(name)).summary.partitions;
    if (totalPartitions <= current) {
      throw invalidField(['totalPartitions'], `must be more than the current ${current} (Kafka cannot remove partitions)`);
    }
    await withKafkaAdmin(this.target(), `add partitions to ${name}`, (admin) =>
      admin.createPartitions({ topicPartitions: [{ topic: name, count: totalPartitions }] }),
    );
    return this.describe(name);
  }

  async delete(name: string): Promise<void> {
    await withKafkaAdmin(this.target(), `delete topic ${name}`, async (admin) => {
      if (!(await admin.listTopics()).includes(name)) throw new StreamdeskError('not-found', `name: topic "${name}" does not exist`);
      await admin.deleteTopics({ topics: [name], timeout: 15_000 });
    });
  }

  /**
   * Metadata, configs, offsets and sizes of the named topics (all when `names` is undefined). Configs, offsets and sizes are asked for at once; what
   * cannot be had for a topic leaves its figure unknown (null) in that row instead of failing the list.
   */
  private async load(names: string[] | undefined, includeInternal: boolean, read: TopicFigures = EVERY_FIGURE, as: LoadAs = {}): Promise<TopicDetail[]> {
    const target = this.target();
    const metadata = await this.metadataOf(names);
    if (!metadata || (names && !as.asRows && metadata.topics.length === 0)) return [];
    const topics = metadata.topics.filter((topic) => includeInternal || !isInternalTopic(topic.name));
    const request = topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((partition) => partition.partitionId) }));
    const [configs, offsets, sizes] = await Promise.all([
      read.configs
        ? withAdmin(target, (admin) =>
            readTopicConfigs(
              admin,
              request.map((topic) => topic.name),
              as.configKeys,
            ),
          ).catch((error: unknown): TopicConfigsRead => ({ configs: new Map(), failed: new Map(request.map((topic) => [topic.name, error])) }))
        : noConfigs(),
      read.offsets ? this.offsets(metadata, topics, request, as.asRows ? 'background' : 'foreground').catch(() => null) : null,
      read.offsets ? this.sizes(metadata, topics, request, as.asRows ? 'background' : 'foreground').catch(() => null) : null,
    ]);
    // Nothing at all, or the one topic asked for: that is an error to show, not a row of dashes.
    const [firstFailure] = configs.failed.values();
    if (names && !as.asRows && isUnknownTopic(firstFailure)) return []; // deleted while we read it
    if (configs.failed.size > 0 && ((names && !as.asRows) || configs.configs.size === 0)) throw kafkaError(firstFailure, 'read topic configs');
    return topics.map((topic) => {
      const rows = partitionRows(topic.partitions, metadata.brokers, offsets?.get(topic.name), sizes?.get(topic.name));
      const entries = configs.configs.get(topic.name) ?? [];
      return { summary: summarize(topic.name, rows, entries, offsets !== null, sizes !== null), partitions: rows, configs: entries };
    });
  }

  /** Offsets from the leaders the metadata names, over kept connections (an Admin's own lookups without addresses). */
  private offsets(
    metadata: ClusterMetadata,
    topics: ClusterMetadata['topics'],
    request: TopicPartitions,
    lane: Lane,
  ): Promise<Map<string, Map<number, PartitionOffsets>>> {
    return isAddressed(metadata) ? leaderOffsets(this.target(), lane, { ...metadata, topics }) : listTopicOffsets(this.target(), request);
  }

  /** Sizes from every live broker the metadata names, over kept connections (an Admin's own lookups without addresses). */
  private sizes(metadata: ClusterMetadata, topics: ClusterMetadata['topics'], request: TopicPartitions, lane: Lane): Promise<Map<string, Map<number, number>>> {
    return isAddressed(metadata) ? brokerSizes(this.target(), lane, { ...metadata, topics }) : logDirSizes(this.target(), request);
  }

  /** The topics' metadata (those of `names` that exist) and the live brokers, in one request where the broker offers it. */
  private async metadataOf(names: string[] | undefined): Promise<ClusterMetadata | null> {
    const target = this.target();
    const read = await readClusterMetadata(target, names).catch((error: unknown) => {
      throw kafkaError(error, 'read topics');
    });
    if (read) return read;
    return withKafkaAdmin(target, 'read topics', async (admin) => {
      const present = names ? new Set(await admin.listTopics()) : null;
      const wanted = names?.filter((name) => present?.has(name));
      if (wanted?.length === 0) return { brokers: new Set<number>(), topics: [] };
      const [metadata, cluster] = await Promise.all([admin.fetchTopicMetadata(wanted ? { topics: wanted } : undefined), admin.describeCluster()]);
      return { brokers: new Set(cluster.brokers.map((broker) => broker.nodeId)), topics: metadata.topics };
    });
  }
}

/**
 * How a load is used: `asRows` for list rows (a missing or failed topic leaves the others' rows; read on the background
 * lane, a topic's own page on the foreground one), `configKeys` to read only those.
 */
interface LoadAs {
  asRows?: boolean;
  configKeys?: string[];
}

type TopicPartitions = { name: string; partitions: number[] }[];

/** The configs when none are asked for: none, and nothing failed. */
function noConfigs(): TopicConfigsRead {
  return { configs: new Map(), failed: new Map() };
}

function isUnknownTopic(error: unknown): boolean {
  const { message, type } = (error ?? {}) as { message?: string; type?: string };
  return type === 'UNKNOWN_TOPIC_OR_PARTITION' || /UNKNOWN_TOPIC|does not host this topic/i.test(String(message));
}
