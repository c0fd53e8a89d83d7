import { calls, isCallName, type Api } from '../../src-shared/contract';
import { StreamdeskError, type Envelope, type ErrorBody } from '../../src-shared/errors';
import type { Logger } from './logger';

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * The single entry point both hosts use: validate the arguments against the contract, run the
 * call, and fold every outcome into an envelope. Nothing thrown here reaches a host.
 */
export async function dispatch(api: Api, name: unknown, rawArgs: unknown, log?: Logger): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown-call', message: `Unknown call: ${String(name).slice(0, 80)}` } };
  }
  const parsed = calls[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-argument', message: `${name}: ${describeIssues(parsed.error)}` } };
  }
  try {
    const handler = api[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorBody(error, name, log) };
  }
}

export function toErrorBody(error: unknown, name: string, log?: Logger): ErrorBody {
  if (error instanceof StreamdeskError) return { code: error.code, message: error.message };
  log?.error(`${name} failed`, error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `${name} failed: ${message}` };
}
