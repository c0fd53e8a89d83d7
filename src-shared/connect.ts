import { z } from 'zod';

/**
 * Kafka Connect as the console sees it: the active connection's Connect clusters (one REST URL each), their
 * plugins and connectors, a connector's config, tasks and offsets (KIP-875), and the operations on them.
 * A cluster is named by its REST URL, exactly as the connection lists it; a call that names none means the first.
 */

export const ConnectorState = z.enum(['RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'UNASSIGNED', 'RESTARTING']);
export type ConnectorState = z.infer<typeof ConnectorState>;

const ConnectorType = z.enum(['source', 'sink', 'unknown']);

/** What Connect shows instead of a secret's value: never sent to a UI; sent back unchanged, it keeps the stored value. */
export const MASKED_SECRET = '********';

/** Left out (scripts written for one Connect cluster), the connection's first. */
const ClusterUrl = z.string().trim().min(1, 'is required').max(2048, 'must be at most 2048 characters').optional();

/** Connect's own rule for names is loose; these are what its REST paths and topics carry safely. */
const ConnectorName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(249, 'must be at most 249 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), 'must not contain control characters');

export const ConnectorRef = z.object({ cluster: ClusterUrl, name: ConnectorName }).strict();
export type ConnectorRef = z.input<typeof ConnectorRef>;

export const ConnectClusterArgs = z.object({ cluster: ClusterUrl }).strict();

/** A connector's configuration: Connect takes strings only. */
const ConnectorConfig = z.record(
  z.string().min(1, 'a setting needs a name').max(500, 'a setting name must be at most 500 characters'),
  z.string().max(1_000_000, 'must be at most 1 MB'),
);

export const ConnectCluster = z.object({
  url: z.string(),
  /** null when the worker answered; else why not. */
  error: z.string().nullable(),
  version: z.string().nullable(),
  commit: z.string().nullable(),
  kafkaClusterId: z.string().nullable(),
  /** Its workers (`host:port`): the members of its Kafka group, or, when this connection's Kafka does not hold the group, those running a connector or task. */
  workers: z.array(z.string()),
  /** The Kafka group its workers form; null when not found (workers are then those running something). */
  groupId: z.string().nullable(),
});
export type ConnectCluster = z.infer<typeof ConnectCluster>;

const ConnectorTask = z.object({
  id: z.number().int(),
  state: ConnectorState,
  workerId: z.string(),
  /** The whole stack trace of a FAILED task. */
  trace: z.string().nullable(),
});

export const ConnectorSummary = z.object({
  cluster: z.string(),
  name: z.string(),
  type: ConnectorType,
  /** `connector.class` as configured. */
  className: z.string(),
  state: ConnectorState,
  workerId: z.string(),
  trace: z.string().nullable(),
  tasks: z.array(ConnectorTask),
  /** Topics it reads or writes: from its config (`topic`, `topics`, `topics.regex` matched, `topic.prefix`) and Connect's active topics. */
  topics: z.array(z.string()),
});
export type ConnectorSummary = z.infer<typeof ConnectorSummary>;

export const ConnectOverview = z.object({
  clusters: z.array(ConnectCluster),
  /** Connectors with a FAILED connector or task first, then by cluster and name. */
  connectors: z.array(ConnectorSummary),
});
export type ConnectOverview = z.infer<typeof ConnectOverview>;

export const ConnectPlugin = z.object({
  class: z.string(),
  type: z.enum(['source', 'sink', 'converter', 'header_converter', 'transformation', 'predicate']),
  version: z.string().nullable(),
});
export type ConnectPlugin = z.infer<typeof ConnectPlugin>;

export const ConnectorDetail = ConnectorSummary.extend({
  /** The stored config; secrets (PASSWORD settings and names like `*.password`) as MASKED_SECRET. */
  config: z.record(z.string(), z.string()),
  /** The worker's version: stop needs ≥ 3.5, offsets ≥ 3.6. */
  workerVersion: z.string().nullable(),
});
export type ConnectorDetail = z.infer<typeof ConnectorDetail>;

/** One setting as the plugin defines it, with the value checked and what the worker recommends. */
export const ConfigField = z.object({
  name: z.string(),
  displayName: z.string(),
  type: z.string(),
  required: z.boolean(),
  defaultValue: z.string().nullable(),
  importance: z.string(),
  documentation: z.string(),
  group: z.string().nullable(),
  order: z.number().int(),
  width: z.string(),
  dependents: z.array(z.string()),
  /** Masked for PASSWORD settings. */
  value: z.string().nullable(),
  recommendedValues: z.array(z.string()),
  errors: z.array(z.string()),
  visible: z.boolean(),
  secret: z.boolean(),
});
export type ConfigField = z.infer<typeof ConfigField>;

export const ValidateConfigArgs = z
  .object({
    cluster: ClusterUrl,
    /** A plugin class (`org.apache.kafka.connect.file.FileStreamSourceConnector`) or its alias. */
    plugin: z.string().trim().min(1, 'is required').max(500),
    config: ConnectorConfig,
    /** When editing: the connector whose stored secrets stand in for masked values. */
    name: ConnectorName.optional(),
  })
  .strict();
export type ValidateConfigArgs = z.input<typeof ValidateConfigArgs>;

export const ConfigValidation = z.object({
  plugin: z.string(),
  errorCount: z.number().int(),
  /** In the plugin's order; settings without a group are under "Common" last. */
  groups: z.array(z.string()),
  fields: z.array(ConfigField),
});
export type ConfigValidation = z.infer<typeof ConfigValidation>;

/** Create (`connect:create`, answers 409 when the name is taken) or replace (`connect:update`) a connector's config; the worker validates it first. */
export const SaveConnectorArgs = z
  .object({
    cluster: ClusterUrl,
    name: ConnectorName,
    config: ConnectorConfig.refine((c) => typeof c['connector.class'] === 'string' && c['connector.class'].trim() !== '', {
      message: 'connector.class is required',
    }),
  })
  .strict();
export type SaveConnectorArgs = z.input<typeof SaveConnectorArgs>;

export const RestartConnectorArgs = ConnectorRef.extend({
  includeTasks: z.boolean().default(false),
  onlyFailed: z.boolean().default(false),
}).strict();
export type RestartConnectorArgs = z.input<typeof RestartConnectorArgs>;

/** What Connect restarted (its 202 answer: the states being restarted) and the states once they settled. */
export const RestartResult = z.object({
  /** The connector and tasks Connect put in RESTARTING; empty when it restarted the connector alone (204). */
  restarting: z.array(z.object({ task: z.number().int().nullable(), state: ConnectorState })),
  /** The connector as it stood when no instance was RESTARTING or UNASSIGNED any more (or the wait ran out). */
  after: ConnectorSummary,
  settled: z.boolean(),
  tookMs: z.number(),
});
export type RestartResult = z.infer<typeof RestartResult>;

export const DeleteConnectorArgs = ConnectorRef.extend({ confirm: z.string() })
  .strict()
  .superRefine((args, context) => {
    if (args.confirm.trim() !== args.name.trim())
      context.addIssue({ code: 'custom', path: ['confirm'], message: 'type the connector name exactly to confirm' });
  });
export type DeleteConnectorArgs = z.input<typeof DeleteConnectorArgs>;

/** KIP-875: a source connector's partition and offset are the plugin's own maps; a sink's are `{kafka_topic, kafka_partition}` and `{kafka_offset}`. */
export const ConnectorOffset = z.object({
  partition: z.record(z.string(), z.unknown()),
  offset: z.record(z.string(), z.unknown()).nullable(),
});
export type ConnectorOffset = z.infer<typeof ConnectorOffset>;

const ConnectorOffsets = z.object({ offsets: z.array(ConnectorOffset) });

export const OffsetsResult = ConnectorOffsets.extend({ cluster: z.string(), name: z.string(), type: ConnectorType, state: ConnectorState });
export type OffsetsResult = z.infer<typeof OffsetsResult>;

export const ChangeOffsetsArgs = ConnectorRef.extend({
  /** Reset forgets every offset; alter writes these (a null offset forgets that partition's). */
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('reset') }).strict(),
    z.object({ kind: z.literal('alter'), offsets: z.array(ConnectorOffset).min(1, 'name at least one partition').max(100_000) }).strict(),
  ]),
  /** true: only the preview; nothing is changed. */
  dryRun: z.boolean(),
}).strict();
export type ChangeOffsetsArgs = z.input<typeof ChangeOffsetsArgs>;

export const OffsetChangeRow = z.object({
  partition: z.record(z.string(), z.unknown()),
  current: z.record(z.string(), z.unknown()).nullable(),
  next: z.record(z.string(), z.unknown()).nullable(),
});
export type OffsetChangeRow = z.infer<typeof OffsetChangeRow>;

export const ChangeOffsetsResult = z.object({
  name: z.string(),
  applied: z.boolean(),
  changes: z.array(OffsetChangeRow),
  /** Connect's own words once applied. */
  message: z.string().nullable(),
});
export type ChangeOffsetsResult = z.infer<typeof ChangeOffsetsResult>;

/** Announced while an operation's effect unfolds (a restart's states), so a page shows the worker's state, not a stale one. */
export const ConnectorChanged = z.object({ cluster: z.string(), name: z.string() });
