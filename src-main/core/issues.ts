// How zod's problems are told to a caller: one line per problem naming its field, and the same as
// {path, message} for forms. Apart from dispatch so the profiles (and `streamdesk search`, which
// loads them) can use it without the whole contract.
import type { ErrorIssue } from '@shared/errors';

export const MAX_ISSUES_SHOWN = 20;

export interface Issue {
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
export function describeIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): string {
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
export function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : shortName(key);
}

/** Field names come from the caller: a hostile one must not make the message huge. */
export function shortName(key: PropertyKey): string {
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

const MAX_MESSAGE_CHARS = 2000;

/** Services echo names they were given; a 200 kB name must not come back (or reach a log) whole. */
export function capped(message: string): string {
  return message.length > MAX_MESSAGE_CHARS
    ? `${message.slice(0, MAX_MESSAGE_CHARS - 40)}… (${message.length - MAX_MESSAGE_CHARS + 40} more characters)`
    : message;
}
