// The Schemas page's REST endpoints under /api/streaming/schemas, for scripts: each a call of the
// `schemas` area through dispatch, answering its bare result, or the ErrorBody with its HTTP status.
import type { ServerResponse } from 'node:http';
import type { Api, CallName } from '@shared/contract';
import type { Envelope } from '@shared/errors';
import { dispatch } from '../core/dispatch';
import { readJsonBody, sendEnvelope, sendJson } from './http-util';
import type { Route } from './rest-routes';

const SUBJECT = '(?<subject>[^/]+)';
const path = (rest: string) => new RegExp(`^/api/streaming/schemas${rest}$`);

export function schemaRoutes(api: Api): Route[] {
  const answer = async (response: ServerResponse, name: CallName, args: unknown, okStatus = 200, renamed: Record<string, string> = {}) =>
    send(response, renameIssues(await dispatch(api, name, args), renamed), okStatus);
  const subjectOf = (params: Record<string, string>) => decodeURIComponent(params.subject);
  const flag = (url: URL, name: string) => (url.searchParams.has(name) ? url.searchParams.get(name) === 'true' : undefined);
  return [
    { method: 'GET', pattern: path(''), handle: ({ response, url }) => answer(response, 'schemas:subjects', { includeDeleted: flag(url, 'deleted') }) },
    {
      method: 'GET',
      pattern: path(`/${SUBJECT}`),
      handle: ({ response, url, params }) => answer(response, 'schemas:versions', { subject: subjectOf(params), includeDeleted: flag(url, 'deleted') }),
    },
    {
      // Confluent's register body ({schema, schemaType?, references?}); a missing schemaType is Avro there too
      method: 'POST',
      pattern: path(`/${SUBJECT}`),
      handle: async ({ request, response, params }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        await answer(response, 'schemas:register', { schemaType: 'AVRO', ...asObject(body.value), subject: subjectOf(params) }, 201);
      },
    },
    {
      method: 'POST',
      pattern: path(`/${SUBJECT}/compatibility`),
      handle: async ({ request, response, params }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        await answer(response, 'schemas:checkCompatibility', { schemaType: 'AVRO', ...asObject(body.value), subject: subjectOf(params) });
      },
    },
    {
      // Confluent's config body: {"compatibility": "BACKWARD"}
      method: 'PUT',
      pattern: path(`/${SUBJECT}/config`),
      handle: async ({ request, response, params }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        const { compatibility, ...rest } = asObject(body.value);
        await answer(response, 'schemas:setCompatibility', { ...rest, level: compatibility, subject: subjectOf(params) }, 200, { level: 'compatibility' });
      },
    },
    {
      method: 'DELETE',
      pattern: path(`/${SUBJECT}`),
      handle: ({ response, url, params }) => answer(response, 'schemas:delete', { subject: subjectOf(params), permanent: flag(url, 'permanent') }),
    },
    {
      method: 'DELETE',
      pattern: path(`/${SUBJECT}/versions/(?<version>[^/]+)`),
      handle: ({ response, url, params }) =>
        answer(response, 'schemas:delete', { subject: subjectOf(params), version: Number(params.version), permanent: flag(url, 'permanent') }),
    },
  ];
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { body: value };
}

/** Issue paths in the body's names where the body's field differs from the call's (`compatibility` for `level`). */
function renameIssues(envelope: Envelope<unknown>, renamed: Record<string, string>): Envelope<unknown> {
  if (envelope.ok || !envelope.error.issues) return envelope;
  const issues = envelope.error.issues.map((issue) => ({
    ...issue,
    path: issue.path.map((part) => (typeof part === 'string' ? (renamed[part] ?? part) : part)),
  }));
  return { ok: false, error: { ...envelope.error, issues } };
}

/** The bare result on success, like the seed's endpoints; the error envelope with its status otherwise. */
function send(response: ServerResponse, envelope: Envelope<unknown>, okStatus: number): void {
  if (envelope.ok) sendJson(response, okStatus, envelope.result);
  else sendEnvelope(response, envelope);
}
