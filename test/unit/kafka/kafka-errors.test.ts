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

  it('reads @platformatic/kafka’s nested broker codes (apiId) too: no coordinator yet is "unavailable", not internal', () => {
    // the shape its Admin throws: MultipleErrors → ResponseError → one ProtocolError per code
    const thrown = {
      message: 'Listing consumer group offsets failed.',
      errors: [
        {
          message: 'Received response with error while executing API OffsetFetch(v9)',
          errors: [{ apiId: 'COORDINATOR_NOT_AVAILABLE', message: 'The coordinator is not available.' }],
        },
      ],
    };
    const mapped = kafkaError(thrown, 'read committed offsets');
    expect(mapped.code).toBe('unavailable');
    expect(mapped.message).toContain('COORDINATOR_NOT_AVAILABLE');
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
