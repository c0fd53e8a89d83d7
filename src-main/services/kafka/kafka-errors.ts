import { StreamdeskError, type ErrorCode } from '../../../src-shared/errors';

interface KafkaJsErrorLike {
  name?: string;
  type?: string;
  message?: string;
  errors?: KafkaJsErrorLike[];
  cause?: { code?: string };
  originalError?: KafkaJsErrorLike;
}

/** Broker error types and the field of our forms they are about. */
const FIELD_OF: Record<string, string> = {
  TOPIC_ALREADY_EXISTS: 'name',
  INVALID_TOPIC_EXCEPTION: 'name',
  INVALID_PARTITIONS: 'partitions',
  INVALID_REPLICATION_FACTOR: 'replicationFactor',
  INVALID_CONFIG: 'configs',
  INVALID_REQUEST: 'request',
  POLICY_VIOLATION: 'configs',
  UNKNOWN_TOPIC_OR_PARTITION: 'name',
};

const CODE_OF: Record<string, ErrorCode> = {
  TOPIC_ALREADY_EXISTS: 'conflict',
  UNKNOWN_TOPIC_OR_PARTITION: 'not-found',
  TOPIC_AUTHORIZATION_FAILED: 'forbidden',
  CLUSTER_AUTHORIZATION_FAILED: 'forbidden',
  SASL_AUTHENTICATION_FAILED: 'forbidden',
};

function innermost(error: KafkaJsErrorLike): KafkaJsErrorLike {
  if (error.errors?.length) return innermost(error.errors[0]);
  if (error.originalError) return innermost(error.originalError);
  return error;
}

/**
 * Turns what kafkajs throws into a StreamdeskError whose message names the field the broker
 * objected to, or says plainly that the cluster could not be reached.
 */
export function kafkaError(error: unknown, action: string): StreamdeskError {
  if (error instanceof StreamdeskError) return error;
  const inner = innermost((error ?? {}) as KafkaJsErrorLike);
  const type = inner.type;
  if (type) {
    const field = FIELD_OF[type];
    const code = CODE_OF[type] ?? (field ? 'invalid-argument' : 'unavailable');
    return new StreamdeskError(code, `${field ? `${field}: ` : ''}${inner.message ?? type} (${action}, broker said ${type})`);
  }
  const name = inner.name ?? '';
  if (/Connection|NumberOfRetriesExceeded|Timeout|BrokerNotFound/i.test(name) || inner.cause?.code) {
    return new StreamdeskError('unavailable', `${action}: Kafka is not reachable (${inner.message ?? name})`);
  }
  return new StreamdeskError('internal', `${action}: ${inner.message ?? String(error)}`);
}
