import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { HealthSnapshot } from '@shared/health';
import { HealthMonitor, type RoundKind } from '@main/services/health/health-monitor';
import { CHECKING_REASON } from '@main/services/health/interim-snapshot';
import { healthChanged } from '@main/services/health/overall';
import { NativeStack } from '@main/services/stack/native';
import { JMX_EXPORTER } from '@main/paths';
import { NATIVE_DIR } from '../stack';

const shared = inject('sharedStack');
const connection = {
  name: 'integration',
  kafkaBootstrap: [shared.bootstrap],
  zookeeper: shared.zookeeper,
  flinkUrl: shared.flinkUrl,
  kafkaUiUrl: null,
};

/**
 * The same processes the global setup started, adopted through their pid files, with the same JMX exporter agent: a
 * broker restarted here without it left the files after this one (metrics-rest) with no exporter to scrape.
 */
function adoptSharedStack(): NativeStack {
  const exporterPort = shared.exporterUrl ? Number(new URL(shared.exporterUrl).port) : null;
  return new NativeStack({
    dataDir: shared.dataDir,
    libDir: path.join(NATIVE_DIR, 'lib'),
    confDir: path.join(NATIVE_DIR, 'conf'),
    ports: shared.ports,
    ...(exporterPort ? { jmxExporter: { ...JMX_EXPORTER, port: exporterPort } } : {}),
  });
}

/**
 * Runs `body` while the shared stack's SQL gateway is frozen (SIGSTOP): its port still accepts connections and nothing
 * answers, a real service that hangs, given to the monitor as the Kafka UI so that its probe is the round's last.
 */
async function whileGatewayFrozen<T>(body: () => Promise<T>): Promise<T> {
  const pid = adoptSharedStack().pidSync('flink-sql-gateway');
  if (pid === null) throw new Error('the shared stack has no SQL gateway running');
  process.kill(pid, 'SIGSTOP');
  try {
    return await body();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
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

const SILENT_URL = shared.sqlGatewayUrl;

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

  it('announces the first round as its probes answer: Kafka live before the slowest service, placeholders "Checking…", alerts-worthy only at the end', async () => {
    const announced: { snapshot: HealthSnapshot; round: RoundKind }[] = [];
    // a Kafka UI that never answers: its probe is the round's last, as Connect's often is
    const monitor = new HealthMonitor({
      connection: () => ({ ...connection, kafkaUiUrl: SILENT_URL }),
      timeoutMs: 2000,
      onChange: (snapshot, round) => announced.push({ snapshot, round }),
    });
    const [first, full] = await whileGatewayFrozen(async () => [await monitor.current(), await monitor.check()]);
    expect(first.services.kafka).toMatchObject({ status: 'up', reason: '' });
    expect(first.services.kafkaUi).toMatchObject({ status: 'unknown', reason: CHECKING_REASON, details: { url: SILENT_URL } });
    const partials = announced.filter((a) => a.round === 'partial').map((a) => a.snapshot);
    expect(partials[0]).toBe(first);
    for (const snapshot of partials) {
      expect(HealthSnapshot.parse(snapshot)).toEqual(snapshot);
      expect(snapshot.services.kafka.details.clusterId).toBe(full.services.kafka.details.clusterId);
      expect(snapshot.overall).toBe('unknown');
      expect(snapshot.overallReason).toMatch(/^Checking .*Kafka UI…$/);
    }
    // one full announcement, the last, with every service's real answer (the silent one down, named)
    expect(announced.filter((a) => a.round === 'full')).toEqual([{ snapshot: full, round: 'full' }]);
    expect(announced.at(-1)!.snapshot).toBe(full);
    expect(full.services.kafkaUi).toMatchObject({ status: 'down' });
    expect(full.services.kafkaUi.reason).toContain(`Kafka UI at ${SILENT_URL}`);
    expect(Object.values(full.services).map((health) => health.reason)).not.toContain(CHECKING_REASON);
    // later rounds announce whole snapshots only
    await monitor.check();
    expect(announced.filter((a) => a.round === 'partial')).toHaveLength(partials.length);
    expect(await monitor.current()).not.toHaveProperty('services.kafkaUi.reason', CHECKING_REASON);
    monitor.stop();
  });

  it('while the local stack starts, turns real answers that are down into starting, and leaves placeholders "Checking…"', async () => {
    const announced: HealthSnapshot[] = [];
    const monitor = new HealthMonitor({
      connection: () => ({ ...connection, flinkUrl: 'http://127.0.0.1:1', kafkaUiUrl: SILENT_URL }),
      timeoutMs: 2000,
      stackStarting: () => true,
      onChange: (snapshot) => announced.push(snapshot),
    });
    const full = await whileGatewayFrozen(() => monitor.check());
    expect(full.services.flink).toMatchObject({ status: 'starting' });
    expect(full.services.flink.reason).toMatch(/^Local stack is starting \(Flink JobManager at http:\/\/127\.0\.0\.1:1: connection refused/);
    expect(full.services.kafkaUi.status).toBe('starting');
    const partials = announced.slice(0, -1);
    expect(partials.length).toBeGreaterThan(0);
    expect(announced.at(-1)).toBe(full);
    for (const partial of partials) {
      expect(partial.services.kafkaUi).toMatchObject({ status: 'unknown', reason: CHECKING_REASON });
      for (const health of Object.values(partial.services)) {
        // a real answer down is starting; a placeholder is only being checked
        expect(health.status).not.toBe('down');
        if (health.status === 'starting') expect(health.reason).toMatch(/^Local stack is starting \(/);
        if (health.reason === CHECKING_REASON) expect(health.status).toBe('unknown');
      }
    }
    monitor.stop();
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
