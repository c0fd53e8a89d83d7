// Shapes of Flink's REST answers (stable API, 1.18 to 2.x). Every field is optional: older
// and newer versions add and drop fields, and the parsers tolerate what is missing.

export interface RawOverview {
  'flink-version'?: string;
  'flink-commit'?: string;
  taskmanagers?: number;
  'slots-total'?: number;
  'slots-available'?: number;
  'jobs-running'?: number;
  'jobs-finished'?: number;
  'jobs-cancelled'?: number;
  'jobs-failed'?: number;
}

export interface RawJobsOverview {
  jobs?: RawJobOverviewEntry[];
}

interface RawJobOverviewEntry {
  jid: string;
  name?: string;
  state?: string;
  'start-time'?: number;
  'end-time'?: number;
  duration?: number;
  'last-modification'?: number;
  tasks?: Record<string, number>;
}

interface RawVertexMetricsSummary {
  'read-bytes'?: number;
  'write-bytes'?: number;
  'read-records'?: number;
  'write-records'?: number;
  'accumulated-backpressured-time'?: number;
  'accumulated-busy-time'?: number;
}

interface RawJobVertex {
  id: string;
  name?: string;
  parallelism?: number;
  maxParallelism?: number;
  status?: string;
  'start-time'?: number;
  duration?: number;
  metrics?: RawVertexMetricsSummary;
}

interface RawPlanNode {
  id: string;
  parallelism?: number;
  description?: string;
  inputs?: Array<{ id: string }>;
}

export interface RawJobDetail {
  jid: string;
  name?: string;
  state?: string;
  'start-time'?: number;
  'end-time'?: number;
  duration?: number;
  now?: number;
  vertices?: RawJobVertex[];
  plan?: { nodes?: RawPlanNode[] };
}

export interface RawCheckpointEntry {
  id?: number;
  status?: string;
  is_savepoint?: boolean;
  savepointFormat?: string;
  trigger_timestamp?: number;
  latest_ack_timestamp?: number;
  end_to_end_duration?: number;
  state_size?: number;
  checkpointed_size?: number;
  external_path?: string;
  restore_timestamp?: number;
}

export interface RawCheckpoints {
  counts?: { restored?: number; total?: number; in_progress?: number; completed?: number; failed?: number };
  latest?: {
    completed?: RawCheckpointEntry | null;
    savepoint?: RawCheckpointEntry | null;
    failed?: (RawCheckpointEntry & { failure_message?: string }) | null;
    restored?: RawCheckpointEntry | null;
  };
  history?: RawCheckpointEntry[];
}

interface RawExceptionHistoryEntry {
  exceptionName?: string;
  stacktrace?: string;
  timestamp?: number;
  taskName?: string | null;
  location?: string | null;
  endpoint?: string | null;
  concurrentExceptions?: RawExceptionHistoryEntry[];
}

export interface RawExceptions {
  'root-exception'?: string;
  timestamp?: number;
  'all-exceptions'?: Array<{ exception?: string; task?: string; location?: string; timestamp?: number }>;
  exceptionHistory?: { entries?: RawExceptionHistoryEntry[]; truncated?: boolean };
}

export interface RawJobConfig {
  jid?: string;
  name?: string;
  'execution-config'?: {
    'execution-mode'?: string;
    'restart-strategy'?: string;
    'job-parallelism'?: number;
    'object-reuse-mode'?: boolean;
    'user-config'?: Record<string, unknown>;
  };
}

export interface RawBackpressure {
  status?: string;
  backpressureLevel?: string;
  'backpressure-level'?: string;
  'end-timestamp'?: number;
  subtasks?: Array<{ subtask?: number; backpressureLevel?: string; 'backpressure-level'?: string; ratio?: number; idleRatio?: number; busyRatio?: number }>;
}

/** /…/metrics?get=…&agg=… answers a list of {id, min, max, avg, sum} (aggregated) or {id, value}. */
export type RawMetricList = Array<{ id: string; value?: string; min?: number; max?: number; avg?: number; sum?: number }>;

export interface RawJarList {
  address?: string;
  files?: Array<{ id: string; name?: string; uploaded?: number; entry?: Array<{ name?: string; description?: string | null }> }>;
}

export interface RawAsyncTrigger {
  'request-id': string;
}

export interface RawAsyncStatus {
  status?: { id?: string };
  operation?: { location?: string; 'failure-cause'?: { class?: string; 'stack-trace'?: string; 'serialized-throwable'?: string } };
}
