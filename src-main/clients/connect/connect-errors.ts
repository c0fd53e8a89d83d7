// A Connect worker's failures as StreamdeskErrors that name the worker: its own words (Connect answers
// `{ error_code, message }`) with the HTTP status, so a 409 "connector is being rebalanced" reads as Connect said it.
import { StreamdeskError } from '@shared/errors';
import { errorCodeOfStatus } from '@main/clients/http-status';

export function connectError(url: string, what: string, status: number, body: unknown, text: string): StreamdeskError {
  const message = (body as { message?: unknown } | null)?.message;
  const said = typeof message === 'string' ? message : text.slice(0, 300) || 'no answer';
  // Connect answers 409 while a rebalance is under way, and for a name that is taken; 500 "Request
  // timed out" is a worker still joining its group or one too busy to answer: try again later
  const code = status === 500 && /timed out/i.test(said) ? 'unavailable' : errorCodeOfStatus(status);
  return new StreamdeskError(code, `Kafka Connect at ${url}: ${what}: HTTP ${status}: ${said}`);
}

/** Refused, reset or timed out: the worker did not answer. */
export function connectUnreachable(url: string, what: string, cause: unknown): StreamdeskError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new StreamdeskError('unavailable', `Kafka Connect at ${url} did not answer (${what}): ${reason}`);
}
