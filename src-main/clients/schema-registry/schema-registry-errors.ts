// A Schema Registry's failures as StreamdeskErrors that name the registry: its own words (Confluent's
// `{ error_code, message }`, which Karapace and Apicurio's ccompat API answer too) with the HTTP status.
import { StreamdeskError, type ErrorCode } from '@shared/errors';
import { errorCodeOfStatus } from '@main/clients/http-status';

// Confluent's error codes that say more than the HTTP status: a hard delete before the soft one
// (40405 subject, 40407 version) is a 404 there and a 409 in Apicurio; both mean "not in this state".
const CONFLICT_CODES = new Set([40405, 40407]);

function codeFor(status: number, errorCode: unknown): ErrorCode {
  return typeof errorCode === 'number' && CONFLICT_CODES.has(errorCode) ? 'conflict' : errorCodeOfStatus(status);
}

export function registryError(url: string, what: string, status: number, body: unknown, text: string): StreamdeskError {
  const { message, error_code: errorCode, detail } = (body ?? {}) as { message?: unknown; error_code?: unknown; detail?: unknown };
  // Confluent's `message`; Apicurio's own v3 API answers RFC 7807 problem details (`detail`)
  const said = typeof message === 'string' ? message : typeof detail === 'string' ? detail : text.slice(0, 300) || 'no answer';
  return new RegistryError(
    codeFor(status, errorCode),
    `Schema Registry at ${url}: ${what}: HTTP ${status}: ${said}`,
    said,
    status,
    typeof errorCode === 'number' ? errorCode : null,
    body,
  );
}

/** A registry's refusal: its own words (`said`) kept apart, so a form can show them beside the field they are about. */
export class RegistryError extends StreamdeskError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly said: string,
    readonly status: number,
    /** Confluent's `error_code` (40401 no such subject, 42201 invalid schema…), when the registry sent one. */
    readonly errorCode: number | null,
    /** The registry's answer as parsed (null when it was not JSON). */
    readonly body: unknown = null,
  ) {
    super(code, message);
  }

  /** The same refusal, as a problem with one field of the caller's arguments. */
  aboutField(path: string[]): StreamdeskError {
    return new StreamdeskError(this.code, this.message, [{ path, message: this.said }]);
  }
}

/** Refused, reset or timed out: the registry did not answer. */
export function registryUnreachable(url: string, what: string, cause: unknown): StreamdeskError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new StreamdeskError('unavailable', `Schema Registry at ${url} did not answer (${what}): ${reason}`);
}
