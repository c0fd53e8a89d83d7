import { z } from 'zod';
import type { FlinkHealth, TaskManagersHealth } from '@shared/health';
import { errorReason } from './reasons';
import { lostTaskManagers, type ListedTaskManager, type LostTaskManager } from './taskmanager-liveness';

/** The fields of Flink's `GET /overview` we read (stable from 1.x through 2.x). */
export const FlinkOverview = z.object({
  taskmanagers: z.number(),
  'slots-total': z.number(),
  'slots-available': z.number(),
  'jobs-running': z.number(),
  'jobs-finished': z.number(),
  'jobs-cancelled': z.number(),
  'jobs-failed': z.number(),
  'flink-version': z.string().optional(),
});
export type FlinkOverview = z.infer<typeof FlinkOverview>;

export interface FlinkProbeResult {
  flink: FlinkHealth;
  taskmanagers: TaskManagersHealth;
}

const NO_TM_DETAILS = { taskManagers: null, slotsTotal: null, slotsAvailable: null };

/** Pure: the two tiles' health from one overview answer. */
export function flinkHealthFrom(url: string, overview: FlinkOverview, checkedAt: number, latencyMs: number): FlinkProbeResult {
  const flink: FlinkHealth = {
    status: 'up',
    reason: '',
    checkedAt,
    latencyMs,
    details: {
      url,
      version: overview['flink-version'] ?? null,
      jobsRunning: overview['jobs-running'],
      jobsFinished: overview['jobs-finished'],
      jobsCancelled: overview['jobs-cancelled'],
      jobsFailed: overview['jobs-failed'],
    },
  };
  const details = {
    taskManagers: overview.taskmanagers,
    slotsTotal: overview['slots-total'],
    slotsAvailable: overview['slots-available'],
  };
  const taskmanagers: TaskManagersHealth =
    overview.taskmanagers === 0
      ? { status: 'down', reason: 'No TaskManager is registered with the JobManager: jobs cannot run', checkedAt, latencyMs, details }
      : overview['slots-available'] === 0
        ? { status: 'degraded', reason: `All ${overview['slots-total']} task slots are in use: a new job will wait`, checkedAt, latencyMs, details }
        : { status: 'up', reason: '', checkedAt, latencyMs, details };
  return { flink, taskmanagers };
}

/** Pure: the TaskManagers tile once those whose process is gone (still listed by Flink) are left out. */
export function withoutLostTaskManagers(tile: TaskManagersHealth, lost: LostTaskManager[]): TaskManagersHealth {
  const listed = tile.details.taskManagers;
  if (lost.length === 0 || listed === null) return tile;
  const live = Math.max(0, listed - lost.length);
  const details = {
    taskManagers: live,
    slotsTotal: Math.max(0, (tile.details.slotsTotal ?? 0) - lost.reduce((sum, tm) => sum + tm.slots, 0)),
    slotsAvailable: Math.max(0, (tile.details.slotsAvailable ?? 0) - lost.reduce((sum, tm) => sum + tm.freeSlots, 0)),
  };
  const one = lost.length === 1;
  const gone = `${one ? 'TaskManager' : 'TaskManagers'} ${lost.map((tm) => `${tm.id} at ${tm.address}`).join(', ')} refused the connection (process gone; Flink lists ${one ? 'it' : 'them'} until ${one ? 'its' : 'their'} heartbeat times out)`;
  if (live === 0) return { ...tile, status: 'down', reason: `No TaskManager is running: ${gone}; jobs cannot run`, details };
  return { ...tile, status: 'degraded', reason: `${lost.length} of ${listed} TaskManagers lost: ${gone}`, details };
}

/**
 * An endpoint under Flink's REST URL, keeping its path: behind a proxy Flink lives at
 * https://host/flink/, and `new URL('/overview', base)` would drop the /flink.
 */
export function flinkEndpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** TaskManagers Flink lists whose process is gone; none when the list cannot be read. */
async function lostFromList(url: string, fetchFn: typeof fetch, timeoutMs: number, headers: Record<string, string>): Promise<LostTaskManager[]> {
  try {
    const started = Date.now();
    const response = await fetchFn(flinkEndpoint(url, '/taskmanagers'), { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return [];
    const body = (await response.json()) as { taskmanagers?: ListedTaskManager[] };
    return await lostTaskManagers(body.taskmanagers ?? [], Math.max(100, timeoutMs - (Date.now() - started)));
  } catch {
    return [];
  }
}

export async function probeFlink(
  url: string | null,
  fetchFn: typeof fetch,
  timeoutMs: number,
  now: () => number,
  headers: Record<string, string> = {},
): Promise<FlinkProbeResult> {
  const started = now();
  const emptyFlink = { url: url ?? '', version: null, jobsRunning: null, jobsFinished: null, jobsCancelled: null, jobsFailed: null };
  if (!url) {
    const reason = 'No Flink REST URL in this connection';
    return {
      flink: { status: 'not-configured', reason, checkedAt: started, latencyMs: null, details: emptyFlink },
      taskmanagers: { status: 'not-configured', reason, checkedAt: started, latencyMs: null, details: NO_TM_DETAILS },
    };
  }
  try {
    const response = await fetchFn(flinkEndpoint(url, '/overview'), { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`GET /overview answered HTTP ${response.status}`);
    const overview = FlinkOverview.parse(await response.json());
    const result = flinkHealthFrom(url, overview, started, now() - started);
    if (overview.taskmanagers === 0) return result;
    // the liveness check shares the probe's time budget, so a slow Flink never doubles it
    const left = Math.max(250, timeoutMs - (now() - started));
    return { ...result, taskmanagers: withoutLostTaskManagers(result.taskmanagers, await lostFromList(url, fetchFn, left, headers)) };
  } catch (error) {
    const reason = errorReason(error, `Flink JobManager at ${url}`);
    return {
      flink: { status: 'down', reason, checkedAt: started, latencyMs: null, details: emptyFlink },
      taskmanagers: { status: 'unknown', reason: 'Unknown while the JobManager does not answer', checkedAt: started, latencyMs: null, details: NO_TM_DETAILS },
    };
  }
}
