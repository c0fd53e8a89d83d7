// One @platformatic/kafka Connection for the raw APIs its Admin does not offer (or offers with internal topics left out).
import type { Connection } from '@platformatic/kafka';
import type { KafkaTarget } from './kafka-target';
import { securityOptions } from './platformatic-admin';
import { kafkaWire } from './kafka-wire';

/** `host:port` or `[v6]:port` of a bootstrap entry. */
export function hostAndPort(broker: string): { host: string; port: number } {
  const colon = broker.lastIndexOf(':');
  return { host: broker.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(broker.slice(colon + 1)) };
}

/**
 * One connection to the first bootstrap broker that answers (SASL and TLS as the target says), closed after `work`;
 * `brokers` names other addresses to try instead (a broker the metadata named, such as the controller).
 */
export async function withConnection<T>(
  target: KafkaTarget,
  timeoutMs: number,
  work: (connection: Connection) => Promise<T>,
  brokers: string[] = target.brokers,
): Promise<T> {
  let lastError: unknown = new Error('no bootstrap broker');
  for (const broker of brokers) {
    const { host, port } = hostAndPort(broker);
    const connection = new (kafkaWire().Connection)('streamdesk-admin', { connectTimeout: timeoutMs, requestTimeout: timeoutMs, ...securityOptions(target) });
    // A socket error (a broker killed mid-request) is emitted as 'error' besides failing the request in flight; an
    // EventEmitter's 'error' with no listener is thrown as an uncaught exception and would end the whole back end.
    connection.on('error', () => {});
    try {
      await connection.connect(host, port);
    } catch (error) {
      lastError = error;
      void connection.close().catch(() => {});
      continue;
    }
    try {
      return await work(connection);
    } finally {
      // a dead broker's socket may never finish closing: do not wait for it
      void connection.close().catch(() => {});
    }
  }
  throw lastError;
}
