// Kafka Connect's REST API under /api/streaming/connectors, in Connect's own shapes so a script written for Connect
// works here; each a call of the `connect` area through dispatch (validated, secrets masked). `?cluster=<url>` picks
// one of the connection's Connect clusters; without it, the first.
import type { ServerResponse } from 'node:http';
import type { Api, CallName } from '@shared/contract';
import type { ConnectorDetail, ConnectorSummary } from '@shared/connect';
import { dispatch } from '../core/dispatch';
import { readJsonBody, sendEnvelope, sendJson } from './http-util';
import type { Route } from './rest-routes';
import { answerCall, asObject } from './route-answers';

const NAME = '(?<name>[^/]+)';
const path = (rest: string) => new RegExp(`^/api/streaming/connectors${rest}$`);

/** Connect's status document (`GET /connectors/{name}/status`). */
const connectStatus = (c: ConnectorSummary) => ({
  name: c.name,
  connector: { state: c.state, worker_id: c.workerId, ...(c.trace ? { trace: c.trace } : {}) },
  tasks: c.tasks.map((t) => ({ id: t.id, state: t.state, worker_id: t.workerId, ...(t.trace ? { trace: t.trace } : {}) })),
  type: c.type,
});

/** Connect's connector document (`GET /connectors/{name}`). */
const connectInfo = (c: ConnectorDetail) => ({ name: c.name, config: c.config, tasks: c.tasks.map((t) => ({ connector: c.name, task: t.id })), type: c.type });

type Ref = (url: URL, params: Record<string, string>) => { cluster?: string; name: string };
type WithBody = (
  handle: (c: { response: ServerResponse; url: URL; params: Record<string, string>; body: Record<string, unknown> }) => Promise<void>,
) => Route['handle'];

export function connectRoutes(api: Api): Route[] {
  const cluster = (url: URL) => url.searchParams.get('cluster') ?? undefined;
  const ref: Ref = (url: URL, params: Record<string, string>) => ({ cluster: cluster(url), name: decodeURIComponent(params.name) });
  const withBody: WithBody = (handle) => {
    return async ({ request, response, url, params }) => {
      const body = await readJsonBody(request);
      if (!body.ok) return sendJson(response, body.status, body.envelope);
      await handle({ response, url, params, body: asObject(body.value) });
    };
  };
  const operation =
    (verb: 'pause' | 'resume' | 'stop'): Route['handle'] =>
    ({ response, url, params }) =>
      answerCall(api, response, `connect:${verb}`, ref(url, params), { okStatus: 202, shape: (s) => connectStatus(s as ConnectorSummary) });
  return [
    { method: 'GET', pattern: path(''), handle: ({ response, url }) => listConnectors(api, response, url) },
    {
      method: 'POST',
      pattern: path(''),
      handle: withBody(({ response, url, body }) =>
        answerCall(
          api,
          response,
          'connect:create',
          { cluster: cluster(url), name: body.name, config: body.config },
          { okStatus: 201, shape: (d) => connectInfo(d as ConnectorDetail) },
        ),
      ),
    },
    {
      method: 'GET',
      pattern: path(`/${NAME}`),
      handle: ({ response, url, params }) =>
        answerCall(api, response, 'connect:connector', ref(url, params), { shape: (d) => connectInfo(d as ConnectorDetail) }),
    },
    {
      method: 'GET',
      pattern: path(`/${NAME}/status`),
      handle: ({ response, url, params }) =>
        answerCall(api, response, 'connect:connector', ref(url, params), { shape: (d) => connectStatus(d as ConnectorDetail) }),
    },
    { method: 'PUT', pattern: path(`/${NAME}`), handle: withBody(({ response, url, params, body }) => putConfig(api, response, ref(url, params), body)) },
    {
      method: 'PUT',
      pattern: path(`/${NAME}/config`),
      handle: withBody(({ response, url, params, body }) => putConfig(api, response, ref(url, params), body)),
    },
    {
      method: 'DELETE',
      pattern: path(`/${NAME}`),
      handle: ({ response, url, params }) =>
        answerCall(api, response, 'connect:delete', { ...ref(url, params), confirm: ref(url, params).name }, { okStatus: 204, shape: () => null }),
    },
    ...(['pause', 'resume', 'stop'] as const).flatMap((verb) =>
      (['POST', 'PUT'] as const).map((method) => ({ method, pattern: path(`/${NAME}/${verb}`), handle: operation(verb) })),
    ),
    {
      method: 'POST',
      pattern: path(`/${NAME}/restart`),
      handle: ({ response, url, params }) => {
        const flag = (name: string) => url.searchParams.get(name) === 'true';
        const args = { ...ref(url, params), includeTasks: flag('includeTasks'), onlyFailed: flag('onlyFailed') };
        return answerCall(api, response, 'connect:restart', args, { okStatus: 202, shape: (r) => connectStatus((r as { after: ConnectorSummary }).after) });
      },
    },
    ...offsetRoutes(api, ref, withBody),
  ];
}

/** KIP-875: read, alter (PATCH with Connect's `{offsets}` body), reset (DELETE); `?dryRun=true` answers the preview. */
function offsetRoutes(api: Api, ref: Ref, withBody: WithBody): Route[] {
  return [
    {
      method: 'GET',
      pattern: path(`/${NAME}/offsets`),
      handle: ({ response, url, params }) =>
        answerCall(api, response, 'connect:offsets', ref(url, params), { shape: (o) => ({ offsets: (o as { offsets: unknown }).offsets }) }),
    },
    {
      method: 'PATCH',
      pattern: path(`/${NAME}/offsets`),
      handle: withBody(({ response, url, params, body }) =>
        changeOffsets(api, response, {
          ...ref(url, params),
          change: { kind: 'alter', offsets: body.offsets },
          dryRun: url.searchParams.get('dryRun') === 'true',
        }),
      ),
    },
    {
      method: 'DELETE',
      pattern: path(`/${NAME}/offsets`),
      handle: ({ response, url, params }) =>
        changeOffsets(api, response, { ...ref(url, params), change: { kind: 'reset' }, dryRun: url.searchParams.get('dryRun') === 'true' }),
    },
  ];
}

/** Connect's list: the names, or with `expand=status`/`expand=info` a map of each connector's documents. */
async function listConnectors(api: Api, response: ServerResponse, url: URL): Promise<void> {
  const expand = url.searchParams.getAll('expand');
  const wanted = url.searchParams.get('cluster');
  const envelope = await dispatch(api, 'connect:overview', {});
  if (!envelope.ok) return sendEnvelope(response, envelope);
  const { clusters, connectors } = envelope.result as { clusters: { url: string }[]; connectors: ConnectorSummary[] };
  const chosen = wanted ?? clusters[0]?.url;
  if (wanted && !clusters.some((c) => c.url === wanted.replace(/\/+$/, ''))) {
    return sendJson(response, 404, {
      ok: false,
      error: {
        code: 'not-found',
        message: `no Kafka Connect cluster ${wanted} in this connection`,
        issues: [{ path: ['cluster'], message: 'not in this connection' }],
      },
    });
  }
  const mine = connectors.filter((c) => c.cluster === chosen?.replace(/\/+$/, ''));
  if (expand.length === 0) return sendJson(response, 200, mine.map((c) => c.name).sort());
  const entries = await Promise.all(
    mine.map(async (c) => {
      const info = expand.includes('info') ? await dispatch(api, 'connect:connector', { cluster: c.cluster, name: c.name }) : null;
      return [
        c.name,
        { ...(expand.includes('status') ? { status: connectStatus(c) } : {}), ...(info?.ok ? { info: connectInfo(info.result as ConnectorDetail) } : {}) },
      ];
    }),
  );
  sendJson(response, 200, Object.fromEntries(entries));
}

/** Connect's `PUT /connectors/{name}/config`: the config map as the body (or `{config}`); creates (201) or replaces (200). */
async function putConfig(api: Api, response: ServerResponse, target: { cluster?: string; name: string }, body: Record<string, unknown>): Promise<void> {
  const config = typeof body.config === 'object' && body.config !== null && !('connector.class' in body) ? body.config : body;
  const exists = await dispatch(api, 'connect:connector', target);
  const call: CallName = exists.ok ? 'connect:update' : 'connect:create';
  if (!exists.ok && exists.error.code !== 'not-found') return sendEnvelope(response, exists);
  await answerCall(api, response, call, { ...target, config }, { okStatus: exists.ok ? 200 : 201, shape: (d) => connectInfo(d as ConnectorDetail) });
}

/** PATCH and DELETE of offsets answer Connect's `{message}`; issues name the body's `offsets` (`offsets.0.partition…`). */
function changeOffsets(api: Api, response: ServerResponse, args: Record<string, unknown>): Promise<void> {
  return answerCall(api, response, 'connect:changeOffsets', args, {
    paths: (p) => (p[0] === 'change' ? p.slice(1) : p),
    shape: (r) => {
      const result = r as { applied: boolean; message: string | null; changes: unknown };
      return result.applied ? { message: result.message } : { changes: result.changes };
    },
  });
}
