// Flink SQL for scripts: POST /api/streaming/sql answers application/x-ndjson, one line per row as
// Flink produces it, the last line `{"done": true, …}` or `{"error": …}`; the query's id comes in the
// X-Query-Id header, for DELETE /api/streaming/sql/:id. Each request has a session of its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Api } from '@shared/contract';
import type { Envelope } from '@shared/errors';
import type { SqlFetchResult } from '@shared/sql';
import { dispatch } from '../core/dispatch';
import { readJsonBody, sendEnvelope, sendJson } from './http-util';
import { answerCall, asObject } from './route-answers';
import type { Route } from './rest-routes';
import { SECURITY_HEADERS } from './security-headers';

const BODY_FIELDS = new Set(['statement', 'mode', 'limit', 'parallelism', 'scan']);

export function sqlRoutes(api: Api): Route[] {
  return [
    { method: 'POST', pattern: /^\/api\/streaming\/sql$/, handle: ({ request, response }) => streamStatement(api, request, response) },
    {
      method: 'DELETE',
      pattern: /^\/api\/streaming\/sql\/(?<id>[^/]+)$/,
      handle: ({ response, params }) => answerCall(api, response, 'sql:cancel', { runId: decodeURIComponent(params.id) }),
    },
  ];
}

function refuseField(response: ServerResponse, field: string, message: string): void {
  sendJson(response, 400, { ok: false, error: { code: 'invalid-argument', message: `${field}: ${message}`, issues: [{ path: [field], message }] } });
}

/** The session's settings from the body: batch mode reads up to the offsets at the start, streaming runs on. */
function sessionArgs(b: Record<string, unknown>): Record<string, unknown> {
  const mode = b.mode ?? 'streaming';
  return {
    mode,
    ...(b.parallelism !== undefined ? { parallelism: b.parallelism } : {}),
    scan: b.scan ?? { until: mode === 'batch' ? 'latest' : 'unbounded' },
  };
}

async function streamStatement(api: Api, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJsonBody(request);
  if (!body.ok) return sendJson(response, body.status, body.envelope);
  const b = asObject(body.value);
  const unknown = Object.keys(b).find((k) => !BODY_FIELDS.has(k));
  if (unknown) return refuseField(response, unknown, `is not a field (known: ${[...BODY_FIELDS].join(', ')})`);
  if (typeof b.statement !== 'string') return refuseField(response, 'statement', 'is required (a string)');
  const opened = await dispatch(api, 'sql:openSession', sessionArgs(b));
  if (!opened.ok) return sendEnvelope(response, opened);
  const { sessionId } = opened.result as { sessionId: string };
  try {
    const run = await dispatch(api, 'sql:run', { sessionId, statement: b.statement, limit: b.limit ?? null });
    if (!run.ok) return sendEnvelope(response, run);
    await streamRows(api, response, (run.result as { runId: string }).runId, b.mode === 'batch');
  } finally {
    await dispatch(api, 'sql:closeSession', { sessionId });
  }
}

async function streamRows(api: Api, response: ServerResponse, runId: string, batch: boolean): Promise<void> {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Query-Id': runId });
  let ended = false;
  // the client went away: its query's job is cancelled, not left running
  response.on('close', () => {
    if (!ended) void dispatch(api, 'sql:cancel', { runId });
  });
  for (;;) {
    const fetched = (await dispatch(api, 'sql:fetch', { runId, waitMs: 1000, maxRows: 20_000 })) as Envelope<SqlFetchResult>;
    if (response.destroyed) return;
    if (!fetched.ok) return finish({ error: fetched.error });
    const f = fetched.result;
    const lines = f.rows.map((row) => JSON.stringify(rowObject(f, row, batch)));
    if (lines.length > 0 && !response.write(`${lines.join('\n')}\n`)) await new Promise((r) => response.once('drain', r));
    if (f.status === 'failed') return finish({ error: f.failure });
    if (f.status !== 'running')
      return finish({ done: true, id: runId, rows: f.rowsRead, jobId: f.jobId, limitReached: f.limitReached, cancelled: f.status === 'cancelled' });
  }

  function finish(last: unknown): void {
    ended = true;
    response.end(`${JSON.stringify(last)}\n`);
  }
}

function rowObject(f: SqlFetchResult, row: SqlFetchResult['rows'][number], batch: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = batch ? {} : { op: row.op };
  f.columns.forEach((c, i) => (out[c.name] = row.fields[i]));
  return out;
}
