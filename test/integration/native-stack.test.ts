// The native stack runner against real ZooKeeper / Kafka / Flink JVMs (jars from Maven Central).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProcessesWith, flinkOverview, kafkaMetadataBrokers, NativeStack, portAnswers, portFree, zkFourLetter } from '@main/services/stack/native';
import type { NativeProgressEvent, NativeServiceName } from '@main/services/stack/native';
import { NATIVE_DIR, startTestStack } from '../stack';
import type { TestStack } from '../stack';

const STACK_TIMEOUT = 300_000;

function pidsOf(states: Array<{ name: NativeServiceName; pid: number | null }>): Record<string, number | null> {
  return Object.fromEntries(states.map((s) => [s.name, s.pid]));
}

/** A second runner over the same data dir, as a later `streamdesk stack up/down` would make. */
function sameStackAgain(t: TestStack, kraft: boolean): NativeStack {
  return new NativeStack({
    dataDir: t.dataDir,
    libDir: join(NATIVE_DIR, 'lib'),
    confDir: join(NATIVE_DIR, 'conf'),
    kraft,
    host: t.host,
    ports: {
      kafka: t.ports.kafka,
      zookeeper: t.ports.zookeeper ?? undefined,
      flinkRest: t.ports.flinkRest,
      kafkaController: t.ports.kafkaController ?? undefined,
      sqlGateway: t.ports.sqlGateway,
    },
  });
}

async function expectKafkaAnswers(t: TestStack): Promise<void> {
  expect(await portAnswers(t.host, t.ports.kafka)).toBe(true);
  const brokers = await kafkaMetadataBrokers(t.host, t.ports.kafka);
  expect(brokers).toHaveLength(1);
  expect(brokers[0]?.port).toBe(t.ports.kafka);
}

async function expectFlinkAnswers(t: TestStack): Promise<void> {
  const o = await flinkOverview(t.host, t.ports.flinkRest);
  expect(o.taskmanagers).toBeGreaterThanOrEqual(1);
  expect(o['slots-total']).toBeGreaterThanOrEqual(2);
}

/**
 * Gone, or a zombie: these JVMs are children of the test process itself (the harness started
 * them), and on a loaded machine Node may not have reaped an exited child yet.
 */
function exited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .startsWith('Z');
  } catch {
    return true;
  }
}

async function expectAllGone(t: TestStack, stack: NativeStack, before: Record<string, number | null>): Promise<void> {
  const after = await stack.state();
  expect(after.every((s) => !s.running && s.pid === null)).toBe(true);
  expect(findProcessesWith(`-Dstreamdesk.home=${t.dataDir}`)).toEqual([]);
  for (const pid of Object.values(before)) {
    if (pid !== null) expect(exited(pid), `pid ${pid} has exited`).toBe(true);
  }
  const ports = [t.ports.kafka, t.ports.flinkRest, t.ports.zookeeper, t.ports.kafkaController].filter((p): p is number => p !== null);
  for (const p of ports) expect(await portFree(t.host, p), `port ${p} free after down()`).toBe(true);
}

describe('native stack (ZooKeeper mode)', () => {
  it(
    'starts ZooKeeper, Kafka and Flink, adopts them, survives kill -9 of the broker, and stops cleanly',
    async () => {
      const t = await startTestStack();
      try {
        const zk = t.ports.zookeeper;
        expect(zk).not.toBeNull();
        expect(await zkFourLetter(t.host, zk as number, 'ruok')).toBe('imok');
        await expectKafkaAnswers(t);
        await expectFlinkAnswers(t);

        const first = await t.stack.state();
        expect(first.map((s) => s.name)).toEqual(['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']);
        expect(first.every((s) => s.running && s.pid !== null)).toBe(true);

        // a second up(), from a fresh runner over the same data dir, adopts instead of starting twice
        const again = sameStackAgain(t, false);
        const events: NativeProgressEvent[] = [];
        await again.up((e) => events.push(e), 60_000);
        expect(events.filter((e) => e.phase !== 'already-running')).toEqual([]);
        expect(pidsOf(await again.state())).toEqual(pidsOf(first));

        // fault: kill -9 the broker, then bring it back
        const oldKafka = first.find((s) => s.name === 'kafka')?.pid as number;
        await t.stack.stop('kafka', 'SIGKILL');
        const killed = await t.stack.state();
        expect(killed.find((s) => s.name === 'kafka')?.running).toBe(false);
        expect(await portAnswers(t.host, t.ports.kafka)).toBe(false);
        await t.stack.start('kafka');
        const newKafka = (await t.stack.state()).find((s) => s.name === 'kafka')?.pid;
        expect(newKafka).not.toBeNull();
        expect(newKafka).not.toBe(oldKafka);
        await expectKafkaAnswers(t);

        const before = pidsOf(await t.stack.state());
        await again.down(); // the other runner stops them: pid files are the only link
        await expectAllGone(t, t.stack, before);
      } finally {
        await t.stop();
      }
    },
    STACK_TIMEOUT,
  );
});

describe('native stack (KRaft mode)', () => {
  it(
    'starts Kafka 4 (combined broker+controller) and Flink without ZooKeeper, restarts the broker, stops cleanly',
    async () => {
      const t = await startTestStack({ kraft: true });
      try {
        expect(t.stack.services()).toEqual(['kafka', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']);
        expect(t.stack.ports.zookeeper).toBeNull();
        await expectKafkaAnswers(t);
        await expectFlinkAnswers(t);

        await t.stack.stop('kafka', 'SIGKILL');
        await t.stack.start('kafka'); // storage is formatted already: it must not be formatted again
        await expectKafkaAnswers(t);

        const before = pidsOf(await t.stack.state());
        await t.stack.down();
        await expectAllGone(t, t.stack, before);
      } finally {
        await t.stop();
      }
    },
    STACK_TIMEOUT,
  );
});

describe('native stack without jars', () => {
  it('names the missing components and the command that fetches them', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'streamdesk-nolib-'));
    try {
      const stack = new NativeStack({ dataDir: join(empty, 'data'), libDir: join(empty, 'lib'), confDir: join(NATIVE_DIR, 'conf') });
      const missing = stack.missingJars();
      expect(missing).toHaveLength(3);
      expect(missing.join('\n')).toMatch(/zookeeper: .*fetch-jars\.sh zookeeper/);
      await expect(stack.up()).rejects.toThrow(/jars are missing[\s\S]*kafka-zk[\s\S]*flink/);
      expect(findProcessesWith(`-Dstreamdesk.home=${join(empty, 'data')}`)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
