import { calls, isCallName, type Api } from '@shared/contract';
import { StreamdeskError, type Envelope, type ErrorBody } from '@shared/errors';
import { capped, describeIssues, issuesOf, MAX_ISSUES_SHOWN, pathKey, shortName, type Issue } from './issues';
import type { Logger } from './logger';

/**
 * The single entry point both hosts use: validate the arguments against the contract, run the
 * call, and fold every outcome into an envelope. Nothing thrown here reaches a host.
 */
export async function dispatch(api: Api, name: unknown, rawArgs: unknown, log?: Logger): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown-call',
        message: `Unknown call: ${typeof name === 'string' ? shortName(name) : `expected a call name (a string), got ${name === null ? 'null' : typeof name}`}`,
      },
    };
  }
  const parsed = calls[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues as unknown as Issue[];
    return { ok: false, error: { code: 'invalid-argument', message: capped(`${name}: ${describeIssues(issues)}`), issues: issuesOf(issues) } };
  }
  try {
    const handler = api[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorBody(error, name, log) };
  }
}

function toErrorBody(error: unknown, name: string, log?: Logger): ErrorBody {
  if (error instanceof StreamdeskError) {
    // Only errors about fields carry issues; the others keep the bare {code, message} they always had.
    const issues = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => ({ path: issue.path.map(pathKey), message: capped(issue.message) }));
    return issues.length > 0 ? { code: error.code, message: capped(error.message), issues } : { code: error.code, message: capped(error.message) };
  }
  log?.error(`${name} failed`, error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: capped(`${name} failed: ${message}`) };
}
