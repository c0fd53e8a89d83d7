import type { ServiceStatus } from '@shared/health';
import type { ConnectionTestResult, ServiceTest } from '@shared/profiles';
import { probeFlink } from '../health/flink-probe';
import { probeKafkaUi } from '../health/kafka-ui-probe';
import { errorReason } from '../health/reasons';
import { probeZookeeper } from '../health/zookeeper-probe';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { probeKafkaTarget } from './kafka-target-probe';
import { SchemaRegistryClient, type SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import type { ConnectTarget } from '@main/clients/connect/connect-client';
import { probeConnect } from '../health/connect-probe';

/** One probe per service; each resolves (never rejects) within its own timeout. */
export interface ConnectionProbes {
  kafka(target: KafkaTarget, timeoutMs: number): Promise<ServiceTest>;
  zookeeper(address: string, timeoutMs: number): Promise<ServiceTest>;
  flink(url: string, headers: Record<string, string>, timeoutMs: number): Promise<ServiceTest>;
  kafkaUi(url: string, timeoutMs: number): Promise<ServiceTest>;
  prometheus(url: string, timeoutMs: number): Promise<ServiceTest>;
  schemaRegistry(target: SchemaRegistryTarget, timeoutMs: number): Promise<ServiceTest>;
  connect(targets: ConnectTarget[], timeoutMs: number): Promise<ServiceTest>;
}

/** What to test: addresses, plus a Kafka target or the reason one could not be built. */
export interface ConnectionTestPlan {
  kafka: KafkaTarget | { error: string };
  zookeeper: string | null;
  /** null: no Flink in this profile */
  flink: { url: string; headers: Record<string, string> } | { error: string } | null;
  kafkaUiUrl: string | null;
  prometheusUrl: string | null;
  /** null: no registry in this profile */
  schemaRegistry: SchemaRegistryTarget | { error: string } | null;
  /** empty: no Connect in this profile */
  connect: ConnectTarget[] | { error: string };
}

function fromHealth(health: { status: ServiceStatus; reason: string; latencyMs: number | null }): ServiceTest {
  if (health.status === 'up' || health.status === 'degraded') return { status: 'ok', reason: health.reason, latencyMs: health.latencyMs };
  if (health.status === 'not-configured') return { status: 'skipped', reason: health.reason, latencyMs: null };
  return { status: 'failed', reason: health.reason, latencyMs: null };
}

const skipped = (reason: string): ServiceTest => ({ status: 'skipped', reason, latencyMs: null });

export function defaultProbes(fetchFn: typeof fetch, now: () => number): ConnectionProbes {
  return {
    kafka: async (target, timeoutMs) => fromHealth(await probeKafkaTarget(target, timeoutMs, now)),
    zookeeper: async (address, timeoutMs) => fromHealth(await probeZookeeper(address, timeoutMs, now)),
    flink: async (url, headers, timeoutMs) => {
      const withAuth: typeof fetch = (input, init) => fetchFn(input, { ...init, headers: { ...headers } });
      const result = fromHealth((await probeFlink(url, withAuth, timeoutMs, now)).flink);
      if (/HTTP 40[13]\b/.test(result.reason)) result.reason += '; check the Flink authentication settings';
      return result;
    },
    kafkaUi: async (url, timeoutMs) => fromHealth(await probeKafkaUi(url, fetchFn, timeoutMs, now)),
    prometheus: async (url, timeoutMs) => {
      const started = now();
      try {
        const response = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        if (!response.ok) return { status: 'failed', reason: `Prometheus/JMX exporter at ${url} answered HTTP ${response.status}`, latencyMs: null };
        return { status: 'ok', reason: '', latencyMs: now() - started };
      } catch (error) {
        return { status: 'failed', reason: errorReason(error, `Prometheus/JMX exporter at ${url}`), latencyMs: null };
      }
    },
    schemaRegistry: (target, timeoutMs) => probeSchemaRegistry(target, fetchFn, timeoutMs, now),
    connect: (targets, timeoutMs) => testConnect(targets, fetchFn, timeoutMs, now),
  };
}

/** `GET /subjects`, signed in as the profile says: the same request every Schemas page visit starts with. */
async function probeSchemaRegistry(target: SchemaRegistryTarget, fetchFn: typeof fetch, timeoutMs: number, now: () => number): Promise<ServiceTest> {
  const started = now();
  try {
    const subjects = await new SchemaRegistryClient({ ...target, fetch: fetchFn, timeoutMs }).subjects();
    return { status: 'ok', reason: `${subjects.length} subject${subjects.length === 1 ? '' : 's'}`, latencyMs: now() - started };
  } catch (error) {
    let reason = (error as Error).message;
    if (/HTTP 40[13]\b/.test(reason)) reason += '; check the Schema Registry authentication settings';
    return { status: 'failed', reason, latencyMs: null };
  }
}

/** The Overview's Connect probe, as a test line: every cluster answers `GET /` and its connectors, signed in as the profile says. */
async function testConnect(targets: ConnectTarget[], fetchFn: typeof fetch, timeoutMs: number, now: () => number): Promise<ServiceTest> {
  const health = await probeConnect(targets, fetchFn, timeoutMs, now);
  if (health.status === 'down' || (health.details.clustersUp ?? 0) < targets.length) {
    const hint = /HTTP 40[13]\b/.test(health.reason) ? '; check the Kafka Connect authentication settings' : '';
    return { status: 'failed', reason: `${health.reason}${hint}`, latencyMs: null };
  }
  const { version, connectors, clustersUp } = health.details;
  const clusters = clustersUp === 1 ? '' : `${clustersUp} clusters, `;
  return {
    status: 'ok',
    reason: `${clusters}Connect ${version ?? '?'}, ${connectors ?? 0} connector${connectors === 1 ? '' : 's'}`,
    latencyMs: health.latencyMs,
  };
}

/** A probe that throws despite its contract still yields a reason instead of failing the whole test. */
async function guarded(what: string, run: () => Promise<ServiceTest>): Promise<ServiceTest> {
  try {
    return await run();
  } catch (error) {
    return { status: 'failed', reason: errorReason(error, what), latencyMs: null };
  }
}

function flinkTest(flink: ConnectionTestPlan['flink'], probes: ConnectionProbes, timeoutMs: number): Promise<ServiceTest> {
  if (flink === null) return Promise.resolve(skipped('No Flink REST URL in this profile'));
  if ('error' in flink) return Promise.resolve({ status: 'failed', reason: flink.error, latencyMs: null });
  return guarded('Flink', () => probes.flink(flink.url, flink.headers, timeoutMs));
}

function schemaRegistryTest(registry: ConnectionTestPlan['schemaRegistry'], probes: ConnectionProbes, timeoutMs: number): Promise<ServiceTest> {
  if (registry === null) return Promise.resolve(skipped('No Schema Registry URL in this profile'));
  if ('error' in registry) return Promise.resolve({ status: 'failed', reason: registry.error, latencyMs: null });
  return guarded('Schema Registry', () => probes.schemaRegistry(registry, timeoutMs));
}

function connectTest(connect: ConnectionTestPlan['connect'], probes: ConnectionProbes, timeoutMs: number): Promise<ServiceTest> {
  if ('error' in connect) return Promise.resolve({ status: 'failed', reason: connect.error, latencyMs: null });
  if (connect.length === 0) return Promise.resolve(skipped('No Kafka Connect URL in this profile'));
  return guarded('Kafka Connect', () => probes.connect(connect, timeoutMs));
}

/** Every service at once and independently: one failing never hides or delays another's answer. */
export async function runConnectionTest(plan: ConnectionTestPlan, probes: ConnectionProbes, timeoutMs: number): Promise<ConnectionTestResult> {
  const kafka = plan.kafka;
  const [k, zk, flink, ui, prom, registry, connect] = await Promise.all([
    'error' in kafka
      ? Promise.resolve<ServiceTest>({ status: 'failed', reason: kafka.error, latencyMs: null })
      : guarded('Kafka', () => probes.kafka(kafka, timeoutMs)),
    plan.zookeeper
      ? guarded('ZooKeeper', () => probes.zookeeper(plan.zookeeper!, timeoutMs))
      : Promise.resolve(skipped('No ZooKeeper address in this profile')),
    flinkTest(plan.flink, probes, timeoutMs),
    plan.kafkaUiUrl ? guarded('Kafka UI', () => probes.kafkaUi(plan.kafkaUiUrl!, timeoutMs)) : Promise.resolve(skipped('No Kafka UI URL in this profile')),
    plan.prometheusUrl
      ? guarded('Prometheus', () => probes.prometheus(plan.prometheusUrl!, timeoutMs))
      : Promise.resolve(skipped('No Prometheus/JMX exporter URL in this profile')),
    schemaRegistryTest(plan.schemaRegistry, probes, timeoutMs),
    connectTest(plan.connect, probes, timeoutMs),
  ]);
  return { kafka: k, zookeeper: zk, flink, kafkaUi: ui, prometheus: prom, schemaRegistry: registry, connect };
}
