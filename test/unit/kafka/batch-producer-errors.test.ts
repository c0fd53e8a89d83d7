import { describe, expect, it } from 'vitest';
import { producerFailure } from '@main/clients/kafka/batch-producer';

/**
 * What @platformatic/kafka 1.x threw when a broker refused a keyless record on a compacted topic, recorded
 * with util.inspect and cut to the fields read: MultipleErrors → ResponseError → one ProtocolError per code.
 */
const compactedRefusal = {
  code: 'PLT_KFK_MULTIPLE',
  message: 'Producing messages failed.',
  errors: [
    {
      code: 'PLT_KFK_RESPONSE',
      message: 'Received response with error while executing API Produce(v11)',
      errors: [
        {
          code: 'PLT_KFK_PROTOCOL',
          apiId: 'UNKNOWN_SERVER_ERROR',
          message: 'The server experienced an unexpected error when processing the request.',
          serverErrorMessage: 'Compacted topic cannot accept message without key in topic partition it.compacted-0',
        },
        {
          code: 'PLT_KFK_PROTOCOL',
          apiId: 'INVALID_RECORD',
          message: 'This record has failed the validation on broker and hence will be rejected.',
          serverErrorMessage: null,
        },
      ],
    },
  ],
};

describe('a batch the broker refused', () => {
  it('is named by what it is (INVALID_RECORD), in the broker’s own words, as invalid input', () => {
    const error = producerFailure(compactedRefusal, 'write to it.compacted');
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe(
      'write to it.compacted: the broker refused the records: Compacted topic cannot accept message without key in topic partition it.compacted-0 (a compacted topic refuses records without a key; broker said INVALID_RECORD)',
    );
  });

  it('is `unavailable` when no broker answered', () => {
    const error = producerFailure(new Error('Connection to 127.0.0.1:1 failed'), 'write to t');
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Connection to 127.0.0.1:1 failed');
  });
});
