/**
 * Errors after which producing more cannot succeed: the topic is gone or we are not allowed
 * to write. Everything else (timeouts, leader moves, a broker restart) fails one batch and the
 * generator keeps going.
 */
const FATAL_TYPES = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'SASL_AUTHENTICATION_FAILED',
  'ILLEGAL_SASL_STATE',
  'UNSUPPORTED_SASL_MECHANISM',
]);
const FATAL_NAMES = new Set(['KafkaJSSASLAuthenticationError']);

interface ErrorLike {
  name?: unknown;
  type?: unknown;
  message?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

/** kafkajs wraps the broker's error (retries exceeded → original error); look through the chain. */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && out.length < 5) {
    const e = current as ErrorLike;
    out.push(e);
    current = e.originalError ?? e.cause;
  }
  return out;
}

export function isFatalSendError(error: unknown): boolean {
  return chain(error).some((e) => FATAL_TYPES.has(String(e.type)) || FATAL_NAMES.has(String(e.name)));
}

/** The innermost message is the broker's own words ("This server does not host this topic-partition"). */
export function sendErrorMessage(error: unknown): string {
  const messages = chain(error)
    .map((e) => (typeof e.message === 'string' ? e.message : ''))
    .filter(Boolean);
  if (messages.length === 0) return String(error);
  const outer = messages[0];
  const inner = messages[messages.length - 1];
  return outer === inner ? outer : `${outer}: ${inner}`;
}
