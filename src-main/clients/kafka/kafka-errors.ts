import { StreamdeskError, type ErrorCode } from '@shared/errors';

interface KafkaJsErrorLike {
  name?: string;
  type?: string;
  /** @platformatic/kafka's name for the broker's error code (its ResponseError nests one per code). */
  apiId?: string;
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

/** Records the broker refused for what they are (a retry would be refused again), with what usually causes it. */
const REFUSED_RECORDS: Record<string, string> = {
  INVALID_RECORD: 'a compacted topic refuses records without a key',
  MESSAGE_TOO_LARGE: "larger than the topic's max.message.bytes",
  RECORD_LIST_TOO_LARGE: "larger than the topic's max.message.bytes",
  INVALID_TIMESTAMP: "outside the topic's message.timestamp difference limits",
  CORRUPT_MESSAGE: 'the record failed its checksum',
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
  const inner = innermost(error ?? {});
  // kafkajs says `type`, @platformatic/kafka `apiId` (COORDINATOR_NOT_AVAILABLE on a fresh cluster was 'internal')
  const type = inner.type ?? inner.apiId;
  if (type && REFUSED_RECORDS[type]) {
    return new StreamdeskError(
      'invalid-argument',
      `${action}: the broker refused the records: ${inner.message ?? type} (${REFUSED_RECORDS[type]}; broker said ${type})`,
    );
  }
  if (type) {
    const field = FIELD_OF[type];
    const code = CODE_OF[type] ?? (field ? 'invalid-argument' : 'unavailable');
    return new StreamdeskError(code, `${field ? `${field}: ` : ''}${inner.message ?? type} (${action}, broker said ${type})`);
  }
  const name = inner.name ?? '';
  // the request reached a broker that did not complete it (e.g. CreateTopics while ZooKeeper is gone): "not reachable" would send the user to the wrong place
  if (name === 'KafkaJSRequestTimeoutError') {
    return new StreamdeskError(
      'unavailable',
      `${action}: Kafka did not answer in time (${inner.message ?? name}); the broker is reachable but did not complete the request (is its controller, or ZooKeeper, down?)`,
    );
  }
  // On a fresh cluster the group coordinator appears only once __consumer_offsets exists: transient, not a bug.
  if (name === 'KafkaJSGroupCoordinatorNotFound') {
    return new StreamdeskError(
      'unavailable',
      `${action}: Kafka has no group coordinator yet (${inner.message ?? name}); it may still be creating __consumer_offsets, try again in a few seconds`,
    );
  }
  if (/Connection|NumberOfRetriesExceeded|Timeout|BrokerNotFound/i.test(name) || inner.cause?.code) {
    return new StreamdeskError('unavailable', `${action}: Kafka is not reachable (${inner.message ?? name})`);
  }
  // kafkajs trips over its own state when a broker dies mid-request ("Cannot destructure property 'brokers' of … null")
  if (name === 'TypeError' && /Cannot destructure|of null|of undefined/.test(inner.message ?? '')) {
    return new StreamdeskError('unavailable', `${action}: Kafka stopped answering in the middle of the request (connection lost)`);
  }
  return new StreamdeskError('internal', `${action}: ${inner.message ?? String(error)}`);
}
