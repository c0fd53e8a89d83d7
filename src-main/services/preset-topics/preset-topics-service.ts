import { StreamdeskError } from '@shared/errors';
import { PRESET_TOPICS, type ApplyPresetTopicsResult, type PresetTopicDifference, type PresetTopicSpec, type PresetTopicState } from '@shared/preset-topics';
import type { TopicSummary } from '@shared/topics';
import type { TopicsService } from '../topics/topics-service';

const HOUR_MS = 3_600_000;

function hours(retentionMs: number | null): string {
  if (retentionMs === null) return 'broker default';
  if (retentionMs < 0) return 'forever';
  return String(retentionMs / HOUR_MS);
}

/** Pure: what differs between a preset topic's spec and the topic that exists. */
export function presetTopicState(spec: PresetTopicSpec, topic: TopicSummary | undefined): PresetTopicState {
  const desired = {
    partitions: spec.partitions,
    replicationFactor: spec.replicationFactor,
    retentionHours: spec.retentionHours,
    cleanupPolicy: spec.cleanupPolicy,
  };
  if (!topic) return { key: spec.key, topic: spec.topic, desired, state: 'missing', differences: [] };
  const differences: PresetTopicDifference[] = [];
  if (topic.partitions !== spec.partitions) {
    differences.push({ field: 'partitions', desired: String(spec.partitions), actual: String(topic.partitions), fixable: topic.partitions < spec.partitions });
  }
  if (topic.replicationFactor !== spec.replicationFactor) {
    differences.push({ field: 'replicationFactor', desired: String(spec.replicationFactor), actual: String(topic.replicationFactor), fixable: false });
  }
  if (topic.retentionMs !== spec.retentionHours * HOUR_MS) {
    differences.push({ field: 'retentionHours', desired: String(spec.retentionHours), actual: hours(topic.retentionMs), fixable: true });
  }
  if ((topic.cleanupPolicy ?? '').split(',').sort().join(',') !== spec.cleanupPolicy.split(',').sort().join(',')) {
    differences.push({ field: 'cleanupPolicy', desired: spec.cleanupPolicy, actual: topic.cleanupPolicy ?? 'unknown', fixable: true });
  }
  return { key: spec.key, topic: spec.topic, desired, state: differences.length ? 'drifted' : 'ok', differences };
}

/** The seed's three preset topics (its "pre-configured streams"): shown with their drift, created in one idempotent action, fixed on request. */
export class PresetTopicsService {
  constructor(private readonly topics: TopicsService) {}

  async status(): Promise<PresetTopicState[]> {
    const existing = new Map((await this.topics.summariesOf(PRESET_TOPICS.map((spec) => spec.topic))).map((topic) => [topic.name, topic]));
    return PRESET_TOPICS.map((spec) => presetTopicState(spec, existing.get(spec.topic)));
  }

  /** Creates the missing preset topics; never touches one that exists (drift is fixed only on request). */
  async apply(): Promise<ApplyPresetTopicsResult> {
    const created: string[] = [];
    for (const state of await this.status()) {
      if (state.state !== 'missing') continue;
      const spec = PRESET_TOPICS.find((candidate) => candidate.topic === state.topic)!;
      try {
        await this.topics.create({
          name: spec.topic,
          partitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          retentionHours: spec.retentionHours,
          cleanupPolicy: spec.cleanupPolicy,
          configs: {},
        });
        created.push(spec.topic);
      } catch (error) {
        // Another client created it between our check and our create: that is the state we want.
        if (!(error instanceof StreamdeskError && error.code === 'conflict')) throw error;
      }
    }
    return { created, fixed: [], topics: await this.status() };
  }

  /** Brings one drifted preset topic to its spec where Kafka allows it; says what it could not change. */
  async fix(topic: string): Promise<ApplyPresetTopicsResult> {
    const state = (await this.status()).find((candidate) => candidate.topic === topic);
    if (!state) throw new StreamdeskError('not-found', `topic: "${topic}" is not one of the preset topics`);
    if (state.state === 'missing') return this.apply();
    const unfixable = state.differences.filter((difference) => !difference.fixable);
    const set: Record<string, string> = {};
    for (const difference of state.differences) {
      if (difference.field === 'retentionHours') set['retention.ms'] = String(state.desired.retentionHours * HOUR_MS);
      if (difference.field === 'cleanupPolicy') set['cleanup.policy'] = state.desired.cleanupPolicy;
    }
    if (Object.keys(set).length > 0) await this.topics.alterConfigs({ name: topic, set, reset: [] });
    const morePartitions = state.differences.find((difference) => difference.field === 'partitions' && difference.fixable);
    if (morePartitions) await this.topics.addPartitions(topic, state.desired.partitions);
    const topics = await this.status();
    if (unfixable.length > 0) {
      const what = unfixable.map((difference) => `${difference.field} is ${difference.actual}, wanted ${difference.desired}`).join('; ');
      throw new StreamdeskError(
        'conflict',
        `${topic}: fixed what Kafka allows in place; left as is: ${what} (recreate the topic or reassign partitions to change that)`,
      );
    }
    return { created: [], fixed: [topic], topics };
  }
}
