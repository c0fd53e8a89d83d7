// The first round's snapshot before every probe answered: the Overview paints Kafka's tile live from it.
import { describe, expect, it } from 'vitest';
import { HealthSnapshot, SERVICE_KEYS } from '@shared/health';
import { CHECKING_REASON, interimSnapshot, type ProbedAddresses } from '@main/services/health/interim-snapshot';
import { kafkaHealthFrom } from '@main/services/health/kafka-probe';
import { flinkHealthFrom } from '@main/services/health/flink-probe';
import { overallOf } from '@main/services/health/overall';

const at = 1_800_000_000_000;
const addresses: ProbedAddresses = {
  kafkaBootstrap: '127.0.0.1:9092',
  zookeeper: '127.0.0.1:2181',
  flinkUrl: 'http://127.0.0.1:8081',
  kafkaUiUrl: null,
  schemaRegistryUrl: 'http://127.0.0.1:8085/apis/ccompat/v7/',
  connectUrls: ['http://127.0.0.1:8083/'],
};
const cluster = { clusterId: 'MkU3OEVBNTcwNTJENDM2Qg', controller: 1, brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092 }] };
const kafkaUp = kafkaHealthFrom('127.0.0.1:9092', cluster, [{ name: 'orders', partitions: [{ partitionId: 0, leader: 1, replicas: [1], isr: [1] }] }], at, 12);

describe('interimSnapshot', () => {
  it('keeps the answers and shows every other service unknown "Checking…", in the contract\'s shape with null figures', () => {
    const snapshot = interimSnapshot({ kafka: kafkaUp }, addresses, at + 500);
    expect(HealthSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.services.kafka).toBe(kafkaUp);
    for (const key of SERVICE_KEYS.filter((k) => k !== 'kafka')) {
      expect(snapshot.services[key]).toMatchObject({ status: 'unknown', reason: CHECKING_REASON, checkedAt: at + 500, latencyMs: null });
    }
    const { zookeeper, flink, taskmanagers, kafkaUi, schemaRegistry, connect } = snapshot.services;
    expect(zookeeper.details).toEqual({
      address: '127.0.0.1:2181',
      mode: null,
      version: null,
      avgLatencyMs: null,
      maxLatencyMs: null,
      connections: null,
      znodes: null,
    });
    expect(flink.details).toMatchObject({ url: 'http://127.0.0.1:8081', version: null, jobsRunning: null });
    expect(taskmanagers.details).toEqual({ taskManagers: null, slotsTotal: null, slotsAvailable: null });
    expect(kafkaUi.details).toEqual({ url: null });
    // the URLs as the probes write them (no trailing slash)
    expect(schemaRegistry.details).toEqual({ url: 'http://127.0.0.1:8085/apis/ccompat/v7', subjects: null });
    expect(connect.details).toMatchObject({ urls: ['http://127.0.0.1:8083'], clusters: [], failures: [], workers: null });
    expect(snapshot.overall).toBe('unknown');
    expect(snapshot.overallReason).toBe('Checking ZooKeeper, Flink JobManager, Flink TaskManagers, Kafka UI, Schema Registry, Kafka Connect…');
  });

  it('lets an answer that is down or degraded set the overall at once, whatever is still being checked', () => {
    const kafkaDown = { ...kafkaUp, status: 'down' as const, reason: 'Kafka at 127.0.0.1:9092: connection refused (nothing listening)' };
    const snapshot = interimSnapshot({ kafka: kafkaDown }, addresses, at);
    expect(snapshot).toMatchObject({ overall: 'down', overallReason: 'Kafka down' });
  });

  it('names a real unknown apart from the services still being checked', () => {
    const overview = { taskmanagers: 1, 'slots-total': 2, 'slots-available': 2, 'jobs-running': 0, 'jobs-finished': 0, 'jobs-cancelled': 0, 'jobs-failed': 0 };
    const { flink, taskmanagers } = flinkHealthFrom('http://127.0.0.1:8081', overview, at, 8);
    const unknownTms = { ...taskmanagers, status: 'unknown' as const, reason: 'Unknown while the JobManager does not answer' };
    const snapshot = interimSnapshot({ kafka: kafkaUp, flink, taskmanagers: unknownTms }, { ...addresses, zookeeper: null }, at);
    expect(snapshot.overallReason).toBe('Flink TaskManagers unknown; checking ZooKeeper, Kafka UI, Schema Registry, Kafka Connect…');
    expect(snapshot.services.flink).toBe(flink);
  });

  it('leaves overallOf as it was without pending services: a placeholder counts as unknown', () => {
    const snapshot = interimSnapshot({ kafka: kafkaUp }, addresses, at);
    expect(overallOf(snapshot.services)).toEqual({
      overall: 'unknown',
      overallReason: 'ZooKeeper, Flink JobManager, Flink TaskManagers, Kafka UI, Schema Registry, Kafka Connect unknown',
    });
  });
});
