// Pipelines: what the catalog holds (SQL statements or an uploaded jar) and the arguments of
// start / resume. The contract's edge validates with these schemas; messages name the field
// through the issue path ("parallelism: must be at least 1").
import { z } from 'zod';

/** Letters, digits, '_', '-' and '.', as Flink shows it in pipeline.name and we use it as a catalog key. */
const PipelineName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "may only hold letters, digits, '_', '-' and '.', starting with a letter or digit");

const TopicRefName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name')
  .nullable();

/** A top-level field of the JSON records a pipeline writes to its sink topic. */
const ResultField = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'must be a top-level field name of the output records (letters, digits, _)')
  .nullable();

/**
 * Which output field carries an input's event time (epoch ms or ISO-8601), so the console can
 * show end-to-end latency: a result's arrival in the sink topic minus that event time.
 * `resultEventTimeField`: the newest input the result includes (for a 1:1 pipeline, its input);
 * `resultOldestEventTimeField` (windowed results): the oldest, which shows the window's wait.
 */
const LatencyFields = {
  resultEventTimeField: ResultField.default(null),
  resultOldestEventTimeField: ResultField.default(null),
};

/**
 * Statements run one by one in a SQL Gateway session. `{{bootstrap}}` stands for the Kafka
 * bootstrap servers as Flink reaches them, so one definition works against any cluster.
 */
export const SqlPipelineDefinition = z.object({
  kind: z.literal('sql'),
  name: PipelineName,
  description: z.string().max(2000, 'must be at most 2000 characters').default(''),
  builtIn: z.boolean().default(false),
  statements: z.array(z.string().trim().min(1, 'an empty statement')).min(1, 'at least one statement is required'),
  sourceTopic: TopicRefName.default(null),
  sinkTopic: TopicRefName.default(null),
  ...LatencyFields,
});
export type SqlPipelineDefinition = z.infer<typeof SqlPipelineDefinition>;

export const JarPipelineDefinition = z.object({
  kind: z.literal('jar'),
  name: PipelineName,
  description: z.string().max(2000, 'must be at most 2000 characters').default(''),
  builtIn: z.literal(false).default(false),
  /** Flink's id of the uploaded jar (`<uuid>_<file>.jar`, as /jars lists it). */
  jarId: z.string().min(1, 'is required'),
  /** Null: the jar manifest's Main-Class / program-class. */
  entryClass: z.string().trim().min(1, 'must not be empty (use null for the manifest entry)').nullable().default(null),
  programArgs: z.array(z.string()).default([]),
  sourceTopic: TopicRefName.default(null),
  sinkTopic: TopicRefName.default(null),
  ...LatencyFields,
});
export type JarPipelineDefinition = z.infer<typeof JarPipelineDefinition>;

export const PipelineDefinition = z.discriminatedUnion('kind', [SqlPipelineDefinition, JarPipelineDefinition]);
export type PipelineDefinition = z.infer<typeof PipelineDefinition>;

/** Add or replace a user SQL pipeline (built-ins cannot be replaced). `sql` is split into statements at top-level ';'. */
export const SaveSqlPipelineArgs = z
  .object({
    name: PipelineName,
    description: z.string().max(2000, 'must be at most 2000 characters').default(''),
    sql: z.string().trim().min(1, 'is required'),
    sourceTopic: TopicRefName.default(null),
    sinkTopic: TopicRefName.default(null),
    ...LatencyFields,
  })
  .strict();
export type SaveSqlPipelineArgs = z.input<typeof SaveSqlPipelineArgs>;

/** Register an uploaded jar as a pipeline; the bytes travel separately (a path or a buffer). */
export const SaveJarPipelineArgs = z
  .object({
    name: PipelineName,
    description: z.string().max(2000, 'must be at most 2000 characters').default(''),
    entryClass: z.string().trim().min(1, 'must not be empty (use null for the manifest entry)').nullable().default(null),
    programArgs: z.array(z.string().max(4096, 'an argument must be at most 4096 characters')).max(200, 'at most 200 arguments').default([]),
    sourceTopic: TopicRefName.default(null),
    sinkTopic: TopicRefName.default(null),
    ...LatencyFields,
  })
  .strict();
export type SaveJarPipelineArgs = z.input<typeof SaveJarPipelineArgs>;

/** Flink's own limit on an upload (rest.server.max-content-length defaults to 100 MiB). */
export const MAX_JAR_BYTES = 100 * 1024 * 1024;

/** A jar file's name as the user picked it: the upload keeps only its last path segment. */
const JarFileName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'must be at most 255 characters')
  .regex(/\.jar$/i, 'must name a .jar file');

/**
 * Upload a jar's bytes (the desktop app passes them over IPC; in serve mode the browser posts
 * them to POST /api/pipelines/jars, which calls this with the request body) and register it.
 */
export const UploadJarBytesArgs = SaveJarPipelineArgs.extend({
  fileName: JarFileName,
  bytes: z
    .instanceof(Uint8Array, { message: "must be the jar file's bytes (in a browser, upload through POST /api/pipelines/jars)" })
    .refine((b) => b.byteLength > 0, 'the file is empty')
    .refine((b) => b.byteLength <= MAX_JAR_BYTES, `must be at most ${MAX_JAR_BYTES / 1024 / 1024} MiB (Flink's upload limit)`),
}).strict();
export type UploadJarBytesArgs = z.input<typeof UploadJarBytesArgs>;

export const PipelineRef = z.object({ name: PipelineName }).strict();
export type PipelineRef = z.infer<typeof PipelineRef>;

export const CheckpointingMode = z.enum(['exactly-once', 'at-least-once']);
export type CheckpointingMode = z.infer<typeof CheckpointingMode>;

const Parallelism = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1024, 'must be at most 1024');
const CheckpointInterval = z.number().int('must be a whole number of milliseconds').min(100, 'must be at least 100 ms (or null for off)').nullable();
const SavepointPath = z.string().trim().min(1, 'must not be empty (use null for none)').nullable();

export const StartPipelineArgs = z
  .object({
    pipelineName: PipelineName,
    parallelism: Parallelism.default(1),
    /** Null: checkpointing off. */
    checkpointIntervalMs: CheckpointInterval.default(10_000),
    checkpointingMode: CheckpointingMode.default('exactly-once'),
    /** Restore from this savepoint (or retained checkpoint). */
    savepointPath: SavepointPath.default(null),
    allowNonRestoredState: z.boolean().default(false),
    /** Jar pipelines only: this run's entry class and program arguments instead of the catalog's. */
    entryClass: z.string().trim().min(1, "must not be empty (leave it out for the catalog's)").max(500, 'must be at most 500 characters').optional(),
    programArgs: z.array(z.string().max(4096, 'an argument must be at most 4096 characters')).max(200, 'at most 200 arguments').optional(),
  })
  .strict();
export type StartPipelineArgs = z.input<typeof StartPipelineArgs>;
export type StartPipelineSettings = z.output<typeof StartPipelineArgs>;

export const StartPipelineResult = z.object({
  jobId: z.string(),
  pipelineName: z.string(),
  settings: z.object({
    parallelism: z.number().int(),
    checkpointIntervalMs: z.number().int().nullable(),
    checkpointingMode: CheckpointingMode,
    savepointPath: z.string().nullable(),
    allowNonRestoredState: z.boolean(),
  }),
  /** Set when the request was accepted but looks risky (e.g. more parallelism than free slots). */
  warning: z.string().nullable(),
  dashboardUrl: z.string(),
});
export type StartPipelineResult = z.infer<typeof StartPipelineResult>;

/**
 * Redeploy: from a running job (stopped with a savepoint first), a stopped job (its latest
 * savepoint or retained checkpoint) or a savepoint path.
 */
export const ResumePipelineArgs = z
  .object({
    jobId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be a Flink job id (32 hex digits)')
      .optional(),
    savepointPath: z.string().trim().min(1, 'must not be empty').optional(),
    pipelineName: PipelineName,
    parallelism: Parallelism.default(1),
    checkpointIntervalMs: CheckpointInterval.default(10_000),
    checkpointingMode: CheckpointingMode.default('exactly-once'),
    allowNonRestoredState: z.boolean().default(false),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (!a.jobId && !a.savepointPath) ctx.addIssue({ code: 'custom', path: ['savepointPath'], message: 'give a savepointPath or the jobId to resume from' });
  });
export type ResumePipelineArgs = z.input<typeof ResumePipelineArgs>;

export const ResumePipelineResult = StartPipelineResult.extend({ resumedFrom: z.string() });
export type ResumePipelineResult = z.infer<typeof ResumePipelineResult>;

export const SavepointResult = z.object({ jobId: z.string(), path: z.string() });
export type SavepointResult = z.infer<typeof SavepointResult>;

/**
 * Split SQL text into statements at ';' outside quotes ('...', "...", `...`) and comments
 * (-- line, block). Empty statements are dropped; the ';' itself is not kept.
 */
export function splitSqlStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      cur += text.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      cur += text.slice(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      // a doubled quote inside a literal is an escaped quote: the scan simply re-enters
      const end = text.indexOf(c, i + 1);
      const stop = end === -1 ? text.length : end + 1;
      cur += text.slice(i, stop);
      i = stop;
    } else if (c === ';') {
      out.push(cur);
      cur = '';
      i++;
    } else {
      cur += c;
      i++;
    }
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0 && !/^(--[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(s));
}

/**
 * Program arguments typed on one line, split as a shell would for the simple cases: at
 * whitespace, with '…' and "…" grouping (quotes removed) and \ escaping the next character.
 */
export function splitProgramArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inArg = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inArg = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inArg = true;
    } else if (/\s/.test(c)) {
      if (inArg) out.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) out.push(cur);
  return out;
}

/** The inverse for display: arguments joined, quoted where they hold spaces or quotes. */
export function joinProgramArgs(args: readonly string[]): string {
  return args.map((a) => (a === '' || /[\s'"\\]/.test(a) ? `"${a.replace(/(["\\])/g, '\\$1')}"` : a)).join(' ');
}
