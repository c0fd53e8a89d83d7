import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { HealthSnapshot } from '@shared/health';
import { HealthMonitor } from '@main/services/health/health-monitor';
import { healthChanged } from '@main/services/health/overall';
import { NativeStack } from '@main/services/stack/native';
import { NATIVE_DIR } from '../stack';

const shared = inject('sharedStack');
const connection = {
  name: 'integration',
  kafkaBootstrap: [shared.bootstrap],
  zookeeper: shared.zookeeper,
  flinkUrl: shared.flinkUrl,
  kafkaUiUrl: null,
};

/** The same processes the global setup started, adopted through their pid files. */
function adoptSharedStack(): NativeStack {
  return new NativeStack({
    dataDir: shared.dataDir,
    libDir: path.join(NATIVE_DIR, 'lib'),
    confDir: path.join(NATIVE_DIR, 'conf'),
    ports: shared.ports,
  });
}

async function until(monitor: HealthMonitor, predicate: (snapshot: HealthSnapshot) => boolean, timeoutMs: number): Promise<HealthSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await monitor.check();
    if (predicate(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last snapshot:\n${JSON.stringify(snapshot, null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('health of a real native stack', () => {
  it('reports Kafka, ZooKeeper, the JobManager and the TaskManagers up, with their real figures', async () => {
    const monitor = new HealthMonitor({ connection: () => connection });
    const snapshot = await until(monitor, (s) => s.overall === 'up', 60_000);
    const { kafka, zookeeper, flink, taskmanagers, kafkaUi } = snapshot.services;
    expect(kafka.details.brokers).toBe(1);
    expect(kafka.details.controllerId).toBeGreaterThanOrEqual(0);
    expect(kafka.details.clusterId).toBeTruthy();
    expect(kafka.details.offlinePartitions).toBe(0);
    expect(zookeeper.details.mode).toBe('standalone');
    expect(zookeeper.details.version).toMatch(/^3\.8\./);
    expect(zookeeper.details.znodes).toBeGreaterThan(5); // Kafka registered its brokers, controller, config
    expect(flink.details.version).toMatch(/^1\.\d+\.\d+/);
    expect(taskmanagers.details.taskManagers).toBe(1);
    expect(taskmanagers.details.slotsTotal).toBeGreaterThanOrEqual(1);
    expect(kafkaUi.status).toBe('not-configured');
  });

  it('turns Kafka down with a reason when the broker is killed, announces it once, and recovers after a restart', async () => {
    const changes: HealthSnapshot[] = [];
    const monitor = new HealthMonitor({ connection: () => connection, onChange: (snapshot) => changes.push(snapshot) });
    await until(monitor, (s) => s.services.kafka.status === 'up', 60_000);
    const stack = adoptSharedStack();
    await stack.stop('kafka', 'SIGKILL');
    try {
      const down = await until(monitor, (s) => s.services.kafka.status === 'down', 15_000);
      expect(down.services.kafka.reason).toContain(`Kafka at ${shared.bootstrap}`);
      expect(down.overall).toBe('down');
      expect(down.overallReason).toContain('Kafka');
      expect(down.services.zookeeper.status).toBe('up');
      // An event only on a change: no two announced snapshots in a row are the same.
      for (let i = 1; i < changes.length; i += 1) expect(healthChanged(changes[i - 1], changes[i])).toBe(true);
    } finally {
      // Whatever happened above, the broker comes back for the tests after this one.
      await stack.start('kafka');
    }
    const recovered = await until(monitor, (s) => s.services.kafka.status === 'up', 60_000);
    expect(recovered.services.kafka.details.brokers).toBe(1);
  });

  it('reports a service that is not there as down, naming the address, within the probe timeout', async () => {
    const monitor = new HealthMonitor({
      connection: () => ({ ...connection, kafkaBootstrap: ['127.0.0.1:1'], zookeeper: '127.0.0.1:1', flinkUrl: 'http://127.0.0.1:1' }),
      timeoutMs: 1500,
    });
    const started = Date.now();
    const snapshot = await monitor.check();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(snapshot.services.kafka).toMatchObject({ status: 'down', reason: 'Kafka at 127.0.0.1:1: connection refused (nothing listening)' });
    expect(snapshot.services.zookeeper.reason).toContain('ZooKeeper at 127.0.0.1:1');
    expect(snapshot.services.flink.reason).toContain('Flink JobManager at http://127.0.0.1:1');
    expect(snapshot.services.taskmanagers.status).toBe('unknown');
  });
});
