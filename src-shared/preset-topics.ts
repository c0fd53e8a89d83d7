import { z } from 'zod';
import { CleanupPolicy, TopicName } from './topics';

export interface PresetTopicSpec {
  /** The seed's key in `stream_configs`. */
  key: string;
  topic: string;
  partitions: number;
  replicationFactor: number;
  retentionHours: number;
  cleanupPolicy: z.infer<typeof CleanupPolicy>;
}

/** The seed's pre-configured streams (`stream_configs`): topics with settings, called preset topics here
 * ("streams" reads as Kafka Streams). */
export const PRESET_TOPICS: readonly PresetTopicSpec[] = [
  { key: 'stavanger_parking_realtime', topic: 'stavanger_parking_events', partitions: 3, replicationFactor: 1, retentionHours: 168, cleanupPolicy: 'delete' },
  { key: 'data_quality_alerts', topic: 'data_quality_alerts', partitions: 1, replicationFactor: 1, retentionHours: 8760, cleanupPolicy: 'compact' },
  { key: 'system_metrics', topic: 'system_metrics', partitions: 2, replicationFactor: 1, retentionHours: 720, cleanupPolicy: 'delete' },
];

export const PresetTopicDifference = z.object({
  field: z.enum(['partitions', 'replicationFactor', 'retentionHours', 'cleanupPolicy']),
  desired: z.string(),
  actual: z.string(),
  /** Whether StreamDesk can change it in place (replicas and fewer partitions it cannot). */
  fixable: z.boolean(),
});
export type PresetTopicDifference = z.infer<typeof PresetTopicDifference>;

export const PresetTopicState = z.object({
  key: z.string(),
  topic: z.string(),
  desired: z.object({ partitions: z.number(), replicationFactor: z.number(), retentionHours: z.number(), cleanupPolicy: z.string() }),
  state: z.enum(['missing', 'ok', 'drifted']),
  differences: z.array(PresetTopicDifference),
});
export type PresetTopicState = z.infer<typeof PresetTopicState>;

export const ApplyPresetTopicsResult = z.object({
  created: z.array(z.string()),
  fixed: z.array(z.string()),
  /** Every preset topic as it is after the change. */
  topics: z.array(PresetTopicState),
});
export type ApplyPresetTopicsResult = z.infer<typeof ApplyPresetTopicsResult>;

export const FixPresetTopicArgs = z.object({ topic: TopicName }).strict();
