// What the REST routes of a contract area share: a call through dispatch answered with its bare result (like the
// seed's endpoints) or the ErrorBody with its HTTP status, issue paths in the body's own names.
import type { ServerResponse } from 'node:http';
import type { Api, CallName } from '@shared/contract';
import type { Envelope, ErrorIssue } from '@shared/errors';
import { dispatch } from '../core/dispatch';
import { sendEnvelope, sendJson } from './http-util';

type PathMap = (path: ErrorIssue['path']) => ErrorIssue['path'];

/** Calls `name` and answers: `okStatus` with the result (shaped by `shape`), or the error with its status. */
export async function answerCall(
  api: Api,
  response: ServerResponse,
  name: CallName,
  args: unknown,
  o: { okStatus?: number; paths?: PathMap; shape?: (result: unknown) => unknown } = {},
): Promise<void> {
  const envelope = await dispatch(api, name, args);
  if (envelope.ok) return sendJson(response, o.okStatus ?? 200, o.shape ? o.shape(envelope.result) : envelope.result);
  sendEnvelope(response, o.paths ? mapIssuePaths(envelope, o.paths) : envelope);
}

/** Renames path parts where the body's field differs from the call's (`compatibility` for `level`). */
export const renamed =
  (names: Record<string, string>): PathMap =>
  (path) =>
    path.map((part) => (typeof part === 'string' ? (names[part] ?? part) : part));

function mapIssuePaths(envelope: Envelope<unknown>, paths: PathMap): Envelope<unknown> {
  if (envelope.ok || !envelope.error.issues) return envelope;
  const issues = envelope.error.issues.map((issue) => ({ ...issue, path: paths(issue.path) }));
  return { ok: false, error: { ...envelope.error, issues } };
}

export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { body: value };
}
