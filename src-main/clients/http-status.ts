import type { ErrorCode } from '@shared/errors';

/** What an HTTP service's status means as the contract's ErrorCode (Flink, Connect and the Schema Registry answer alike). */
export function errorCodeOfStatus(status: number): ErrorCode {
  if (status === 404) return 'not-found';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid-argument';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}
