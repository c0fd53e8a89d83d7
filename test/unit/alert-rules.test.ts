import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '@shared/health';
import { DEFAULT_RULES, evaluate, type AlertInputs } from '@main/services/alerts/rules';

function health(patch: {
  kafka?: Partial<HealthSnapshot['services']['kafka']>;
  urp?: number;
  offline?: number;
  tms?: number;
  zk?: 'up' | 'down';
}): HealthSnapshot {
  const base = { reason: '', checkedAt: 0, latencyMs: null };
  return {
    overall: 'up',
    overallReason: '',
    checkedAt: 0,
    services: {
      kafka: {
        ...base,
        status: 'up',
        details: {
          bootstrap: 'b',
          clusterId: 'c',
          brokers: 1,
          controllerId: 0,
          topics: 1,
          partitions: 3,
          underReplicatedPartitions: patch.urp ?? 0,
          offlinePartitions: patch.offline ?? 0,
          quorum: null,
        },
        ...patch.kafka,
      },
      zookeeper: {
        ...base,
        status: patch.zk ?? 'up',
        reason: patch.zk === 'down' ? 'refused' : '',
        details: { address: 'z', mode: 'standalone', version: '3.8.4', avgLatencyMs: 1, maxLatencyMs: 2, connections: 1, znodes: 10 },
      },
      flink: { ...base, status: 'up', details: { url: 'f', version: '1.18.1', jobsRunning: 0, jobsFinished: 0, jobsCancelled: 0, jobsFailed: 0 } },
      taskmanagers: { ...base, status: 'up', details: { taskManagers: patch.tms ?? 1, slotsTotal: 2, slotsAvailable: 2 } },
      kafkaUi: { ...base, status: 'not-configured', details: { url: null } },
      schemaRegistry: { ...base, status: 'not-configured', details: { url: null, subjects: null } },
      connect: {
        ...base,
        status: 'not-configured',
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
    },
  };
}

const inputs = (over: Partial<AlertInputs>): AlertInputs => ({
  health: health({}),
  metrics: null,
  flinkJobs: [],
  peakTaskManagers: 1,
  connectSeen: new Map(),
  lastMessageAt: () => null,
  now: 1_000_000,
  ...over,
});

describe('alert rules', () => {
  it('are quiet on a healthy cluster', () => {
    expect(evaluate(DEFAULT_RULES, inputs({})).size).toBe(0);
  });

  it('fire for a dead broker, offline and under-replicated partitions, a silent ZooKeeper and a lost TaskManager', () => {
    const firing = evaluate(
      DEFAULT_RULES,
      inputs({ health: health({ kafka: { status: 'down', reason: 'connection refused' }, offline: 2, urp: 1, zk: 'down', tms: 1 }), peakTaskManagers: 2 }),
    );
    expect([...firing.values()].map((condition) => condition.ruleId).sort()).toEqual([
      'broker-down',
      'offline-partitions',
      'taskmanager-lost',
      'under-replicated',
      'zookeeper-not-serving',
    ]);
    expect(firing.get('broker-down:cluster')?.message).toBe('Kafka is down: connection refused');
  });

  it('respect thresholds and the enabled switch', () => {
    const lagging = {
      at: 0,
      cluster: { messages_per_sec: 0, bytes_in_per_sec: null, bytes_out_per_sec: null, consumer_lag: 20_000, requests_per_sec: null, errors_per_sec: null },
      topics: {},
      idle_ms: null,
    };
    expect(evaluate(DEFAULT_RULES, inputs({ metrics: lagging })).has('consumer-lag:cluster')).toBe(true);
    const relaxed = DEFAULT_RULES.map((rule) => (rule.id === 'consumer-lag' ? { ...rule, threshold: 50_000 } : rule));
    expect(evaluate(relaxed, inputs({ metrics: lagging })).has('consumer-lag:cluster')).toBe(false);
    const off = DEFAULT_RULES.map((rule) => ({ ...rule, enabled: false }));
    expect(evaluate(off, inputs({ health: health({ kafka: { status: 'down' } }) })).size).toBe(0);
  });

  it('watch a topic for silence and Flink jobs for failures, one alert per job', () => {
    const idle = DEFAULT_RULES.map((rule) => (rule.id === 'topic-idle' ? { ...rule, enabled: true, topic: 'orders', threshold: 5 } : rule));
    expect(evaluate(idle, inputs({ lastMessageAt: () => 1_000_000 - 6 * 60_000 })).get('topic-idle:orders')?.message).toBe('No data on orders for 6 min');
    expect(evaluate(idle, inputs({ lastMessageAt: () => 1_000_000 - 60_000 })).has('topic-idle:orders')).toBe(false);
    const jobs = [
      { id: 'a', name: 'parking', state: 'RESTARTING', failedInARow: 0 },
      { id: 'b', name: 'quality', state: 'RUNNING', failedInARow: 3 },
      // two failures in a row are below the default of three
      { id: 'c', name: 'latency', state: 'RUNNING', failedInARow: 2 },
    ];
    const firing = evaluate(DEFAULT_RULES, inputs({ flinkJobs: jobs }));
    expect(firing.get('flink-job-failing:a')?.message).toBe('Flink job "parking" is RESTARTING');
    expect(firing.get('checkpoint-failures:b')?.message).toBe('Flink job "quality": its last 3 checkpoints failed');
    expect(firing.has('checkpoint-failures:c')).toBe(false);
    expect(firing.has('flink-job-failing:b')).toBe(false);
  });
});
