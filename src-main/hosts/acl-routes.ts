// ACLs under /api/streaming/acls in the seed's snake_case (lower-case enum values, as the contract's); each a call of the
// `acls` area through dispatch, so validation and errors are the UI's (400 with issues at the body's field names, 409).
import type { Api } from '@shared/contract';
import type { AclBinding, AclCheckResult, AclListing, DeleteAclsResult } from '@shared/acls';
import type { ErrorIssue } from '@shared/errors';
import { readJsonBody, sendJson } from './http-util';
import type { Route } from './rest-routes';
import { answerCall, asObject, renamed } from './route-answers';

const SNAKE: Record<string, string> = { resource_type: 'resourceType', resource_name: 'resourceName', pattern_type: 'patternType', dry_run: 'dryRun' };
const CAMEL = Object.fromEntries(Object.entries(SNAKE).map(([snake, camel]) => [camel, snake]));
const paths = renamed(CAMEL);
/** A delete's filter is the body itself: its issues are at the body's fields, not under `filter`. */
const filterPaths = (path: ErrorIssue['path']) => paths(path[0] === 'filter' && path.length > 1 ? path.slice(1) : path);

/** The body's or the query's fields under the contract's names (unknown ones kept, for the contract to refuse by name). */
function camelCased(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [SNAKE[key] ?? key, value]));
}
const queryFields = (url: URL) => camelCased(Object.fromEntries(url.searchParams));

const bindingAnswer = (b: AclBinding) => ({
  principal: b.principal,
  host: b.host,
  resource_type: b.resourceType,
  resource_name: b.resourceName,
  pattern_type: b.patternType,
  operation: b.operation,
  permission: b.permission,
});

const checkAnswer = (r: AclCheckResult) => ({ allowed: r.allowed, decision: r.decision, decided_by: r.decidedBy.map(bindingAnswer), reason: r.reason });

export function aclRoutes(api: Api): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/acls$/,
      handle: ({ response, url }) =>
        answerCall(api, response, 'acls:list', queryFields(url), { paths, shape: (r) => ({ bindings: (r as AclListing).bindings.map(bindingAnswer) }) }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/streaming\/acls$/,
      handle: async ({ request, response }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        await answerCall(api, response, 'acls:create', camelCased(asObject(body.value)), {
          okStatus: 201,
          paths,
          shape: (r) => bindingAnswer(r as AclBinding),
        });
      },
    },
    {
      // the filter's fields in the body; `"dry_run": true` (or `?dry_run=true`) previews what it would remove
      method: 'DELETE',
      pattern: /^\/api\/streaming\/acls$/,
      handle: async ({ request, response, url }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        const { dryRun, ...filter } = camelCased(asObject(body.value));
        const args = { filter, dryRun: dryRun ?? url.searchParams.get('dry_run') === 'true' };
        const shape = (r: unknown) => ({ dry_run: (r as DeleteAclsResult).dryRun, bindings: (r as DeleteAclsResult).bindings.map(bindingAnswer) });
        await answerCall(api, response, 'acls:delete', args, { paths: filterPaths, shape });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/acls\/check$/,
      handle: ({ response, url }) => answerCall(api, response, 'acls:check', queryFields(url), { paths, shape: (r) => checkAnswer(r as AclCheckResult) }),
    },
  ];
}
