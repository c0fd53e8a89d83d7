// SCRAM users and client quotas under /api/streaming/users and /api/streaming/quotas in the seed's snake_case; each a
// call of the `users` area through dispatch (400 with issues at the body's field names, 404, 409). The mechanism is
// taken as Kafka spells it (SCRAM-SHA-512) or lower-case, and answered lower-case like every enum value here.
import type { Api } from '@shared/contract';
import type { QuotaEntry, QuotaListing, UserCredentialResult, UserListing } from '@shared/users';
import { readJsonBody, sendJson } from './http-util';
import type { Route } from './rest-routes';
import { answerCall, asObject, renamed } from './route-answers';

const SNAKE: Record<string, string> = {
  client_id: 'clientId',
  producer_byte_rate: 'producerByteRate',
  consumer_byte_rate: 'consumerByteRate',
  request_percentage: 'requestPercentage',
};
const paths = renamed(Object.fromEntries(Object.entries(SNAKE).map(([snake, camel]) => [camel, snake])));

function camelCased(fields: Record<string, unknown>): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(fields).map(([key, value]) => [SNAKE[key] ?? key, value]));
  if (typeof out.mechanism === 'string') out.mechanism = out.mechanism.toLowerCase();
  return out;
}

const NAME = '(?<name>[^/]+)';
const credentialAnswer = (r: UserCredentialResult) => ({ name: r.name, mechanism: r.mechanism, generated_password: r.generatedPassword });
const usersAnswer = (r: unknown) => {
  const { users, signedInAs } = r as UserListing;
  return { users, signed_in_as: signedInAs };
};
const quotaAnswer = (q: QuotaEntry) => ({ user: q.user, client_id: q.clientId, ...q.values });
const quotasAnswer = (r: unknown) => ({ quotas: (r as QuotaListing).quotas.map(quotaAnswer) });

/** A route whose JSON body (merged with `extra`) is the call's arguments. */
function withBody(api: Api, name: Parameters<typeof answerCall>[2], okStatus: number, shape: (r: unknown) => unknown, pathName = false): Route['handle'] {
  return async ({ request, response, params }) => {
    const body = await readJsonBody(request);
    if (!body.ok) return sendJson(response, body.status, body.envelope);
    const args = { ...camelCased(asObject(body.value)), ...(pathName ? { name: decodeURIComponent(params.name) } : {}) };
    await answerCall(api, response, name, args, { okStatus, paths, shape });
  };
}

export function userRoutes(api: Api): Route[] {
  return [
    { method: 'GET', pattern: /^\/api\/streaming\/users$/, handle: ({ response }) => answerCall(api, response, 'users:list', {}, { shape: usersAnswer }) },
    { method: 'POST', pattern: /^\/api\/streaming\/users$/, handle: withBody(api, 'users:create', 201, (r) => credentialAnswer(r as UserCredentialResult)) },
    {
      method: 'PUT',
      pattern: new RegExp(`^/api/streaming/users/${NAME}/password$`),
      handle: withBody(api, 'users:setPassword', 200, (r) => credentialAnswer(r as UserCredentialResult), true),
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/api/streaming/users/${NAME}$`),
      handle: ({ response, params }) => answerCall(api, response, 'users:delete', { name: decodeURIComponent(params.name) }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/quotas$/,
      handle: ({ response, url }) =>
        answerCall(api, response, 'users:quotas', camelCased(Object.fromEntries(url.searchParams)), { paths, shape: quotasAnswer }),
    },
    { method: 'PUT', pattern: /^\/api\/streaming\/quotas$/, handle: withBody(api, 'users:setQuota', 200, quotasAnswer) },
    { method: 'DELETE', pattern: /^\/api\/streaming\/quotas$/, handle: withBody(api, 'users:removeQuota', 200, quotasAnswer) },
  ];
}
