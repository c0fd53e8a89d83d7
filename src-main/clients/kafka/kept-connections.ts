// Raw @platformatic/kafka connections kept open between calls, one pool per target and lane. A fresh connection costs a
// TCP round, ApiVersions (and SASL) before the first request; a page that reads a slice every few hundred ms paid that
// per slice. Two lanes because a broker answers one connection's requests strictly in order: a group's detail (the
// foreground) on the background's sockets would queue behind a slice of 500 groups' descriptions; the health poll's
// Connect groups, every few seconds, have a lane of their own for the same reason.
import type { Connection, ConnectionPool } from '@platformatic/kafka';
import type { KafkaTarget } from './kafka-target';
import { securityOptions } from './platformatic-admin';
import { hostAndPort } from './raw-connection';
import { platformaticKafka } from './platformatic';

export type Lane = 'foreground' | 'background' | 'health';

/** A pool unused this long is closed (its sockets too), so an idle console holds no connection it does not need. */
const IDLE_CLOSE_MS = 30_000;
const TIMEOUT_MS = 15_000;

/** The connections of one pool: to any bootstrap broker, or to a given broker (a group's coordinator, a partition's leader). */
export interface KeptConnections {
  any(): Promise<Connection>;
  to(host: string, port: number): Promise<Connection>;
}

interface Kept {
  pool: ConnectionPool;
  timer: NodeJS.Timeout | null;
  running: number;
}

const kept = new Map<string, Kept>();

function keyOf(target: KafkaTarget, lane: Lane): string {
  return JSON.stringify([lane, target.brokers, target.sasl ?? null, target.ssl ? [target.ssl.ca, target.ssl.cert] : null]);
}

function createPool(target: KafkaTarget): ConnectionPool {
  const pool = new (platformaticKafka().ConnectionPool)('streamdesk-admin', { connectTimeout: 3000, requestTimeout: TIMEOUT_MS, ...securityOptions(target) });
  // The pool listens for a connection's first 'error' only; a second one (a broker killed mid-request) with no listener
  // would be thrown as an uncaught exception and end the back end.
  pool.on('connecting', ({ connection }: { connection: Connection }) => connection.on('error', () => {}));
  return pool;
}

function drop(key: string, entry: Kept): void {
  if (kept.get(key) === entry) kept.delete(key);
  if (entry.timer) clearTimeout(entry.timer);
  // a dead broker's socket may never finish closing: do not wait for it
  void entry.pool.close().catch(() => {});
}

/**
 * Runs `work` over the target's kept connections of `lane`. A failure that is not a broker's answer (a socket closed,
 * a timeout) drops the pool, so the next call connects afresh.
 */
export async function withKeptConnections<T>(target: KafkaTarget, lane: Lane, work: (connections: KeptConnections) => Promise<T>): Promise<T> {
  const key = keyOf(target, lane);
  let entry = kept.get(key);
  if (!entry) {
    entry = { pool: createPool(target), timer: null, running: 0 };
    kept.set(key, entry);
  }
  const { pool } = entry;
  if (entry.timer) clearTimeout(entry.timer);
  entry.running++;
  const brokers = target.brokers.map(hostAndPort);
  try {
    return await work({ any: () => pool.getFirstAvailable(brokers), to: (host, port) => pool.get({ host, port }) });
  } catch (error) {
    if (!(error instanceof platformaticKafka().ResponseError)) drop(key, entry);
    throw error;
  } finally {
    entry.running--;
    if (entry.running === 0 && kept.get(key) === entry) {
      const idle = entry;
      idle.timer = setTimeout(() => drop(key, idle), IDLE_CLOSE_MS);
      idle.timer.unref();
    }
  }
}

/** Closes every kept pool at once (the back end's shutdown). */
export function closeKeptConnections(): void {
  for (const [key, entry] of [...kept]) drop(key, entry);
}
