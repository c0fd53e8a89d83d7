// Partition reassignment on a three-broker ZooKeeper-mode cluster (Kafka 3.9.1; brokers 0, 1, 2), checked with tools no
// one here wrote: Kafka's TopicCommand (`kafka-topics --describe`) and ConfigCommand (`kafka-configs --describe`), and
// kcat. A topic holding 100,000 records goes from RF 1 to RF 3 under a throttle, watched until done; the throttle is
// gone after; the preferred leaders are elected; a throttled slow reassignment is cancelled; the REST shapes and bad
// input; a throttle stays on while the progress is read during its apply; a throttle left while StreamDesk was closed
// is removed after it starts again; and last, kill -9 of the broker that led every partition, after which kcat still
// reads every record.
import { createHash } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '@shared/errors';
import type { CallArgs, CallName, CallResult } from '@shared/contract';
import type { ReassignmentsProgress } from '@shared/reassignments';
import { dispatch } from '@main/core/dispatch';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { NATIVE_DIR, startTestStack, type TestStack } from '../stack';
import { until } from './connect-support';

const TOKEN = 'integration-token-0123456789abcdef';
const TOPIC = 'it.reassign';
const SLOW = 'it.reassign.slow';
const RECORDS = 100_000;
/** Slow enough to read the throttle and the progress while it runs (~23 MB out of broker 0 at 1 MiB/s), quick enough for CI. */
const THROTTLE = 1024 * 1024;

const run = promisify(execFile);

/** One of Kafka's command-line classes (4.1.1's tools speak to 3.9 brokers); its stdout. Never blocks the event loop. */
async function kafkaTool(component: 'kafka-kraft' | 'kafka-zk', main: string, args: string[]): Promise<string> {
  const { stdout } = await run('java', ['-Xmx128m', '-cp', `${NATIVE_DIR}/lib/${component}/*`, main, ...args], { encoding: 'utf8', timeout: 90_000 });
  return stdout;
}

interface DescribedPartition {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/** `kafka-topics --describe`'s partition lines: "Topic: t	Partition: 0	Leader: 1	Replicas: 1,2,3	Isr: 1,2,3". */
function describedPartitions(text: string): DescribedPartition[] {
  const ids = (list: string) => (list ? list.split(',').map(Number) : []);
  return text
    .split('\n')
    .flatMap((line) => {
      const m = /Partition: (\d+)\s+Leader: (-?\d+|none)\s+Replicas: ([\d,]*)\s+Isr: ([\d,]*)/.exec(line);
      return m ? [{ partition: Number(m[1]), leader: m[2] === 'none' ? -1 : Number(m[2]), replicas: ids(m[3]), isr: ids(m[4]) }] : [];
    })
    .sort((a, b) => a.partition - b.partition);
}

/** The records as kcat reads them: their count and a checksum of the sorted `key:value` lines. */
function digest(lines: string[]): { count: number; sha256: string } {
  return {
    count: lines.length,
    sha256: createHash('sha256')
      .update([...lines].sort().join('\n'))
      .digest('hex'),
  };
}

const call = async <K extends CallName>(backend: Backend, name: K, args: CallArgs<K>): Promise<CallResult<K>> =>
  unwrap(await dispatch(backend.api, name, args)) as CallResult<K>;

describe('partition reassignment on three brokers (ZooKeeper mode, Kafka 3.9.1)', () => {
  let stack: TestStack;
  let backend: Backend;
  let web: WebHost;
  let base: string;
  let written: { count: number; sha256: string };
  const events: ReassignmentsProgress[] = [];
  const bootstrap = () => stack.brokers.join(',');
  const describe_ = async (topic: string) =>
    describedPartitions(
      await kafkaTool('kafka-kraft', 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap(), '--describe', '--topic', topic]),
    );
  const configs = (type: 'brokers' | 'topics', name: string) =>
    kafkaTool('kafka-zk', 'kafka.admin.ConfigCommand', ['--bootstrap-server', bootstrap(), '--describe', '--entity-type', type, '--entity-name', name]);
  const rest = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { issues?: { path: unknown[] }[] } } };
  };

  /** A back end on the cluster keeping its files (the throttle ledger) in `dataDir`. */
  const backendAt = (dataDir: string) =>
    createBackend({
      version: 'test',
      connection: { name: 'it', kafkaBootstrap: stack.brokers, zookeeper: `${stack.host}:${stack.ports.zookeeper}`, flinkUrl: null, kafkaUiUrl: null },
      dataDir,
      libDir: `${NATIVE_DIR}/lib`,
      confDir: `${NATIVE_DIR}/conf`,
      kraft: false,
      logger: silentLogger,
    });

  beforeAll(async () => {
    stack = await startTestStack({ brokers: 3, only: ['zookeeper', 'kafka', 'kafka-2', 'kafka-3'] });
    backend = backendAt(stack.dataDir);
    backend.bus.onAny((event, payload) => event === 'reassignments:changed' && events.push(payload as ReassignmentsProgress));
    web = await startWebHost({
      api: backend.api,
      bus: backend.bus,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
    base = `http://127.0.0.1:${web.port}`;
    const tool = (args: string[]) => kafkaTool('kafka-kraft', 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap(), '--create', ...args]);
    // every partition on broker 0: the "original leader" the kill below aims at
    await tool(['--topic', TOPIC, '--replica-assignment', '0,0,0']);
    await tool(['--topic', SLOW, '--replica-assignment', '1']);
    const lines = Array.from({ length: RECORDS }, (_, i) => `key-${i}:value-${i}-${'x'.repeat(100)}`);
    execFileSync('kcat', ['-b', bootstrap(), '-P', '-t', TOPIC, '-K:', '-z', 'none'], {
      input: lines.join('\n') + '\n',
      timeout: 120_000,
      maxBuffer: 64 << 20,
    });
    written = digest(lines);
    execFileSync('kcat', ['-b', bootstrap(), '-P', '-t', SLOW, '-K:'], {
      input: lines.slice(0, 20_000).join('\n') + '\n',
      timeout: 120_000,
      maxBuffer: 64 << 20,
    });
  }, 600_000);

  afterAll(async () => {
    await backend?.dispose();
    await web?.close();
    await stack?.stop();
  });

  it('previews, then raises RF 1 → 3 under a throttle, with progress until done; three in-sync replicas and no throttle left', async () => {
    const preview = await call(backend, 'reassignments:reassign', { topic: TOPIC, replicationFactor: 3, throttleBytesPerSec: THROTTLE });
    expect(preview.dryRun).toBe(true);
    expect(preview.partitions.map((p) => p.current)).toEqual([[0], [0], [0]]);
    expect(preview.partitions.every((p) => p.target.length === 3 && p.target.includes(0) && p.moveBytes > 0)).toBe(true);
    // preferred leaders spread over the three brokers
    expect(preview.partitions.map((p) => p.target[0]).sort()).toEqual([0, 1, 2]);
    expect(preview.brokersInvolved).toEqual([0, 1, 2]);
    expect(await describe_(TOPIC)).toEqual([0, 1, 2].map((partition) => ({ partition, leader: 0, replicas: [0], isr: [0] })));

    const applied = await call(backend, 'reassignments:reassign', { topic: TOPIC, replicationFactor: 3, throttleBytesPerSec: THROTTLE, dryRun: false });
    expect(applied.partitions.map((p) => p.target)).toEqual(preview.partitions.map((p) => p.target));
    // while it runs, the throttle is where kafka-reassign-partitions would put it (read before a progress read that still sees it run)
    const [brokerConfigs, topicConfigs] = await Promise.all([configs('brokers', '1'), configs('topics', TOPIC)]);
    expect((await call(backend, 'reassignments:progress', {})).inFlight.filter((p) => p.topic === TOPIC)).toHaveLength(3);
    expect(brokerConfigs).toContain(`leader.replication.throttled.rate=${THROTTLE}`);
    expect(brokerConfigs).toContain(`follower.replication.throttled.rate=${THROTTLE}`);
    expect(topicConfigs).toMatch(/leader\.replication\.throttled\.replicas=0:0/);
    expect(topicConfigs).toMatch(/follower\.replication\.throttled\.replicas=/);

    const done = await until(
      'the reassignment reported done',
      () => events.find((e) => e.finished.some((f) => f.topic === TOPIC && f.outcome === 'done')) ?? null,
      600_000,
    );
    // progress seen on the way: partitions adding replicas with bytes still to copy
    const seen = events.flatMap((e) => e.inFlight).filter((p) => p.topic === TOPIC);
    expect(seen.some((p) => p.adding.length > 0 && (p.bytesToGo ?? 0) > 0)).toBe(true);
    expect(done.finished.find((f) => f.topic === TOPIC)?.replicas).toEqual(Object.fromEntries(applied.partitions.map((p) => [String(p.partition), p.target])));

    const after = await until('three in-sync replicas per partition', async () => {
      const partitions = await describe_(TOPIC);
      return partitions.every((p) => p.isr.length === 3) ? partitions : null;
    });
    expect(after.map((p) => p.replicas)).toEqual(applied.partitions.map((p) => p.target));
    for (const broker of ['0', '1', '2']) expect(await configs('brokers', broker)).not.toMatch(/replication\.throttled\.rate/);
    expect(await configs('topics', TOPIC)).not.toMatch(/replication\.throttled\.replicas/);
    expect((await call(backend, 'reassignments:progress', {})).throttles).toEqual([]);
  }, 900_000);

  it('elects the preferred leaders: the preview names the partitions led elsewhere, and the tool then shows each led by its first replica', async () => {
    // the reassignment kept broker 0 leading all three; two now prefer another broker
    const before = await describe_(TOPIC);
    const misled = before.filter((p) => p.leader !== p.replicas[0]);
    expect(misled.length).toBeGreaterThan(0);
    const preview = await call(backend, 'reassignments:electLeaders', { topic: TOPIC });
    expect(preview.changes.map((c) => [c.partition, c.leader, c.preferred])).toEqual(misled.map((p) => [p.partition, p.leader, p.replicas[0]]));
    expect(await describe_(TOPIC)).toEqual(before);

    const elected = await call(backend, 'reassignments:electLeaders', { topic: TOPIC, dryRun: false });
    expect(elected.changes.every((c) => c.error === null)).toBe(true);
    const after = await until('each partition led by its preferred replica', async () => {
      const partitions = await describe_(TOPIC);
      return partitions.every((p) => p.leader === p.replicas[0]) ? partitions : null;
    });
    expect(after.map((p) => p.leader).sort()).toEqual([0, 1, 2]);
    expect((await call(backend, 'reassignments:electLeaders', {})).changes.filter((c) => c.topic === TOPIC)).toEqual([]);
  });

  it('refuses bad input over REST with 400 naming the field, and changes nothing', async () => {
    const before = await describe_(SLOW);
    const refused = async (body: unknown, field: unknown[]) => {
      const answer = await rest('POST', '/api/streaming/reassignments', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.issues?.[0].path).toEqual(field);
    };
    await refused({ topic: 'it.no-such-topic', replication_factor: 2 }, ['topic']);
    await refused({ topic: SLOW, replication_factor: 4 }, ['replication_factor']);
    await refused({ topic: SLOW, partitions: { '0': [1, 9] } }, ['partitions', '0']);
    await refused({ topic: SLOW, partitions: { '0': [] } }, ['partitions', '0']);
    await refused({ topic: SLOW, partitions: { '0': [1, 1] } }, ['partitions', '0']);
    await refused({ topic: SLOW, replication_factor: 2, throttle_bytes_per_sec: 5 }, ['throttle_bytes_per_sec']);
    expect((await rest('POST', '/api/streaming/leaders/elect', { topic: 'it.no-such-topic' })).body.error?.issues?.[0].path).toEqual(['topic']);
    expect((await rest('DELETE', `/api/streaming/reassignments?topic=${SLOW}`)).status).toBe(404);
    expect(await describe_(SLOW)).toEqual(before);
    expect(await configs('topics', SLOW)).not.toMatch(/throttled/);
  });

  it('over REST: a dry run previews, a throttled slow reassignment starts (202), shows in GET, and DELETE cancels it back to the original replicas', async () => {
    const dry = await rest('POST', '/api/streaming/reassignments?dry_run=true', { topic: SLOW, replication_factor: 3, throttle_bytes_per_sec: 1024 });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ topic: SLOW, dry_run: true, throttle_bytes_per_sec: 1024, brokers_involved: [0, 1, 2] });
    const [partition] = dry.body.partitions as { current: number[]; target: number[]; move_bytes: number }[];
    expect(partition).toMatchObject({ partition: 0, current: [1], removing: [] });
    expect(partition.target).toHaveLength(3);
    expect(partition.move_bytes).toBeGreaterThan(0);
    expect(await describe_(SLOW)).toEqual([{ partition: 0, leader: 1, replicas: [1], isr: [1] }]);

    const started = await rest('POST', '/api/streaming/reassignments', { topic: SLOW, replication_factor: 3, throttle_bytes_per_sec: 1024 });
    expect(started.status).toBe(202);
    expect(started.body.dry_run).toBe(false);
    const listed = await rest('GET', '/api/streaming/reassignments');
    const inFlight = listed.body.in_flight as { topic: string; adding: number[]; bytes_to_go: number | null }[];
    expect(inFlight.find((p) => p.topic === SLOW)).toMatchObject({ topic: SLOW, partition: 0 });
    expect(inFlight.find((p) => p.topic === SLOW)?.adding).toHaveLength(2);
    expect(listed.body.throttles).toEqual([{ topic: SLOW, brokers: [0, 1, 2], bytes_per_sec: 1024 }]);
    expect((await describe_(SLOW))[0].replicas).toHaveLength(3);
    expect(await configs('topics', SLOW)).toMatch(/follower\.replication\.throttled\.replicas=/);
    // a second reassignment of a topic in flight is a conflict
    expect((await rest('POST', '/api/streaming/reassignments', { topic: SLOW, replication_factor: 2 })).status).toBe(409);

    const cancelled = await rest('DELETE', `/api/streaming/reassignments?topic=${SLOW}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ cancelled: [{ topic: SLOW, partition: 0 }] });
    await until('the cancel reported', async () => {
      const progress = await call(backend, 'reassignments:progress', {});
      return progress.finished.some((f) => f.topic === SLOW && f.outcome === 'cancelled') ? progress : null;
    });
    expect(await until('the original replicas back', async () => ((await describe_(SLOW))[0].replicas.length === 1 ? describe_(SLOW) : null))).toEqual([
      { partition: 0, leader: 1, replicas: [1], isr: [1] },
    ]);
    expect(await configs('topics', SLOW)).not.toMatch(/throttled/);
    for (const broker of ['0', '1', '2']) expect(await configs('brokers', broker)).not.toMatch(/replication\.throttled\.rate/);
  }, 300_000);

  it('progress read again and again while a throttled reassignment is applied: the throttle stays on until it ends', async () => {
    // the page polls the progress every 10 s: a read between the throttle and the reassignment once took the throttle off
    let applied = false;
    const applying = call(backend, 'reassignments:reassign', { topic: SLOW, replicationFactor: 3, throttleBytesPerSec: 1024, dryRun: false }).finally(() => {
      applied = true;
    });
    let reads = 0;
    while (!applied) {
      await call(backend, 'reassignments:progress', {});
      reads += 1;
    }
    await applying;
    expect(reads).toBeGreaterThan(1);
    const progress = await call(backend, 'reassignments:progress', {});
    expect(progress.inFlight.filter((p) => p.topic === SLOW)).toHaveLength(1);
    expect(progress.throttles).toEqual([{ topic: SLOW, brokers: [0, 1, 2], bytesPerSec: 1024 }]);
    expect(await configs('topics', SLOW)).toMatch(/leader\.replication\.throttled\.replicas=0:1/);
    expect(await configs('brokers', '1')).toMatch(/leader\.replication\.throttled\.rate=1024/);

    await call(backend, 'reassignments:cancel', { topic: SLOW });
    await until('the original replicas back', async () => ((await describe_(SLOW))[0].replicas.length === 1 ? true : null));
    await until('the throttle removed', async () => ((await call(backend, 'reassignments:progress', {})).throttles.length === 0 ? true : null));
    expect(await configs('topics', SLOW)).not.toMatch(/throttled/);
  }, 300_000);

  it('a throttle left behind while StreamDesk was closed is removed by the first progress read after it starts again', async () => {
    const ledgerDir = mkdtempSync(join(tmpdir(), 'streamdesk-reassign-ledger-'));
    const first = backendAt(ledgerDir);
    const plan = await call(first, 'reassignments:reassign', { topic: SLOW, replicationFactor: 3, throttleBytesPerSec: 1024, dryRun: false });
    await first.dispose();
    // cancelled behind StreamDesk's back by Kafka's own tool, which is told to leave the throttle in place
    const file = join(ledgerDir, 'plan.json');
    writeFileSync(file, JSON.stringify({ version: 1, partitions: plan.partitions.map((p) => ({ topic: SLOW, partition: p.partition, replicas: p.target })) }));
    await kafkaTool('kafka-kraft', 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', [
      '--bootstrap-server',
      bootstrap(),
      '--cancel',
      '--reassignment-json-file',
      file,
      '--preserve-throttles',
    ]);
    await until('the original replicas back', async () => ((await describe_(SLOW))[0].replicas.length === 1 ? true : null));
    expect(await configs('topics', SLOW)).toMatch(/leader\.replication\.throttled\.replicas=/);
    expect(await configs('brokers', '1')).toMatch(/leader\.replication\.throttled\.rate=1024/);

    const second = backendAt(ledgerDir);
    try {
      expect((await call(second, 'reassignments:progress', {})).throttles).toEqual([]);
      expect(await configs('topics', SLOW)).not.toMatch(/throttled/);
      for (const broker of ['0', '1', '2']) expect(await configs('brokers', broker)).not.toMatch(/replication\.throttled\.rate/);
    } finally {
      await second.dispose();
      rmSync(ledgerDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('after kill -9 of the broker that led every partition, kcat reads back every record written (count and checksum)', async () => {
    await stack.stack.stop('kafka', 'SIGKILL');
    const { stdout } = await run('kcat', ['-b', stack.brokers.slice(1).join(','), '-C', '-t', TOPIC, '-e', '-q', '-o', 'beginning', '-f', '%k:%s\\n'], {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 64 << 20,
    });
    expect(digest(stdout.split('\n').filter((line) => line.length > 0))).toEqual(written);
    const survivors = await describe_(TOPIC);
    expect(survivors.every((p) => p.leader !== 0 && p.leader >= 0)).toBe(true);
  }, 400_000);
});
