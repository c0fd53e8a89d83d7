import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid-argument',
  'unknown-call',
  'not-found',
  'conflict',
  'unavailable',
  'unauthorized',
  'forbidden',
  /** Serve mode: this client already runs as many expensive calls (search, replay) as it may. */
  'rate-limited',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with one argument: where it is (`['config', 'partitions']`) and what is wrong with it. */
export const ErrorIssue = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

/** `issues` comes with `invalid-argument` (and with a service's own checks of a field, such as a
 * replication factor above the broker count), so a form can put each message beside its field. */
export const ErrorBody = z.object({ code: ErrorCode, message: z.string(), issues: z.array(ErrorIssue).optional() });
export type ErrorBody = z.infer<typeof ErrorBody>;

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

/** The one error type that crosses the contract; clients rethrow it from an error envelope. */
export class StreamdeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly ErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'StreamdeskError';
  }
}

/** A service's own check of one argument, reported like the contract's (path and message).
 * `code` is `conflict` where the value is well-formed but clashes with what exists (a taken name). */
export function invalidField(path: ErrorIssue['path'], message: string, code: ErrorCode = 'invalid-argument'): StreamdeskError {
  return new StreamdeskError(code, `${path.join('.')}: ${message}`, [{ path, message }]);
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new StreamdeskError(envelope.error.code, envelope.error.message, envelope.error.issues ?? []);
}
