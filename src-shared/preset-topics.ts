import { z } from 'zod';
import { CleanupPolicy, TopicName } from './topics';

export interface StreamSpec {
  /** The seed's key in `stream_configs`. */
  key: string;
  topic: string;
  partitions: number;
  replicationFactor: number;
  retentionHours: number;
  cleanupPolicy: z.infer<typeof CleanupPolicy>;
}

/** The seed's pre-configured streams (`stream_configs`). */
export const PRECONFIGURED_STREAMS: readonly StreamSpec[] = [
  { key: 'stavanger_parking_realtime', topic: 'stavanger_parking_events', partitions: 3, replicationFactor: 1, retentionHours: 168, cleanupPolicy: 'delete' },
  { key: 'data_quality_alerts', topic: 'data_quality_alerts', partitions: 1, replicationFactor: 1, retentionHours: 8760, cleanupPolicy: 'compact' },
  { key: 'system_metrics', topic: 'system_metrics', partitions: 2, replicationFactor: 1, retentionHours: 720, cleanupPolicy: 'delete' },
];

export const StreamDifference = z.object({
  field: z.enum(['partitions', 'replicationFactor', 'retentionHours', 'cleanupPolicy']),
  desired: z.string(),
  actual: z.string(),
  /** Whether StreamDesk can change it in place (replicas and fewer partitions it cannot). */
  fixable: z.boolean(),
});
export type StreamDifference = z.infer<typeof StreamDifference>;

export const StreamState = z.object({
  key: z.string(),
  topic: z.string(),
  desired: z.object({ partitions: z.number(), replicationFactor: z.number(), retentionHours: z.number(), cleanupPolicy: z.string() }),
  state: z.enum(['missing', 'ok', 'drifted']),
  differences: z.array(StreamDifference),
});
export type StreamState = z.infer<typeof StreamState>;

export const ApplyStreamsResult = z.object({
  created: z.array(z.string()),
  fixed: z.array(z.string()),
  streams: z.array(StreamState),
});
export type ApplyStreamsResult = z.infer<typeof ApplyStreamsResult>;

export const FixStreamArgs = z.object({ topic: TopicName }).strict();
