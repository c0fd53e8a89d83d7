import { describe, expect, it } from 'vitest';
import { isFatalSendError, sendErrorMessage } from '@main/services/generator/send-errors';

/** Shaped like kafkajs's errors: a protocol error with a type, wrapped when retries run out. */
function protocolError(type: string, message: string) {
  return Object.assign(new Error(message), { name: 'KafkaJSProtocolError', type });
}
function retriesExceeded(inner: Error) {
  return Object.assign(new Error(inner.message), { name: 'KafkaJSNumberOfRetriesExceeded', originalError: inner });
}

describe('send errors', () => {
  it('treats a missing topic and refused authorisation as fatal, even when wrapped', () => {
    expect(isFatalSendError(protocolError('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition'))).toBe(true);
    expect(isFatalSendError(retriesExceeded(protocolError('TOPIC_AUTHORIZATION_FAILED', 'Not authorized to access topics')))).toBe(true);
    expect(isFatalSendError(Object.assign(new Error('SASL PLAIN authentication failed'), { name: 'KafkaJSSASLAuthenticationError' }))).toBe(true);
  });

  it('treats timeouts, leader moves and lost connections as one failed batch, not the end', () => {
    expect(isFatalSendError(protocolError('REQUEST_TIMED_OUT', 'The request timed out'))).toBe(false);
    expect(isFatalSendError(retriesExceeded(protocolError('NOT_LEADER_FOR_PARTITION', 'not the leader')))).toBe(false);
    expect(isFatalSendError(Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError' }))).toBe(false);
    expect(isFatalSendError(undefined)).toBe(false);
  });

  it("keeps the broker's own words", () => {
    const wrapped = Object.assign(new Error('Failed to send'), { originalError: new Error('The request timed out') });
    expect(sendErrorMessage(wrapped)).toBe('Failed to send: The request timed out');
    expect(sendErrorMessage(new Error('plain'))).toBe('plain');
    expect(sendErrorMessage('text')).toBe('text');
  });
});
