import type { KafkaHealth } from '@shared/health';
import { kafkaHealthFrom, type ClusterDescription, type TopicMetadataLike } from '../health/kafka-probe';
import { readClusterShape } from '@main/clients/kafka/cluster-metadata';
import type { PartitionScans } from '../health/partition-scan';
import { errorReason } from '../health/reasons';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { KeptConnection } from '@main/clients/kafka/raw-connection';

/** Node's TLS error codes: any of these means "the certificate", not "the network". */
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

interface ErrorLike {
  name?: string;
  /** kafkajs protocol errors carry the broker's error name here */
  type?: string;
  message?: string;
  code?: string;
  cause?: unknown;
}

/** kafkajs wraps the error that matters (retries exceeded → connection error → socket error). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && out.length < 6) {
    out.push(current);
    current = (current as ErrorLike).cause;
  }
  return out;
}

/** A sentence that says which of SASL, TLS or the network failed (kafkajs messages never hold the password). */
export function kafkaFailureReason(error: unknown, bootstrap: string, target: KafkaTarget): string {
  const what = `Kafka at ${bootstrap}`;
  const errors = chain(error);
  const sasl = errors.find((e) => e.name === 'KafkaJSSASLAuthenticationError');
  if (sasl) return `${what}: SASL authentication failed (${sasl.message ?? 'rejected'}); check the username, password and mechanism`;
  // OpenSSL's "bad decrypt" while loading the client key: the key password is wrong (or missing)
  const keyLocked = errors.find((e) => e.code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(e.message ?? ''));
  if (keyLocked) return `${what}: the client key could not be decrypted (${keyLocked.message ?? keyLocked.code}); check the client key password`;
  const tls = errors.find((e) => (e.code && TLS_CODES.test(e.code)) || /certificate|ssl|tls/i.test(e.message ?? ''));
  if (tls) return `${what}: TLS certificate error (${tls.message ?? tls.code}); check the CA, certificate and key files`;
  const saslState = errors.find((e) => e.type === 'ILLEGAL_SASL_STATE' || e.type === 'UNSUPPORTED_SASL_MECHANISM');
  if (saslState)
    return `${what}: this listener does not accept ${target.sasl?.mechanism.toUpperCase() ?? 'SASL'} (the broker answered: ${saslState.message}); use the SASL port or another mechanism`;
  const closed = errors.find((e) => e.name === 'KafkaJSConnectionClosedError' || /closed/i.test(e.message ?? ''));
  if (closed) {
    // a broker closes the socket when client and listener disagree about SASL or TLS
    const hint = target.sasl || target.ssl ? `may not expect ${target.ssl ? 'TLS' : 'SASL'}` : 'may require SASL or TLS';
    return `${what}: the broker closed the connection; this listener ${hint} (${closed.message ?? ''})`;
  }
  const coded = errors.find((e) => e.code);
  // kafkajs trips over its own state when a broker dies mid-request ("Cannot destructure property 'brokers' of … null"): say what happened, not that
  if (!coded && error instanceof TypeError) return `${what}: the broker stopped answering in the middle of a request (connection lost)`;
  return errorReason(coded ?? error, what);
}

/** The timeout's own error: the health poll's message when Kafka hangs, whichever client asked. */
class ProbeTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * probeKafka for a full target (SASL/TLS included). With `poll` (the health poll), its kept raw connection asks for the
 * cluster alone and for every topic's metadata only when the last partition scan is stale; kafkajs is asked only when
 * that fails otherwise than by a timeout (its errors say which of SASL, TLS or the network failed) or the broker
 * offers no Metadata v12. Without `scans` (the connection test), one short-lived kafkajs admin, no retries.
 */
export async function probeKafkaTarget(
  target: KafkaTarget,
  timeoutMs: number,
  now: () => number,
  poll?: { scans: PartitionScans; connection: KeptConnection },
): Promise<KafkaHealth> {
  const scans = poll?.scans;
  if (poll) {
    const cheap = await probeOverOneConnection(target, timeoutMs, now, poll.scans, poll.connection);
    if (cheap) return cheap;
  }
  return probeWithKafkajs(target, timeoutMs, now, scans);
}

/** The health poll's probe without kafkajs: null when kafkajs should say what failed (or the broker predates Metadata v12). */
async function probeOverOneConnection(
  target: KafkaTarget,
  timeoutMs: number,
  now: () => number,
  scans: PartitionScans,
  connection: KeptConnection,
): Promise<KafkaHealth | null> {
  const bootstrap = target.brokers.join(',');
  const started = now();
  let known: TopicMetadataLike[] | null = null;
  let scanStarted = 0;
  const wantTopics = (cluster: ClusterDescription) => {
    known = scans.reusable(cluster, now());
    scanStarted = now();
    return known === null;
  };
  try {
    const read = await withTimeout(readClusterShape(target, wantTopics, timeoutMs, connection.run), timeoutMs + 1000, `Kafka at ${bootstrap}`);
    if (!read) return null;
    if (read.topics) scans.remember(bootstrap, read.cluster, read.topics, scanStarted, now() - scanStarted);
    return kafkaHealthFrom(bootstrap, read.cluster, read.topics ?? known ?? [], started, now() - started);
  } catch (error) {
    scans.forget();
    return error instanceof ProbeTimeout ? kafkaDown(bootstrap, kafkaFailureReason(error, bootstrap, target), started) : null;
  }
}

async function probeWithKafkajs(target: KafkaTarget, timeoutMs: number, now: () => number, scans?: PartitionScans): Promise<KafkaHealth> {
  const bootstrap = target.brokers.join(',');
  const started = now();
  const admin = kafkaClient(target, {
    clientId: 'streamdesk-connection-test',
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retries: 0,
  }).admin();
  try {
    const result = await withTimeout(
      (async () => {
        await admin.connect();
        const cluster = await admin.describeCluster();
        const known = scans?.reusable(cluster, now());
        if (known) return { cluster, topics: known };
        const scanStarted = now();
        const { topics } = await admin.fetchTopicMetadata();
        scans?.remember(bootstrap, cluster, topics, scanStarted, now() - scanStarted);
        return { cluster, topics };
      })(),
      timeoutMs + 1000,
      `Kafka at ${bootstrap}`,
    );
    return kafkaHealthFrom(bootstrap, result.cluster, result.topics, started, now() - started);
  } catch (error) {
    scans?.forget();
    return kafkaDown(bootstrap, kafkaFailureReason(error, bootstrap, target), started);
  } finally {
    admin.disconnect().catch(() => {});
  }
}

function kafkaDown(bootstrap: string, reason: string, checkedAt: number): KafkaHealth {
  return {
    status: 'down',
    reason,
    checkedAt,
    latencyMs: null,
    details: {
      bootstrap,
      clusterId: null,
      brokers: null,
      controllerId: null,
      topics: null,
      partitions: null,
      underReplicatedPartitions: null,
      offlinePartitions: null,
      quorum: null,
    },
  };
}
