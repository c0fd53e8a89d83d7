import { describe, expect, it } from 'vitest';
import { kafkaError } from '@main/clients/kafka/kafka-errors';

describe('kafkaError', () => {
  it('turns kafkajs tripping over a broker that died mid-request into "unavailable", not an internal error', () => {
    // what kafkajs 2.2.4 throws from describeCluster when the broker is killed during the request
    let thrown: unknown;
    try {
      const { brokers } = null as unknown as { brokers: string[] };
      void brokers;
    } catch (error) {
      thrown = error;
    }
    const mapped = kafkaError(thrown, 'read topics');
    expect(mapped.code).toBe('unavailable');
    expect(mapped.message).toBe('read topics: Kafka stopped answering in the middle of the request (connection lost)');
  });

  it('keeps a programming error of our own an internal error', () => {
    expect(kafkaError(new TypeError('x.map is not a function'), 'read topics').code).toBe('internal');
  });

  it('calls records the broker refused bad input with their usual cause, not "unavailable" (a retry would be refused again)', () => {
    // kafkajs 2.2.4's KafkaJSProtocolError for a keyless record sent to a compacted topic, as the real broker answered it
    const refused = Object.assign(new Error('This record has failed the validation on broker and hence be rejected'), {
      name: 'KafkaJSProtocolError',
      type: 'INVALID_RECORD',
      code: 87,
      retriable: false,
    });
    const mapped = kafkaError(refused, 'write to alerts');
    expect(mapped.code).toBe('invalid-argument');
    expect(mapped.message).toBe(
      'write to alerts: the broker refused the records: This record has failed the validation on broker and hence be rejected (a compacted topic refuses records without a key; broker said INVALID_RECORD)',
    );
  });
});
