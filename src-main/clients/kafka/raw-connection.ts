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
  const connection = await openConnection(target, timeoutMs, brokers);
  try {
    return await work(connection);
  } finally {
    // a dead broker's socket may never finish closing: do not wait for it
    void connection.close().catch(() => {});
  }
}

/** A connection to the first of `brokers` that answers; the caller closes it. */
async function openConnection(target: KafkaTarget, timeoutMs: number, brokers: string[]): Promise<Connection> {
  let lastError: unknown = new Error('no bootstrap broker');
  for (const broker of brokers) {
    const { host, port } = hostAndPort(broker);
    const connection = new (kafkaWire().Connection)('streamdesk-admin', { connectTimeout: timeoutMs, requestTimeout: timeoutMs, ...securityOptions(target) });
    // A socket error (a broker killed mid-request) is emitted as 'error' besides failing the request in flight; an
    // EventEmitter's 'error' with no listener is thrown as an uncaught exception and would end the whole back end.
    connection.on('error', () => {});
    try {
      await connection.connect(host, port);
      return connection;
    } catch (error) {
      lastError = error;
      void connection.close().catch(() => {});
    }
  }
  throw lastError;
}

/** How a caller runs work over a connection to the target: a fresh one each time (`withConnection`) or a kept one. */
export type ConnectionRunner = <T>(target: KafkaTarget, timeoutMs: number, work: (connection: Connection) => Promise<T>) => Promise<T>;

/**
 * One connection kept between calls for a caller that asks every few seconds (the health poll's Kafka and quorum
 * probes). A fresh connection per probe made a broker accept a connection and answer ApiVersions twice a round
 * (0.66/s on broker 1 of a 3-broker cluster); this one is opened again only after a failure that is not a broker's
 * answer (a socket closed, a timeout), when the target changes (another profile), and after `close`.
 */
export class KeptConnection {
  private kept: { key: string; connection: Promise<Connection> } | null = null;

  readonly run: ConnectionRunner = async (target, timeoutMs, work) => {
    const key = JSON.stringify(target);
    if (this.kept?.key !== key) {
      this.close();
      this.kept = { key, connection: openConnection(target, timeoutMs, target.brokers) };
    }
    const kept = this.kept;
    try {
      return await work(await kept.connection);
    } catch (error) {
      if (!(error instanceof kafkaWire().ResponseError) && this.kept === kept) this.close();
      throw error;
    }
  };

  close(): void {
    const kept = this.kept;
    this.kept = null;
    // a dead broker's socket may never finish closing: do not wait for it
    void kept?.connection.then((connection) => connection.close()).catch(() => {});
  }
}

const offeredByConnection = new WeakMap<Connection, Promise<Map<number, number>>>();

/** The highest version of each API (by key) the broker behind `connection` offers: ApiVersions once per connection. */
export function offeredVersions(connection: Connection): Promise<Map<number, number>> {
  let offered = offeredByConnection.get(connection);
  if (!offered) {
    offered = kafkaWire()
      .apiVersionsV3.api.async(connection, 'streamdesk', '1')
      .then((answer) => new Map(answer.apiKeys.map((api) => [api.apiKey, api.maxVersion])));
    offered.catch(() => offeredByConnection.delete(connection));
    offeredByConnection.set(connection, offered);
  }
  return offered;
}
