// A Schema Registry's failures as StreamdeskErrors that name the registry: its own words (Confluent's
// `{ error_code, message }`, which Karapace and Apicurio's ccompat API answer too) with the HTTP status.
import { StreamdeskError, type ErrorCode } from '@shared/errors';

function codeFor(status: number): ErrorCode {
  if (status === 404) return 'not-found';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid-argument';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

export function registryError(url: string, what: string, status: number, body: unknown, text: string): StreamdeskError {
  const message = (body as { message?: unknown } | null)?.message;
  const said = typeof message === 'string' ? message : text.slice(0, 300) || 'no answer';
  return new StreamdeskError(codeFor(status), `Schema Registry at ${url}: ${what}: HTTP ${status}: ${said}`);
}

/** Refused, reset or timed out: the registry did not answer. */
export function registryUnreachable(url: string, what: string, cause: unknown): StreamdeskError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new StreamdeskError('unavailable', `Schema Registry at ${url} did not answer (${what}): ${reason}`);
}
