import { describe, expect, it } from 'vitest';
import type { HealthSnapshot, ServiceStatus } from '@shared/health';
import { healthChanged, overallOf } from '@main/services/health/overall';

function services(statuses: Partial<Record<keyof HealthSnapshot['services'], ServiceStatus>>): HealthSnapshot['services'] {
  const base = (status: ServiceStatus) => ({ status, reason: status === 'up' ? '' : 'why', checkedAt: 0, latencyMs: null });
  return {
    kafka: {
      ...base(statuses.kafka ?? 'up'),
      details: {
        bootstrap: 'b',
        clusterId: null,
        brokers: 1,
        controllerId: 1,
        topics: 0,
        partitions: 0,
        underReplicatedPartitions: 0,
        offlinePartitions: 0,
        quorum: null,
      },
    },
    zookeeper: {
      ...base(statuses.zookeeper ?? 'up'),
      details: { address: 'z', mode: null, version: null, avgLatencyMs: 0, maxLatencyMs: 0, connections: 1, znodes: 5 },
    },
    flink: { ...base(statuses.flink ?? 'up'), details: { url: 'f', version: null, jobsRunning: 0, jobsFinished: 0, jobsCancelled: 0, jobsFailed: 0 } },
    taskmanagers: { ...base(statuses.taskmanagers ?? 'up'), details: { taskManagers: 1, slotsTotal: 2, slotsAvailable: 2 } },
    kafkaUi: { ...base(statuses.kafkaUi ?? 'not-configured'), details: { url: null } },
    schemaRegistry: { ...base(statuses.schemaRegistry ?? 'not-configured'), details: { url: null, subjects: null } },
    connect: {
      ...base(statuses.connect ?? 'not-configured'),
      details: {
        urls: [],
        clustersUp: null,
        version: null,
        workers: null,
        connectors: null,
        connectorsRunning: null,
        connectorsFailed: null,
        tasksFailed: null,
        clusters: [],
        failures: [],
      },
    },
  };
}

describe('overall status', () => {
  it('is up when every configured service is up, ignoring not-configured ones', () => {
    expect(overallOf(services({}))).toEqual({ overall: 'up', overallReason: '' });
  });
  it('is the worst status, naming the services that make it so', () => {
    expect(overallOf(services({ zookeeper: 'degraded', kafka: 'down' }))).toEqual({ overall: 'down', overallReason: 'Kafka down' });
    expect(overallOf(services({ taskmanagers: 'degraded', zookeeper: 'degraded' }))).toEqual({
      overall: 'degraded',
      overallReason: 'ZooKeeper, Flink TaskManagers degraded',
    });
  });
  it('is not-configured when nothing is configured', () => {
    const all = services({ kafka: 'not-configured', zookeeper: 'not-configured', flink: 'not-configured', taskmanagers: 'not-configured' });
    expect(overallOf(all).overall).toBe('not-configured');
  });
});

describe('change detection', () => {
  it('ignores timestamps and latencies but not statuses, reasons or figures', () => {
    const a: HealthSnapshot = { overall: 'up', overallReason: '', checkedAt: 1, services: services({}) };
    const later = { ...a, checkedAt: 99, services: { ...a.services, kafka: { ...a.services.kafka, checkedAt: 50, latencyMs: 12 } } };
    expect(healthChanged(a, later)).toBe(false);
    const down = { ...a, services: { ...a.services, kafka: { ...a.services.kafka, status: 'down' as const } } };
    expect(healthChanged(a, down)).toBe(true);
    const moreTopics = { ...a, services: { ...a.services, kafka: { ...a.services.kafka, details: { ...a.services.kafka.details, topics: 3 } } } };
    expect(healthChanged(a, moreTopics)).toBe(true);
    expect(healthChanged(null, a)).toBe(true);
  });
});
