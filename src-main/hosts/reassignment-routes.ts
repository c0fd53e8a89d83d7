// Partition reassignment under /api/streaming/reassignments and preferred leader election at
// /api/streaming/leaders/elect, in the seed's snake_case; each a call of the `reassignments` area through dispatch (400
// with issues at the body's field names, 404, 409). Unlike the call, a POST applies unless `?dry_run=true` (or
// `"dry_run": true`) asks for the preview: an applied plan is answered 202, the reassignment then running.
import type { Api } from '@shared/contract';
import type { ElectLeadersResult, ReassignmentPlan, ReassignmentsProgress } from '@shared/reassignments';
import { readJsonBody, sendJson } from './http-util';
import type { Route } from './rest-routes';
import { answerCall, asObject, renamed } from './route-answers';

const SNAKE: Record<string, string> = {
  replication_factor: 'replicationFactor',
  throttle_bytes_per_sec: 'throttleBytesPerSec',
  allow_mixed_replication_factor: 'allowMixedReplicationFactor',
  dry_run: 'dryRun',
};
const paths = renamed(Object.fromEntries(Object.entries(SNAKE).map(([snake, camel]) => [camel, snake])));

const camelCased = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([key, value]) => [SNAKE[key] ?? key, value]));

const planAnswer = (plan: ReassignmentPlan) => ({
  topic: plan.topic,
  dry_run: plan.dryRun,
  partitions: plan.partitions.map(({ moveBytes, ...p }) => ({ ...p, move_bytes: moveBytes })),
  brokers_involved: plan.brokersInvolved,
  bytes_to_move: plan.bytesToMove,
  throttle_bytes_per_sec: plan.throttleBytesPerSec,
  brokers: plan.brokers,
});

const progressAnswer = (progress: ReassignmentsProgress) => ({
  in_flight: progress.inFlight.map(({ bytesToGo, ...p }) => ({ ...p, bytes_to_go: bytesToGo })),
  throttles: progress.throttles.map(({ bytesPerSec, ...t }) => ({ ...t, bytes_per_sec: bytesPerSec })),
  finished: progress.finished.map(({ finishedAt, ...f }) => ({ ...f, finished_at: finishedAt })),
  read_at: progress.readAt,
});

const electionAnswer = (result: ElectLeadersResult) => ({
  dry_run: result.dryRun,
  changes: result.changes.map(({ preferredInSync, ...c }) => ({ ...c, preferred_in_sync: preferredInSync })),
});

/** A POST whose JSON body is the call's arguments; applied unless the query or the body asks for a dry run. */
function previewOrApply(
  api: Api,
  name: 'reassignments:reassign' | 'reassignments:electLeaders',
  applied: number,
  shape: (r: unknown) => unknown,
): Route['handle'] {
  return async ({ request, response, url }) => {
    const body = await readJsonBody(request);
    if (!body.ok) return sendJson(response, body.status, body.envelope);
    const args = camelCased(asObject(body.value));
    const dryRun = typeof args.dryRun === 'boolean' ? args.dryRun : url.searchParams.get('dry_run') === 'true';
    await answerCall(api, response, name, { ...args, dryRun }, { okStatus: dryRun ? 200 : applied, paths, shape });
  };
}

export function reassignmentRoutes(api: Api): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/reassignments$/,
      handle: ({ response }) => answerCall(api, response, 'reassignments:progress', {}, { shape: (r) => progressAnswer(r as ReassignmentsProgress) }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/streaming\/reassignments$/,
      handle: previewOrApply(api, 'reassignments:reassign', 202, (r) => planAnswer(r as ReassignmentPlan)),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/streaming\/reassignments$/,
      handle: ({ response, url }) => answerCall(api, response, 'reassignments:cancel', Object.fromEntries(url.searchParams)),
    },
    {
      method: 'POST',
      pattern: /^\/api\/streaming\/leaders\/elect$/,
      handle: previewOrApply(api, 'reassignments:electLeaders', 200, (r) => electionAnswer(r as ElectLeadersResult)),
    },
  ];
}
