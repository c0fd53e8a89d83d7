// Flink domain types as the console shows them: what FlinkRestClient's answers are reduced to.
// Numbers Flink may omit (older or newer versions, a job that has not run yet) are nullable.
import { z } from 'zod';

export const FlinkCluster = z.object({
  flinkVersion: z.string().nullable(),
  taskmanagers: z.number().int(),
  slotsTotal: z.number().int(),
  slotsFree: z.number().int(),
  jobsRunning: z.number().int(),
  jobsFinished: z.number().int(),
  jobsCancelled: z.number().int(),
  jobsFailed: z.number().int(),
  /** Flink's own web dashboard. */
  dashboardUrl: z.string(),
});
export type FlinkCluster = z.infer<typeof FlinkCluster>;

/** Flink's job states (its JobStatus, as the REST API names them). */
const FLINK_JOB_STATES = [
  'INITIALIZING',
  'CREATED',
  'RUNNING',
  'FAILING',
  'FAILED',
  'CANCELLING',
  'CANCELED',
  'FINISHED',
  'RESTARTING',
  'SUSPENDED',
  'RECONCILING',
] as const;

/**
 * A job's state: one of Flink's, or UNKNOWN for a job Flink listed without a state or with one
 * this StreamDesk does not know (a newer Flink's). Unknown text becomes UNKNOWN (jobStateOf) rather
 * than failing the listing: the job still shows, with its other figures.
 */
export const JobState = z.enum([...FLINK_JOB_STATES, 'UNKNOWN']);
export type JobState = z.infer<typeof JobState>;

export function jobStateOf(raw: string | undefined): JobState {
  const parsed = JobState.safeParse(raw);
  return parsed.success ? parsed.data : 'UNKNOWN';
}

/**
 * The states of a job that is (or is about to be) running: it has figures worth reading and takes
 * a savepoint, a stop or a cancel. CANCELLING is not among them: the job is already winding down.
 */
export const ACTIVE_JOB_STATES: readonly JobState[] = ['RUNNING', 'CREATED', 'INITIALIZING', 'RESTARTING', 'FAILING', 'RECONCILING'];

export const LastCheckpoint = z.object({
  id: z.number().int(),
  /** Time since it completed (or was triggered, when it has not completed). */
  ageMs: z.number().nullable(),
  status: z.string(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  isSavepoint: z.boolean(),
});
export type LastCheckpoint = z.infer<typeof LastCheckpoint>;

/**
 * End-to-end latency of a pipeline that reads and writes Kafka: for each of its newest results
 * in the sink topic, the result's arrival (its Kafka record timestamp: the broker's append time
 * when the topic uses LogAppendTime, else the time Flink's Kafka producer sent it) minus the
 * event time the result carries of the newest input it includes. A windowed result arrives only
 * after its window closed and the watermark passed it, so its figure includes that wait;
 * `oldestInput*` measures from the oldest input instead (the whole window's wait).
 */
export const PipelineLatency = z.object({
  sinkTopic: z.string(),
  eventTimeField: z.string(),
  /** Results this figure is made of: this job's newest, arrived since it started, within `spanMs` of the newest. */
  samples: z.number().int(),
  p50Ms: z.number().nullable(),
  minMs: z.number().nullable(),
  maxMs: z.number().nullable(),
  /** From the oldest input of each result (windowed pipelines that carry it), median. */
  oldestInputP50Ms: z.number().nullable(),
  /** Arrival time of the newest result (epoch ms): how fresh the figure is. */
  newestArrivalAt: z.number().nullable(),
  /** The arrival span the samples come from. */
  spanMs: z.number(),
  /** When there is no figure (or it needs a caveat): why. */
  note: z.string().nullable(),
  /** When the sample was taken (epoch ms); it is reused for a few seconds. */
  measuredAt: z.number(),
});
export type PipelineLatency = z.infer<typeof PipelineLatency>;

export const JobSummary = z.object({
  id: z.string(),
  name: z.string(),
  state: JobState,
  /** The largest vertex parallelism (what a user set), null when unknown. */
  parallelism: z.number().int().nullable(),
  startTime: z.number().nullable(),
  durationMs: z.number().nullable(),
  /** What the sources emit per second (records read). Null for jobs not running. */
  recordsInPerSecond: z.number().nullable(),
  /** What the sinks receive per second (records written). Null for jobs not running. */
  recordsOutPerSecond: z.number().nullable(),
  lastCheckpoint: LastCheckpoint.nullable(),
  checkpointsCompleted: z.number().int().nullable(),
  checkpointsFailed: z.number().int().nullable(),
  /** Checkpoints failed since the last completed one (the total above includes a job's first seconds). */
  checkpointsFailedInARow: z.number().int().nullable().default(null),
  restarts: z.number().int().nullable(),
  dashboardUrl: z.string(),
  /** The catalog pipeline this job runs (matched by the name the console gave it, or remembered at start), if any. */
  pipelineName: z.string().nullable().default(null),
  /** Null: not a running catalog pipeline with a sink topic and a result event-time field. */
  latency: PipelineLatency.nullable().default(null),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const BackpressureLevel = z.enum(['ok', 'low', 'high', 'unknown']);
export type BackpressureLevel = z.infer<typeof BackpressureLevel>;

const VertexMetrics = z.object({
  recordsIn: z.number().nullable(),
  recordsOut: z.number().nullable(),
  bytesIn: z.number().nullable(),
  bytesOut: z.number().nullable(),
  recordsInPerSecond: z.number().nullable(),
  recordsOutPerSecond: z.number().nullable(),
  /** Share of time busy / back-pressured, 0..1, max over subtasks. */
  busyRatio: z.number().nullable(),
  backpressuredRatio: z.number().nullable(),
});

export const JobVertex = z.object({
  id: z.string(),
  name: z.string(),
  parallelism: z.number().int(),
  status: z.string(),
  metrics: VertexMetrics,
  backpressure: BackpressureLevel,
});
export type JobVertex = z.infer<typeof JobVertex>;

export const CheckpointEntry = z.object({
  id: z.number().int(),
  status: z.string(),
  isSavepoint: z.boolean(),
  triggeredAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  externalPath: z.string().nullable(),
});
export type CheckpointEntry = z.infer<typeof CheckpointEntry>;

export const CheckpointStats = z.object({
  completed: z.number().int(),
  failed: z.number().int(),
  inProgress: z.number().int(),
  restored: z.number().int(),
  latestCompleted: CheckpointEntry.nullable(),
  latestSavepoint: CheckpointEntry.nullable(),
  /** Newest first. */
  history: z.array(CheckpointEntry),
});
export type CheckpointStats = z.infer<typeof CheckpointStats>;

export const JobExceptionEntry = z.object({
  timestamp: z.number().nullable(),
  /** The exception's first line (its class and message). */
  message: z.string(),
  stacktrace: z.string().nullable(),
  taskName: z.string().nullable(),
  location: z.string().nullable(),
});
export type JobExceptionEntry = z.infer<typeof JobExceptionEntry>;

export const JobDetail = JobSummary.extend({
  vertices: z.array(JobVertex),
  checkpoints: CheckpointStats,
  exceptions: z.array(JobExceptionEntry),
  /** Execution config (parallelism, restart strategy, user config) flattened to strings. */
  configuration: z.record(z.string(), z.string()),
});
export type JobDetail = z.infer<typeof JobDetail>;

/** A jar uploaded to Flink (its /jars list), with the catalog pipelines that run it. */
export const FlinkJar = z.object({
  id: z.string(),
  name: z.string(),
  uploadedAt: z.number().nullable(),
  /** Entry classes Flink found in the manifest (may be empty: then an entry class must be given). */
  entryClasses: z.array(z.string()),
  pipelines: z.array(z.string()),
});
export type FlinkJar = z.infer<typeof FlinkJar>;

export const JobRef = z.object({ jobId: z.string().regex(/^[0-9a-f]{32}$/, 'must be a Flink job id (32 hex digits)') }).strict();
export type JobRef = z.infer<typeof JobRef>;

/** Flink's dashboard page of a job. */
export function jobDashboardUrl(flinkUrl: string, jobId: string): string {
  return `${flinkUrl.replace(/\/+$/, '')}/#/job/${jobId}/overview`;
}

export const SavepointInfo = z.object({
  path: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  /** Where it was found: the stack's savepoints folder, or a job's checkpoint statistics. */
  source: z.enum(['directory', 'job']),
});
export type SavepointInfo = z.infer<typeof SavepointInfo>;

export const SavepointPathArgs = z.object({ path: z.string().trim().min(1, 'is required') }).strict();
export type SavepointPathArgs = z.infer<typeof SavepointPathArgs>;
