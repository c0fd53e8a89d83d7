// The SQL workbench: Flink SQL over topics through the SQL Gateway. A session per editor tab holds
// its settings; each topic is a table of the session's `streamdesk` catalog, created on first use.
// Results are pulled (`sql:fetch`), not pushed: see docs/ARCHITECTURE.md, "The `sql` area".
import { z } from 'zod';
import { TopicName } from './topics';

const Id = z.string().min(1, 'is required').max(100, 'must be at most 100 characters');
const EpochMs = z.number().int().min(0, 'must be 0 or more');

/** Where a topic's scan starts and where (if anywhere) it ends. */
export const SqlScan = z
  .object({
    from: z.enum(['earliest', 'latest', 'timestamp']).default('earliest'),
    fromTimestampMs: EpochMs.nullable().default(null),
    /** `latest`: the offsets at the query's start (from the beginning to now); `unbounded`: runs until cancelled. */
    until: z.enum(['unbounded', 'latest', 'timestamp']).default('unbounded'),
    untilTimestampMs: EpochMs.nullable().default(null),
  })
  .strict();
export type SqlScan = z.output<typeof SqlScan>;

export const SqlSessionSettings = z
  .object({
    mode: z.enum(['streaming', 'batch']).default('streaming'),
    parallelism: z.number().int().min(1, 'must be at least 1').max(256, 'must be at most 256').default(1),
    /** Null: no checkpoints (a query's results are not kept across failures anyway). */
    checkpointIntervalMs: z.number().int().min(1000, 'must be at least 1000 ms').nullable().default(null),
    scan: SqlScan.default({ from: 'earliest', fromTimestampMs: null, until: 'unbounded', untilTimestampMs: null }),
  })
  .strict()
  .superRefine((s, context) => {
    if (s.mode === 'batch' && s.scan.until === 'unbounded')
      context.addIssue({ code: 'custom', path: ['scan', 'until'], message: 'batch mode reads bounded tables: choose "latest" or a timestamp' });
    if (s.scan.from === 'timestamp' && s.scan.fromTimestampMs === null)
      context.addIssue({ code: 'custom', path: ['scan', 'fromTimestampMs'], message: 'is required when the scan starts at a timestamp' });
    if (s.scan.until === 'timestamp' && s.scan.untilTimestampMs === null)
      context.addIssue({ code: 'custom', path: ['scan', 'untilTimestampMs'], message: 'is required when the scan ends at a timestamp' });
  });
export type SqlSessionSettings = z.output<typeof SqlSessionSettings>;
export type SqlSessionSettingsInput = z.input<typeof SqlSessionSettings>;

export const SqlSessionRef = z.object({ sessionId: Id }).strict();
export const SqlRunRef = z.object({ runId: Id }).strict();

export const SqlRunArgs = z
  .object({
    sessionId: Id,
    statement: z.string().trim().min(1, 'is required').max(200_000, 'must be at most 200000 characters'),
    /** Stop (and cancel the job) after this many rows; null: until the result ends or is cancelled. */
    limit: z.number().int().min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000').nullable().default(null),
  })
  .strict();

export const SqlFetchArgs = z
  .object({
    runId: Id,
    /** How long to wait for rows when none are ready (a long poll). */
    waitMs: z.number().int().min(0).max(10_000, 'must be at most 10000').default(1000),
    maxRows: z.number().int().min(1).max(100_000, 'must be at most 100000').default(10_000),
  })
  .strict();

/** Flink's changelog kinds: insert, update before, update after, delete. */
export const RowOp = z.enum(['+I', '-U', '+U', '-D']);
export type RowOp = z.infer<typeof RowOp>;

export const SqlColumnResult = z.object({ name: z.string(), type: z.string() });
export type SqlColumnResult = z.infer<typeof SqlColumnResult>;

export const SqlRow = z.object({ op: RowOp, fields: z.array(z.unknown()) });
export type SqlRow = z.infer<typeof SqlRow>;

/** Where in the statement Flink says the problem is (1-based, as Flink counts). */
const SqlPosition = z.object({ line: z.number().int(), column: z.number().int() });

export const SqlFailure = z.object({ message: z.string(), position: SqlPosition.nullable(), endPosition: SqlPosition.nullable() });
export type SqlFailure = z.infer<typeof SqlFailure>;

export const SqlRunStatus = z.enum(['running', 'done', 'failed', 'cancelled']);
export type SqlRunStatus = z.infer<typeof SqlRunStatus>;

export const SqlFetchResult = z.object({
  runId: z.string(),
  status: SqlRunStatus,
  /** Empty until Flink has answered the first page. */
  columns: z.array(SqlColumnResult),
  rows: z.array(SqlRow),
  /** The job a query or INSERT submitted, when it submitted one. */
  jobId: z.string().nullable(),
  rowsRead: z.number().int(),
  limitReached: z.boolean(),
  failure: SqlFailure.nullable(),
});
export type SqlFetchResult = z.infer<typeof SqlFetchResult>;

/** A table's column: a field of the value, the record key, or a Kafka metadata column. */
export const SqlTableColumn = z
  .object({
    name: z.string().min(1, 'is required').max(200),
    /** A Flink SQL type as written in DDL (STRING, BIGINT, ROW<`a` INT>…). */
    type: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(2000)
      .regex(/^[A-Za-z][\w<>(), `'.:]*$/, 'must be a Flink SQL type such as STRING, BIGINT, DOUBLE or ROW<`a` INT>'),
    kind: z.enum(['value', 'key', 'metadata']).default('value'),
  })
  .strict();
export type SqlTableColumn = z.output<typeof SqlTableColumn>;

/**
 * How Flink reads a topic's values: JSON; Avro framed by the Schema Registry (`avro-confluent`, the
 * subject's schema as the reader schema); JSON framed by the registry (a JSON Schema subject); or not at
 * all, with the reason (a Protobuf subject: Flink 1.18 has no format for it).
 */
export const SqlValueFormat = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json') }),
  z.object({ format: z.literal('avro-confluent'), registryUrl: z.string(), subject: z.string(), version: z.number().int(), schema: z.string() }),
  /** JSON behind the registry's framing (a JSON Schema subject): read as bytes, unframed and read by path in a view named like the topic. */
  z.object({ format: z.literal('json-registry'), subject: z.string(), version: z.number().int(), schema: z.string() }),
  z.object({ format: z.literal('unreadable'), reason: z.string() }),
]);
export type SqlValueFormat = z.infer<typeof SqlValueFormat>;

export const SqlTableSchema = z.object({
  topic: z.string(),
  /**
   * `registry`: from the topic's value subject (`<topic>-value`) in the Schema Registry; `sample`:
   * inferred from the newest JSON records; `saved`: reviewed and saved (per profile); `empty`: no records to infer from.
   */
  source: z.enum(['registry', 'sample', 'saved', 'empty']),
  value: SqlValueFormat,
  columns: z.array(SqlTableColumn),
  /** Records the inference read. */
  sampled: z.number().int(),
  /** Why a topic's records could not be read as JSON (e.g. Avro without the format in Flink), or null. */
  note: z.string().nullable(),
});
export type SqlTableSchema = z.infer<typeof SqlTableSchema>;

export const SaveSqlTableArgs = z
  .object({ topic: TopicName, columns: z.array(SqlTableColumn).min(1, 'at least one column').max(500, 'at most 500 columns') })
  .strict();

export const SqlCatalog = z.object({
  catalog: z.literal('streamdesk'),
  database: z.string(),
  /** Every topic (internal ones aside) is a table named like it. */
  tables: z.array(z.string()),
});
export type SqlCatalog = z.infer<typeof SqlCatalog>;

/** The SQL that runs a query as a catalog pipeline: the DDL of the topics it reads, then the INSERT (or CTAS into `sinkTopic`). */
export const SqlPipelineSqlArgs = z
  .object({
    sessionId: Id,
    statement: z.string().trim().min(1, 'is required').max(200_000),
    /** For a SELECT: the topic its rows go to (created when the pipeline starts). Null for an INSERT INTO. */
    sinkTopic: TopicName.nullable().default(null),
  })
  .strict();
export const SqlPipelineSql = z.object({ sql: z.string(), sourceTopics: z.array(z.string()), sinkTopic: z.string().nullable() });
export type SqlPipelineSql = z.infer<typeof SqlPipelineSql>;
