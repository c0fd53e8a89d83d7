import { calls, isCallName, type Api } from '@shared/contract';
import { StreamdeskError, type Envelope, type ErrorBody, type ErrorIssue } from '@shared/errors';
import type { Logger } from './logger';

const MAX_ISSUES_SHOWN = 20;

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Issue[][];
}

/**
 * One line per problem, each starting with the field it is about (`auth.username: ...`), so a
 * user, a script or a test can tell which value to fix. Zod's union errors only say "Invalid
 * input" at the union; they are replaced by the problems of the closest alternative.
 */
function describeIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): string {
  // Top-level problems first (an unknown field, the wrong shape): they explain the rest.
  const shown = [...issues].sort((a, b) => a.path.length - b.path.length).slice(0, MAX_ISSUES_SHOWN);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return (
    shown
      .map((issue) => {
        const path = [...prefix, ...issue.path];
        if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) return describeIssues(closestAlternative(issue.errors), path);
        const field = path.map(shortName).join('.');
        if (issue.code === 'unrecognized_keys' && issue.keys) {
          const keys = issue.keys.slice(0, MAX_ISSUES_SHOWN).map((key) => `${field ? `${field}.` : ''}${shortName(key)}: unknown field`);
          return [...keys, ...(issue.keys.length > keys.length ? [`and ${issue.keys.length - keys.length} more unknown fields`] : [])].join('; ');
        }
        return `${field || 'arguments'}: ${issue.message}`;
      })
      .join('; ') + more
  );
}

/**
 * The same problems as describeIssues, one {path, message} each, so a form can put each message
 * beside its field without reading it back out of the text. Same order, same closest alternative
 * for a union, one issue per unknown key (`[...path, key]`, "unknown field"), same caps.
 */
export function issuesOf(issues: readonly Issue[], prefix: PropertyKey[] = []): ErrorIssue[] {
  return [...issues]
    .sort((a, b) => a.path.length - b.path.length)
    .slice(0, MAX_ISSUES_SHOWN)
    .flatMap((issue) => {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) return issuesOf(closestAlternative(issue.errors), path);
      if (issue.code === 'unrecognized_keys' && issue.keys)
        return issue.keys.slice(0, MAX_ISSUES_SHOWN).map((key) => ({ path: [...path, key].map(pathKey), message: 'unknown field' }));
      return [{ path: path.map(pathKey), message: capped(issue.message) }];
    });
}

/** Array indexes stay numbers (a form addresses `records[3]`); any other key is a (short) string. */
function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : shortName(key);
}

/** Field names come from the caller: a hostile one must not make the message huge. */
function shortName(key: PropertyKey): string {
  const text = String(key);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The alternative the value came nearest to: the one whose shape it has (fewest problems at its
 * own level: unknown or missing top fields), then the fewest problems, then the deepest ones.
 */
function closestAlternative(alternatives: Issue[][]): Issue[] {
  const shapeMisses = (issues: Issue[]) => issues.filter((issue) => issue.path.length <= 1).length;
  const depth = (issues: Issue[]) => Math.max(0, ...issues.map((issue) => issue.path.length));
  return [...alternatives].sort((a, b) => shapeMisses(a) - shapeMisses(b) || a.length - b.length || depth(b) - depth(a))[0] ?? [];
}

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

const MAX_MESSAGE_CHARS = 2000;

/** Services echo names they were given; a 200 kB name must not come back (or reach a log) whole. */
function capped(message: string): string {
  return message.length > MAX_MESSAGE_CHARS
    ? `${message.slice(0, MAX_MESSAGE_CHARS - 40)}… (${message.length - MAX_MESSAGE_CHARS + 40} more characters)`
    : message;
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
