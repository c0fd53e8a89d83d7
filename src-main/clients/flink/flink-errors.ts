// Errors from Flink's REST APIs, carrying Flink's own words (its `errors` array).
import { StreamdeskError } from '@shared/errors';
import { errorCodeOfStatus } from '@main/clients/http-status';

/**
 * Flink answers failures as `{"errors": ["<message>", "<stack trace with Caused by: ...>"]}`.
 * The first entry is often generic ("Could not execute application."); the deepest
 * "Caused by:" line of the trace usually names the real reason, so both are kept.
 */
export function flinkErrorMessage(body: unknown): string | null {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const texts = errors.filter((e): e is string => typeof e === 'string');
  if (texts.length === 0) return null;
  const first = firstLine(texts[0]);
  const reason = bestCause(texts.join('\n'));
  if (!reason || first.includes(reason)) return first;
  // the SQL Gateway's first entry says nothing ("Internal server error."): the cause is the message
  return GENERIC.test(first) ? reason : `${first} — ${reason}`;
}

const GENERIC = /^(Internal server error\.?|Failed to fetchResults\.?)$/i;

/**
 * Flink's own table exceptions (parse, validation: "SQL parse failed. ...", "Object 'x' not
 * found") say it best; below them are Calcite's internals. Otherwise the deepest cause.
 */
const FLINK_TABLE_CAUSE = /^org\.apache\.flink\.(table\.api\.(ValidationException|SqlParserException|TableException)|sql\.parser\.error\.SqlValidateException)/;

/** The most telling "Caused by:" of a Java stack trace, or null. */
function bestCause(trace: string): string | null {
  const causes = [...trace.matchAll(/^\s*Caused by: (.+)$/gm)].map((m) => m[1].trim());
  const picked = causes.find((c) => FLINK_TABLE_CAUSE.test(c)) ?? causes.at(-1);
  return picked ? stripExceptionClass(picked) : null;
}

/** The message of the deepest "Caused by:" in a Java stack trace, or null. */
export function deepestCause(trace: string): string | null {
  const causes = [...trace.matchAll(/^\s*Caused by: (.+)$/gm)].map((m) => m[1].trim());
  const last = causes.at(-1);
  return last ? stripExceptionClass(last) : null;
}

/** "org.x.FooException: message" → "FooException: message" (the package path is noise in a UI). */
export function stripExceptionClass(line: string): string {
  return line.replace(/^(?:[a-z_$][\w$]*\.)+([A-Z][\w$]*(?:Exception|Error|Throwable)\b)/, '$1');
}

function firstLine(s: string): string {
  return stripExceptionClass((s.split('\n')[0] ?? s).trim());
}

export class FlinkApiError extends StreamdeskError {
  constructor(
    readonly status: number,
    readonly what: string,
    readonly flinkMessage: string,
  ) {
    super(errorCodeOfStatus(status), `${what}: ${flinkMessage}`);
    this.name = 'FlinkApiError';
  }
}

/** The server could not be reached at all (refused, timed out). */
export function unreachable(what: string, baseUrl: string, cause: unknown): StreamdeskError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new StreamdeskError('unavailable', `${what}: ${baseUrl} is not reachable (${reason})`);
}
