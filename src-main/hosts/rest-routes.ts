import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Api } from '@shared/contract';
import type { HealthSnapshot } from '@shared/health';
import { statusReport } from '../services/health/status-report';
import { dispatch } from '../core/dispatch';
import type { ExpensiveCallLimiter } from './expensive-calls';
import { MAX_INGEST_RECORDS } from '@shared/produce';
import { jsonArrayValues } from '../services/messages/json-array-split';
import { parseJsonBody, readBodyBytes, readJsonBody, sendEnvelope, sendJson } from './http-util';
import { handleJarUpload } from './jar-upload';
import { schemaRoutes } from './schema-routes';
import { connectRoutes } from './connect-routes';
import { brokerRoutes } from './broker-routes';
import { aclRoutes } from './acl-routes';
import { userRoutes } from './user-routes';
import { reassignmentRoutes } from './reassignment-routes';
import { sqlRoutes } from './sql-routes';
import { answerCall, asObject } from './route-answers';
import type { Envelope } from '@shared/errors';
import type { PurgeRecordsResult } from '@shared/topics';
import {
  createTopicFromSeed,
  createTopicIssuePaths,
  ingestFromSeed,
  ingestIssuePaths,
  type IssuePathMap,
  SeedRequestError,
  startPipelineFromSeed,
  startPipelineIssuePaths,
} from './seed-requests';

interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
}
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  handle(context: RouteContext): Promise<void>;
}

/**
 * The seed's REST API plus `POST /api/call/:name`, the whole contract for scripts. Every route
 * goes through the same dispatch as the UI, so validation and errors are identical.
 */
export function restRoutes(api: Api, limiter?: ExpensiveCallLimiter): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/status$/,
      handle: async ({ response }) => {
        const envelope = await dispatch(api, 'health:get', {});
        sendEnvelopeUnwrapped(response, envelope.ok ? { ok: true, result: statusReport(envelope.result as HealthSnapshot) } : envelope);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/streaming\/topics$/,
      handle: async ({ request, response }) => {
        const seed = await seedArgs(request, response, createTopicFromSeed, createTopicIssuePaths);
        if (seed) sendEnvelopeUnwrapped(response, seed.named(await dispatch(api, 'topics:create', seed.args)), 201);
      },
    },
    ingestRoute(api),
    {
      method: 'POST',
      pattern: /^\/api\/streaming\/pipelines$/,
      handle: async ({ request, response }) => {
        const seed = await seedArgs(request, response, startPipelineFromSeed, startPipelineIssuePaths);
        if (!seed) return;
        const envelope = seed.named(await dispatch(api, 'pipelines:start', seed.args));
        if (!envelope.ok) return sendEnvelope(response, envelope);
        const started = envelope.result as { jobId: string; pipelineName: string; settings: unknown; warning: string | null; dashboardUrl: string };
        sendJson(response, 201, {
          job_id: started.jobId,
          pipeline_name: started.pipelineName,
          settings: started.settings,
          warning: started.warning,
          dashboard_url: started.dashboardUrl,
        });
      },
    },
    {
      // a job jar's bytes from the browser (the desktop app sends them over IPC)
      method: 'POST',
      pattern: /^\/api\/pipelines\/jars$/,
      handle: ({ request, response, url }) => handleJarUpload(api, request, response, url),
    },
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/metrics\/(?<topic>[^/]+)$/,
      handle: async ({ response, url, params }) => {
        const args = { topic: decodeURIComponent(params.topic), time_range: url.searchParams.get('time_range') ?? '1h' };
        sendEnvelopeUnwrapped(response, await dispatch(api, 'metrics:topic', args));
      },
    },
    purgeRoute(api),
    ...schemaRoutes(api),
    ...connectRoutes(api),
    ...brokerRoutes(api),
    ...aclRoutes(api),
    ...userRoutes(api),
    ...reassignmentRoutes(api),
    ...sqlRoutes(api),
    {
      method: 'POST',
      pattern: /^\/api\/call\/(?<name>[a-zA-Z]+:[a-zA-Z]+)$/,
      handle: async ({ request, response, params }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        const call = () => dispatch(api, params.name, body.value);
        // A script is one client per address: expensive calls (search, replay) are limited per caller.
        sendEnvelope(response, await (limiter ? limiter.run(`rest ${request.socket.remoteAddress ?? '?'}`, params.name, call) : call()));
      },
    },
  ];
}

/**
 * Reads the body and maps it to contract arguments, or answers 400 naming the field. `named`
 * renames the issues of the call's answer from the contract's fields to the body's.
 */
async function seedArgs<T>(request: IncomingMessage, response: ServerResponse, map: (body: unknown) => T, paths: (body: unknown) => IssuePathMap) {
  return seedArgsOf(await readJsonBody(request), response, map, paths);
}

/** seedArgs of a body already read. */
function seedArgsOf<T>(
  body: Awaited<ReturnType<typeof readJsonBody>>,
  response: ServerResponse,
  map: (body: unknown) => T,
  paths: (body: unknown) => IssuePathMap,
): { args: T; named: (envelope: Envelope<unknown>) => Envelope<unknown> } | null {
  if (!body.ok) {
    sendJson(response, body.status, body.envelope);
    return null;
  }
  try {
    const args = map(body.value);
    const toBody = paths(body.value);
    return {
      args,
      named: (envelope) =>
        envelope.ok || !envelope.error.issues
          ? envelope
          : { ok: false, error: { ...envelope.error, issues: envelope.error.issues.map((issue) => ({ ...issue, path: toBody(issue.path) })) } },
    };
  } catch (error) {
    if (!(error instanceof SeedRequestError)) throw error;
    sendJson(response, 400, { ok: false, error: { code: 'invalid-argument', message: error.message, issues: error.issues } });
    return null;
  }
}

/** Records written as JSON text: no `subject`, `format` or `message` in the query asks for a schema. */
function writtenAsText(url: URL): boolean {
  return !['subject', 'format', 'message'].some((name) => url.searchParams.has(name));
}

/** The seed's endpoints answer the bare result on success, and the error envelope otherwise. */
function sendEnvelopeUnwrapped(response: ServerResponse, envelope: Awaited<ReturnType<typeof dispatch>>, okStatus = 200): void {
  if (envelope.ok) sendJson(response, okStatus, envelope.result);
  else sendEnvelope(response, envelope);
}

/** The seed's ingest: a JSON array's values go as bytes (ingestValues); anything else is parsed (ingest). */
function ingestRoute(api: Api): Route {
  return {
    method: 'POST',
    pattern: /^\/api\/streaming\/ingest\/(?<topic>[^/]+)$/,
    handle: async ({ request, response, params, url }) => {
      const body = await readBodyBytes(request);
      if (!body.ok) return sendJson(response, body.status, body.envelope);
      const topic = decodeURIComponent(params.topic);
      // A JSON array written as JSON text: its values' bytes as they came (see json-array-split.ts)
      const values = writtenAsText(url) ? jsonArrayValues(body.bytes) : null;
      if (values && values.length >= 1 && values.length <= MAX_INGEST_RECORDS)
        return sendEnvelopeUnwrapped(response, await dispatch(api, 'messages:ingestValues', { topic, values }));
      // anything else (one object, a schema, what is not JSON) is parsed, and refused naming the field
      const seed = seedArgsOf(parseJsonBody(body.bytes), response, (value) => ingestFromSeed(topic, value, url.searchParams), ingestIssuePaths);
      if (seed) sendEnvelopeUnwrapped(response, seed.named(await dispatch(api, 'messages:ingest', seed.args)));
    },
  };
}

/** DeleteRecords for scripts: a script's request is its own confirmation. */
function purgeRoute(api: Api): Route {
  return {
    // purge: {"before": {"offset": N} | {"timestamp": ms}, "partitions"?: [...]}; ?dry_run=true answers the preview
    method: 'DELETE',
    pattern: /^\/api\/streaming\/topics\/(?<name>[^/]+)\/records$/,
    handle: async ({ request, response, url, params }) => {
      const body = await readJsonBody(request);
      if (!body.ok) return sendJson(response, body.status, body.envelope);
      const name = decodeURIComponent(params.name);
      const dryRun = url.searchParams.get('dry_run') === 'true';
      await answerCall(api, response, 'topics:purge', { ...asObject(body.value), name, dryRun, confirmation: name }, { shape: purgedAnswer });
    },
  };
}

/** The seed's snake_case: each partition's new low watermark and what went. */
function purgedAnswer(result: unknown): unknown {
  const r = result as PurgeRecordsResult;
  return {
    topic: r.name,
    applied: r.applied,
    removed: r.removed,
    partitions: r.partitions.map((p) => ({
      partition: p.partition,
      low_watermark: p.newLowWatermark,
      previous_low_watermark: p.lowWatermark,
      high_watermark: p.highWatermark,
      removed: p.removed,
    })),
  };
}
