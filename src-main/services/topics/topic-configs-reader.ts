import type { Admin, ConfigDescription } from '@platformatic/kafka';
import type { TopicConfigEntry } from '@shared/topics';
import { requestIsolating } from '@main/clients/kafka/isolating';
import { mapConcurrently, slicesOf } from '@main/clients/kafka/slices';
import { platformaticKafka } from '@main/clients/kafka/platformatic';

/** The configs a row of the topic list shows; the detail page reads every config of its topic. */
export const LIST_CONFIG_KEYS = ['retention.ms', 'cleanup.policy'];

/**
 * Topics per DescribeConfigs request. In ZooKeeper mode the broker reads every topic's config node
 * in turn (about 0.4 ms a topic on a quiet 2-core machine), whatever the keys: 1,000 topics answer
 * in well under a second, far inside the request timeout. With every key the answer is ~36 entries
 * a topic, hence smaller slices.
 */
const TOPICS_PER_REQUEST = { someKeys: 1000, everyKey: 250 };
/** Requests in flight at once: two keep a broker's two cores busy without queueing the rest behind them. */
const REQUESTS_AT_ONCE = 2;
/** Extra requests spent finding the topics at fault in a failed slice (a handful of deleted topics). */
const ISOLATION_REQUESTS = 64;

export interface TopicConfigsRead {
  configs: Map<string, TopicConfigEntry[]>;
  /** Topics whose configs could not be had (deleted meanwhile, not authorised, timed out), with the reason. */
  failed: Map<string, unknown>;
}

/**
 * The configs of many topics (only `keys` when given), in slices with bounded concurrency. Never
 * throws for a topic: what cannot be had is in `failed`, so the caller can mark just those rows.
 */
export async function readTopicConfigs(admin: Admin, names: string[], keys?: string[]): Promise<TopicConfigsRead> {
  const read: TopicConfigsRead = { configs: new Map(), failed: new Map() };
  const budget = { requests: ISOLATION_REQUESTS };
  // @platformatic/kafka, not kafkajs: kafkajs reads the whole cluster's metadata before each DescribeConfigs
  // (0.4 s a request with 10,000 topics, for an answer the broker gives in 10 ms)
  const { ConfigResourceTypes } = platformaticKafka();
  const describe = (slice: string[]) =>
    admin.describeConfigs({
      includeSynonyms: false,
      resources: slice.map((name) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: name, ...(keys ? { configurationKeys: keys } : {}) })),
    });
  const slices = slicesOf(names, keys ? TOPICS_PER_REQUEST.someKeys : TOPICS_PER_REQUEST.everyKey);
  await mapConcurrently(slices, REQUESTS_AT_ONCE, async (slice) => {
    const { results, failed } = await requestIsolating(slice, describe, isAboutATopic, budget);
    for (const resource of results) read.configs.set(resource.resourceName, configEntries(resource));
    for (const [name, error] of failed) read.failed.set(name, error);
  });
  return read;
}

/** The broker answered with an error code for a topic (somewhere in what @platformatic/kafka throws): halving finds which. */
function isAboutATopic(error: unknown): boolean {
  if (error instanceof platformaticKafka().ResponseError) return true;
  const inner = (error as { errors?: unknown[] } | null)?.errors;
  return Array.isArray(inner) && inner.some(isAboutATopic);
}

function configEntries(resource: ConfigDescription): TopicConfigEntry[] {
  return resource.configs
    .map((entry) => {
      const source = configSource(entry.configSource);
      return {
        name: entry.name,
        value: entry.isSensitive ? null : (entry.value ?? null),
        source,
        isDefault: source !== 'topic',
        readOnly: entry.readOnly,
        sensitive: entry.isSensitive,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** DescribeConfigs' ConfigSource: 1 is a topic override; 2-4 and 6 come from the broker; 5 is Kafka's default. */
function configSource(code: number): 'topic' | 'broker' | 'default' {
  if (code === 1) return 'topic';
  if (code === 5) return 'default';
  return 'broker';
}
