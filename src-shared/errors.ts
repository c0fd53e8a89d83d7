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

export const ErrorBody = z.object({ code: ErrorCode, message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

/** The one error type that crosses the contract; clients rethrow it from an error envelope. */
export class StreamdeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StreamdeskError';
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new StreamdeskError(envelope.error.code, envelope.error.message);
}
