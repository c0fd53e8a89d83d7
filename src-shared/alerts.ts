import { z } from 'zod';
import { TopicName } from './topics';

export const AlertRuleId = z.enum([
  'broker-down',
  'under-replicated',
  'offline-partitions',
  'consumer-lag',
  'topic-idle',
  'flink-job-failing',
  'checkpoint-failures',
  'zookeeper-not-serving',
  'taskmanager-lost',
  'connector-failed',
  'connect-worker-gone',
  'quorum-no-leader',
  'quorum-voter-lagging',
]);
export type AlertRuleId = z.infer<typeof AlertRuleId>;

const Severity = z.enum(['critical', 'warning']);

export const AlertRule = z.object({
  id: AlertRuleId,
  title: z.string(),
  enabled: z.boolean(),
  severity: Severity,
  /** The rule's number (lag in messages, idle minutes, failed checkpoints…); null when it has none. */
  threshold: z.number().nullable(),
  thresholdLabel: z.string().nullable(),
  /** For topic-idle: the topic watched. */
  topic: z.string().nullable(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const Alert = z.object({
  id: z.string(),
  ruleId: AlertRuleId,
  severity: Severity,
  message: z.string(),
  startedAt: z.number(),
  clearedAt: z.number().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertsState = z.object({
  rules: z.array(AlertRule),
  active: z.array(Alert),
  /** Newest first, bounded. */
  history: z.array(Alert),
  /** Every alert also written as a JSON record to this topic (the seed's data_quality_alerts), or null. */
  publishTopic: z.string().nullable(),
  publishError: z.string().nullable(),
});
export type AlertsState = z.infer<typeof AlertsState>;

export const UpdateAlertRuleArgs = z
  .object({
    id: AlertRuleId,
    enabled: z.boolean().optional(),
    threshold: z.number().min(0, 'must be 0 or more').max(1e12, 'is too large').optional(),
    topic: TopicName.nullable().optional(),
  })
  .strict();
export const SetAlertPublishingArgs = z.object({ topic: TopicName.nullable() }).strict();
