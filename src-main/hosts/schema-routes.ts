// The Schemas page's REST endpoints under /api/streaming/schemas, for scripts: each a call of the
// `schemas` area through dispatch, answering its bare result, or the ErrorBody with its HTTP status.
import type { ServerResponse } from 'node:http';
import type { Api, CallName } from '@shared/contract';
import { readJsonBody, sendJson } from './http-util';
import type { Route } from './rest-routes';
import { answerCall, asObject, renamed } from './route-answers';

const SUBJECT = '(?<subject>[^/]+)';
const path = (rest: string) => new RegExp(`^/api/streaming/schemas${rest}$`);

export function schemaRoutes(api: Api): Route[] {
  const answer = (response: ServerResponse, name: CallName, args: unknown, okStatus = 200, names: Record<string, string> = {}) =>
    answerCall(api, response, name, args, { okStatus, paths: renamed(names) });
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
