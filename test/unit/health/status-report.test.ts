import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '@shared/health';
import { statusReport } from '@main/services/health/status-report';

const base = { reason: '', checkedAt: 1_800_000_000_000, latencyMs: 4 };
const snapshot: HealthSnapshot = {
  overall: 'down',
  overallReason: 'Schema Registry down',
  checkedAt: 1_800_000_000_000,
  services: {
    kafka: {
      ...base,
      status: 'up',
      details: {
        bootstrap: 'b',
        clusterId: 'c',
        brokers: 1,
        controllerId: 1,
        topics: 2,
        partitions: 2,
        underReplicatedPartitions: 0,
        offlinePartitions: 0,
        quorum: null,
      },
    },
    zookeeper: {
      ...base,
      status: 'not-configured',
      details: { address: '', mode: null, version: null, avgLatencyMs: null, maxLatencyMs: null, connections: null, znodes: null },
    },
    flink: { ...base, status: 'up', details: { url: 'f', version: '1.18.1', jobsRunning: 0, jobsFinished: 0, jobsCancelled: 0, jobsFailed: 0 } },
    taskmanagers: { ...base, status: 'up', details: { taskManagers: 1, slotsTotal: 2, slotsAvailable: 2 } },
    kafkaUi: { ...base, status: 'not-configured', details: { url: null } },
    schemaRegistry: {
      ...base,
      status: 'down',
      reason: 'Schema Registry at http://127.0.0.1:8085/apis/ccompat/v7 did not answer (subjects): connect ECONNREFUSED 127.0.0.1:8085',
      latencyMs: null,
      details: { url: 'http://127.0.0.1:8085/apis/ccompat/v7', subjects: null },
    },
    connect: {
      ...base,
      status: 'degraded',
      reason: '1 task(s) FAILED',
      details: {
        urls: ['http://127.0.0.1:8084'],
        clustersUp: 1,
        version: '4.1.1',
        workers: 1,
        connectors: 2,
        connectorsRunning: 2,
        connectorsFailed: 0,
        tasksFailed: 1,
        clusters: [],
        failures: [],
      },
    },
  },
};

describe('the status report (`streamdesk status --json`, GET /api/streaming/status)', () => {
  it('has one entry per service; the Schema Registry names its status, URL, subject count and reason', () => {
    const report = statusReport(snapshot);
    expect(Object.keys(report)).toEqual([
      'overall',
      'overall_reason',
      'checked_at',
      'kafka',
      'zookeeper',
      'flink',
      'taskmanagers',
      'kafkaUi',
      'schemaRegistry',
      'connect',
    ]);
    expect(report.schemaRegistry).toMatchObject({
      status: 'down',
      url: 'http://127.0.0.1:8085/apis/ccompat/v7',
      subjects: null,
      reason: snapshot.services.schemaRegistry.reason,
    });
    const up = statusReport({
      ...snapshot,
      services: { ...snapshot.services, schemaRegistry: { ...base, status: 'up', details: { url: 'http://r/apis/ccompat/v7', subjects: 3 } } },
    });
    expect(up.schemaRegistry).toMatchObject({ status: 'up', reason: '', url: 'http://r/apis/ccompat/v7', subjects: 3 });
    expect(report.connect).toMatchObject({
      status: 'degraded',
      reason: '1 task(s) FAILED',
      urls: ['http://127.0.0.1:8084'],
      workers: 1,
      connectorsRunning: 2,
      connectorsFailed: 0,
      tasksFailed: 1,
    });
    expect(report.checked_at).toBe('2027-01-15T08:00:00.000Z');
  });
});
