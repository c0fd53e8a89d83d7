// Flink's REST answers → the console's types. Pure and tolerant: a missing field becomes null
// (or 0 for counts), never an exception, so 1.18 and 2.x answers both parse.
import type { BackpressureLevel, CheckpointEntry, CheckpointStats, FlinkCluster, JobExceptionEntry, LastCheckpoint } from '@shared/flink';
import { stripExceptionClass } from './flink-errors';
import type {
  RawBackpressure,
  RawCheckpointEntry,
  RawCheckpoints,
  RawExceptions,
  RawJobConfig,
  RawJobDetail,
  RawMetricList,
  RawOverview,
} from './flink-rest-types';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
/** Flink reports -1 for "not known yet" in several places (end-time, durations, sizes). */
const nonNegative = (v: unknown): number | null => {
  const n = num(v);
  return n === null || n < 0 ? null : n;
};

export function parseCluster(o: RawOverview, dashboardUrl: string): FlinkCluster {
  return {
    flinkVersion: typeof o['flink-version'] === 'string' ? o['flink-version'] : null,
    taskmanagers: int(o.taskmanagers),
    slotsTotal: int(o['slots-total']),
    slotsFree: int(o['slots-available']),
    jobsRunning: int(o['jobs-running']),
    jobsFinished: int(o['jobs-finished']),
    jobsCancelled: int(o['jobs-cancelled']),
    jobsFailed: int(o['jobs-failed']),
    dashboardUrl,
  };
}

function parseCheckpointEntry(e: RawCheckpointEntry): CheckpointEntry {
  return {
    id: int(e.id),
    status: e.status ?? 'UNKNOWN',
    isSavepoint: e.is_savepoint === true,
    triggeredAt: nonNegative(e.trigger_timestamp),
    durationMs: nonNegative(e.end_to_end_duration),
    sizeBytes: nonNegative(e.state_size ?? e.checkpointed_size),
    externalPath: typeof e.external_path === 'string' && e.external_path !== '<checkpoint-not-externally-addressable>' ? e.external_path : null,
  };
}

export function parseCheckpointStats(c: RawCheckpoints): CheckpointStats {
  const history = (c.history ?? []).map(parseCheckpointEntry).sort((a, b) => b.id - a.id);
  const latest = c.latest ?? {};
  return {
    completed: int(c.counts?.completed),
    failed: int(c.counts?.failed),
    inProgress: int(c.counts?.in_progress),
    restored: int(c.counts?.restored),
    latestCompleted: latest.completed ? parseCheckpointEntry(latest.completed) : null,
    latestSavepoint: latest.savepoint ? parseCheckpointEntry(latest.savepoint) : null,
    history,
  };
}

/** The newest checkpoint of any status (history is newest first), as the job list shows it. */
export function lastCheckpoint(c: RawCheckpoints, now: number): LastCheckpoint | null {
  const stats = parseCheckpointStats(c);
  const newest = stats.history[0] ?? stats.latestCompleted;
  if (!newest) return null;
  const raw = (c.history ?? []).find((h) => h.id === newest.id) ?? c.latest?.completed ?? {};
  const at = nonNegative(raw.latest_ack_timestamp) ?? newest.triggeredAt;
  return {
    id: newest.id,
    ageMs: at === null ? null : Math.max(0, now - at),
    status: newest.status,
    durationMs: newest.durationMs,
    sizeBytes: newest.sizeBytes,
    isSavepoint: newest.isSavepoint,
  };
}

/**
 * Checkpoints that failed since the last one completed (savepoints aside): what the alert watches.
 * The total since the job started counts the failures of its first seconds, while tasks were still
 * being deployed, forever after. Flink keeps the last few attempts (web.checkpoints.history, 10).
 */
export function checkpointsFailedInARow(c: RawCheckpoints): number {
  let failed = 0;
  for (const entry of parseCheckpointStats(c).history) {
    if (entry.isSavepoint || entry.status === 'IN_PROGRESS') continue;
    if (entry.status !== 'FAILED') break;
    failed += 1;
  }
  return failed;
}

export function parseExceptions(e: RawExceptions): JobExceptionEntry[] {
  const history = e.exceptionHistory?.entries;
  if (Array.isArray(history) && history.length > 0) {
    return history.map((h) => ({
      timestamp: num(h.timestamp),
      message: firstLine(h.stacktrace ?? h.exceptionName ?? 'unknown exception'),
      stacktrace: h.stacktrace ?? null,
      taskName: h.taskName ?? null,
      location: h.location ?? h.endpoint ?? null,
    }));
  }
  // the pre-1.13 fields, still answered by 1.18 (gone in 2.x)
  const out: JobExceptionEntry[] = [];
  if (e['root-exception'])
    out.push({ timestamp: num(e.timestamp), message: firstLine(e['root-exception']), stacktrace: e['root-exception'], taskName: null, location: null });
  for (const x of e['all-exceptions'] ?? []) {
    out.push({
      timestamp: num(x.timestamp),
      message: firstLine(x.exception ?? 'unknown exception'),
      stacktrace: x.exception ?? null,
      taskName: x.task ?? null,
      location: x.location ?? null,
    });
  }
  return out;
}

function firstLine(s: string): string {
  return stripExceptionClass((s.split('\n')[0] ?? s).trim());
}

/** Execution config flattened to "key: string" pairs for display. */
export function parseJobConfig(c: RawJobConfig): Record<string, string> {
  const out: Record<string, string> = {};
  const ec = c['execution-config'] ?? {};
  for (const [k, v] of Object.entries(ec)) {
    if (k === 'user-config') continue;
    if (v !== undefined && v !== null) out[k] = typeof v === 'string' ? v : JSON.stringify(v); // a number or flag as written, anything structured as JSON
  }
  for (const [k, v] of Object.entries(ec['user-config'] ?? {})) out[`user-config.${k}`] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

export function parseBackpressureLevel(b: RawBackpressure): BackpressureLevel {
  const level = (b.backpressureLevel ?? b['backpressure-level'] ?? '').toLowerCase();
  if (b.status && b.status !== 'ok') return 'unknown'; // 'deprecated': not sampled yet (pre-1.13 sampler)
  return level === 'ok' || level === 'low' || level === 'high' ? level : 'unknown';
}

/** A metric from an aggregated metrics answer: `sum` by default, or `value` for non-aggregated ones. */
export function metricValue(list: RawMetricList, id: string, agg: 'sum' | 'max' | 'min' | 'avg' = 'sum'): number | null {
  const m = list.find((x) => x.id === id);
  if (!m) return null;
  const v = m[agg] ?? (m.value !== undefined ? Number(m.value) : undefined);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The sum of the figures that are known; null when none is. */
export function sumKnown(values: (number | null)[]): number | null {
  const known = values.filter((n): n is number => n !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
}

/** Source and sink vertices, from the plan's edges (a vertex no other vertex reads is a sink). */
export function sourcesAndSinks(d: RawJobDetail): { sources: string[]; sinks: string[] } {
  const nodes = d.plan?.nodes ?? [];
  const ids = (d.vertices ?? []).map((v) => v.id);
  if (nodes.length === 0) return { sources: ids.slice(0, 1), sinks: ids.slice(-1) };
  const consumed = new Set(nodes.flatMap((n) => (n.inputs ?? []).map((i) => i.id)));
  return { sources: nodes.filter((n) => (n.inputs ?? []).length === 0).map((n) => n.id), sinks: nodes.filter((n) => !consumed.has(n.id)).map((n) => n.id) };
}

/** The largest vertex parallelism: what a user asked for (a source of parallelism 1 aside). */
export function jobParallelism(d: RawJobDetail): number | null {
  const ps = (d.vertices ?? []).map((v) => num(v.parallelism)).filter((p): p is number => p !== null);
  return ps.length > 0 ? Math.max(...ps) : null;
}

export function jobTimes(d: { 'start-time'?: number; duration?: number }): { startTime: number | null; durationMs: number | null } {
  return { startTime: nonNegative(d['start-time']), durationMs: nonNegative(d.duration) };
}
