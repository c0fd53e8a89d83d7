// The brokers area on real clusters, checked with Kafka's own tools from the stack's jars: kafka-metadata-quorum
// (MetadataQuorumCommand), kafka-configs (ConfigCommand), kafka-log-dirs (LogDirsCommand), df; and in ZooKeeper mode the
// controller znode read with ZooKeeper's own shell.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StreamdeskError, unwrap } from '@shared/errors';
import type { CallArgs, CallName, CallResult } from '@shared/contract';
import { dispatch } from '@main/core/dispatch';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { NATIVE_DIR, startTestStack, type TestStack } from '../stack';

const TOKEN = 'integration-token-0123456789abcdef';

/**
 * One of Kafka's command-line classes on a component's classpath; its stdout. Run without blocking: a web host whose
 * event loop stood still for seconds closes a kept-alive socket just as fetch reuses it (ECONNRESET).
 */
async function kafkaTool(component: 'kafka-kraft' | 'kafka-zk', main: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('java', ['-Xmx128m', '-cp', `${NATIVE_DIR}/lib/${component}/*`, main, ...args], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  return stdout;
}

/** `Key:   value` lines of `kafka-metadata-quorum describe --status`. */
function statusFields(text: string): Map<string, string> {
  return new Map(text.split('\n').flatMap((line) => (/^(\w+):\s+(.*)$/.exec(line) ? [[RegExp.$1, RegExp.$2.trim()] as [string, string]] : [])));
}

/** The rows of `kafka-metadata-quorum describe --replication` (tab-separated, padded). */
function replicationRows(text: string): Record<string, string>[] {
  const [header, ...rows] = text.split('\n').filter((line) => line.includes('\t'));
  const names = header.split('\t').map((cell) => cell.trim());
  return rows.map((row) => Object.fromEntries(row.split('\t').map((cell, i) => [names[i], cell.trim()])));
}

function backendFor(bootstrap: string | string[], zookeeper: string | null, dataDir: string, kraft: boolean): Backend {
  return createBackend({
    version: 'test',
    connection: { name: 'it', kafkaBootstrap: [bootstrap].flat(), zookeeper, flinkUrl: null, kafkaUiUrl: null },
    dataDir,
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft,
    logger: silentLogger,
  });
}

const call = async <K extends CallName>(backend: Backend, name: K, args: CallArgs<K>): Promise<CallResult<K>> =>
  unwrap(await dispatch(backend.api, name, args)) as CallResult<K>;

describe('brokers and the quorum on a KRaft node (Kafka 4.1.1)', () => {
  let stack: TestStack;
  let backend: Backend;
  let web: WebHost;
  let base: string;
  const tool = (main: string, args: string[]): Promise<string> => kafkaTool('kafka-kraft', main, ['--bootstrap-server', stack.bootstrap, ...args]);
  const rest = (method: string, path: string, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const dynamicConfigs = () => tool('kafka.admin.ConfigCommand', ['--describe', '--entity-type', 'brokers', '--entity-name', '1']);

  beforeAll(async () => {
    stack = await startTestStack({ kraft: true, only: ['kafka'] });
    backend = backendFor(stack.bootstrap, null, stack.dataDir, true);
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
    execFileSync('kcat', ['-b', stack.bootstrap, '-P', '-t', 'it.brokers', '-k', 'k'], { input: 'one\ntwo\nthree\n', timeout: 30_000 });
    // a group read: __consumer_offsets exists, so internal topics count too
    execFileSync('kcat', ['-b', stack.bootstrap, '-G', 'it.brokers-group', 'it.brokers', '-e', '-q', '-o', 'beginning'], { timeout: 60_000 });
  });
  afterAll(async () => {
    await backend?.dispose();
    await web?.close();
    await stack?.stop();
  });

  it('shows the quorum kafka-metadata-quorum prints (--status and --replication)', async () => {
    const before = await call(backend, 'brokers:quorum', {});
    const status = statusFields(await tool('org.apache.kafka.tools.MetadataQuorumCommand', ['describe', '--status']));
    const replication = replicationRows(await tool('org.apache.kafka.tools.MetadataQuorumCommand', ['describe', '--replication']));
    const after = await call(backend, 'brokers:quorum', {});
    expect(after.mode).toBe('kraft');
    expect(String(after.leaderId)).toBe(status.get('LeaderId'));
    expect(String(after.leaderEpoch)).toBe(status.get('LeaderEpoch'));
    // the metadata log grows every half second (no-op records): the tool's figure lies between our two reads
    const hw = Number(status.get('HighWatermark'));
    expect(hw).toBeGreaterThanOrEqual(before.highWatermark!);
    expect(hw).toBeLessThanOrEqual(after.highWatermark!);
    expect(String(after.maxFollowerLag)).toBe(status.get('MaxFollowerLag'));
    expect(String(after.maxFollowerLagTimeMs)).toBe(status.get('MaxFollowerLagTimeMs'));
    const voters = JSON.parse(status.get('CurrentVoters')!) as { id: number; endpoints: string[] }[];
    expect(after.voters.map((v) => v.id)).toEqual(voters.map((v) => v.id));
    expect(voters[0].endpoints).toEqual([`CONTROLLER://${after.leaderAddress}`]);
    expect(after.observers).toEqual(JSON.parse(status.get('CurrentObservers')!));
    expect(replication.map((row) => [Number(row.NodeId), row.Status])).toEqual(after.voters.map((v) => [v.id, v.role === 'leader' ? 'Leader' : 'Follower']));
    const [row] = replication;
    expect(Number(row.LogEndOffset)).toBeGreaterThanOrEqual(before.voters[0].logEndOffset!);
    expect(Number(row.LogEndOffset)).toBeLessThanOrEqual(after.voters[0].logEndOffset!);
    expect(Number(row.Lag)).toBe(after.voters[0].lag);
    expect(Number(row.LastFetchTimestamp)).toBeGreaterThanOrEqual(before.voters[0].lastFetchMs!);
    expect(Number(row.LastFetchTimestamp)).toBeLessThanOrEqual(after.voters[0].lastFetchMs!);
    expect(Number(row.LastCaughtUpTimestamp)).toBeLessThanOrEqual(after.voters[0].lastCaughtUpMs!);

    const answer = (await (await rest('GET', '/api/streaming/quorum')).json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ mode: 'kraft', leader_id: after.leaderId, leader_epoch: after.leaderEpoch, observers: [] });
    expect((answer.voters as Record<string, unknown>[])[0]).toMatchObject({ id: after.leaderId, role: 'leader', lag: 0 });
  });

  it('names the quorum leader as the controller, in the brokers list and in the health snapshot', async () => {
    const quorum = await call(backend, 'brokers:quorum', {});
    const overview = await call(backend, 'brokers:list', {});
    expect(overview).toMatchObject({ mode: 'kraft', controllerId: quorum.leaderId });
    expect(overview.brokers.map((b) => [b.id, b.isController])).toEqual([[quorum.leaderId, true]]);
    // kcat, an independent client, reads the same metadata: every partition of every topic, internal ones included
    const listed = JSON.parse(execFileSync('kcat', ['-b', stack.bootstrap, '-L', '-J'], { encoding: 'utf8', timeout: 30_000 })) as {
      topics: { topic: string; partitions: { leader: number; replicas: { id: number }[] }[] }[];
    };
    expect(listed.topics.map((t) => t.topic)).toContain('__consumer_offsets');
    const partitions = listed.topics.flatMap((t) => t.partitions);
    expect(overview.brokers[0].leaders).toBe(partitions.filter((p) => p.leader === quorum.leaderId).length);
    expect(overview.brokers[0].replicas).toBe(partitions.flatMap((p) => p.replicas).filter((r) => r.id === quorum.leaderId).length);
    const health = await call(backend, 'health:refresh', {});
    expect(health.services.kafka.details.controllerId).toBe(quorum.leaderId);
    expect(health.services.kafka.details.quorum).toMatchObject({ mode: 'kraft', leaderId: quorum.leaderId, voters: [{ leader: true, behindSeconds: 0 }] });
  });

  it('gives the log dir the sizes kafka-log-dirs prints and the volume df measures', async () => {
    const [broker] = (await call(backend, 'brokers:list', {})).brokers;
    const printed = (await tool('org.apache.kafka.tools.LogDirsCommand', ['--describe', '--broker-list', String(broker.id)]))
      .split('\n')
      .find((line) => line.startsWith('{'));
    const dirs = (JSON.parse(printed!) as { brokers: { logDirs: { logDir: string; partitions: { size: number }[] }[] }[] }).brokers[0].logDirs;
    expect(broker.logDirs.map((d) => [d.path, d.sizeBytes, d.partitions])).toEqual(
      dirs.map((d) => [d.logDir, d.partitions.reduce((sum, p) => sum + p.size, 0), d.partitions.length]),
    );
    expect(broker.logDirs[0].sizeBytes).toBeGreaterThan(0);
    const [, total, , available] = execFileSync('df', ['-B1', broker.logDirs[0].path], { encoding: 'utf8' }).split('\n')[1].split(/\s+/).map(Number);
    expect(broker.logDirs[0].totalBytes).toBe(total);
    // free space moves with everything else on the disk: within 1%
    expect(Math.abs(broker.logDirs[0].usableBytes! - available) / total).toBeLessThan(0.01);
  });

  it('changes a dynamic config that kafka-configs then sees, refuses a bad value on its field and changes nothing', async () => {
    const set = await call(backend, 'brokers:alterConfigs', { brokerId: 1, set: { 'log.cleaner.threads': '2' } });
    expect(set.configs.find((c) => c.name === 'log.cleaner.threads')).toMatchObject({ value: '2', source: 'dynamic-broker', dynamic: true });
    expect(await dynamicConfigs()).toMatch(/log\.cleaner\.threads=2 sensitive=false synonyms=\{DYNAMIC_BROKER_CONFIG:log\.cleaner\.threads=2/);

    const refused = await dispatch(backend.api, 'brokers:alterConfigs', { brokerId: 1, set: { 'log.cleaner.threads': 'abc' } });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-argument',
        issues: [
          { path: ['set', 'log.cleaner.threads'], message: expect.stringMatching(/Invalid value abc for configuration log\.cleaner\.threads/) as string },
        ],
      },
    });
    const patched = await rest('PATCH', '/api/streaming/brokers/1/configs', { set: { 'log.cleaner.threads': '-5', 'log.cleaner.backoff.ms': '20000' } });
    expect(patched.status).toBe(400);
    expect(((await patched.json()) as { error: { issues: { path: unknown[] }[] } }).error.issues[0].path).toEqual(['set', 'log.cleaner.threads']);
    const readOnly = await rest('PATCH', '/api/streaming/brokers/1/configs', { set: { 'node.id': '7' } });
    expect(readOnly.status).toBe(400);
    const printed = await dynamicConfigs();
    expect(printed).toMatch(/log\.cleaner\.threads=2 /);
    expect(printed).not.toMatch(/log\.cleaner\.backoff\.ms|node\.id/);

    const reset = await rest('PATCH', '/api/streaming/brokers/1/configs', { reset: ['log.cleaner.threads'] });
    expect(reset.status).toBe(200);
    const configs = (await reset.json()) as { broker_id: number; configs: { name: string; source: string }[] };
    expect(configs.configs.find((c) => c.name === 'log.cleaner.threads')?.source).toBe('default');
    expect(await dynamicConfigs()).not.toMatch(/log\.cleaner\.threads/);
  });

  it('answers REST in snake_case, 404 for a broker that is not there and 400 naming broker_id', async () => {
    const listed = (await (await rest('GET', '/api/streaming/brokers')).json()) as { controller_id: number; brokers: Record<string, unknown>[] };
    expect(listed.brokers[0]).toMatchObject({ id: 1, host: '127.0.0.1', port: stack.ports.kafka, is_controller: true });
    expect(listed.brokers[0].log_dirs).toEqual([
      expect.objectContaining({ size_bytes: expect.any(Number) as number, total_bytes: expect.any(Number) as number }),
    ]);
    const configs = (await (await rest('GET', '/api/streaming/brokers/1/configs')).json()) as { configs: { name: string; source: string; dynamic: boolean }[] };
    expect(configs.configs.find((c) => c.name === 'node.id')).toMatchObject({ source: 'static', dynamic: false });
    expect((await rest('GET', '/api/streaming/brokers/9/configs')).status).toBe(404);
    const bad = await rest('GET', '/api/streaming/brokers/x/configs');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: unknown[] }[] } }).error.issues[0].path).toEqual(['broker_id']);
    await expect(call(backend, 'brokers:configs', { brokerId: 9 })).rejects.toThrow(StreamdeskError);
  });
});

describe('brokers and the ensemble in ZooKeeper mode (Kafka 3.9.1, the shared stack)', () => {
  const shared = inject('sharedStack');
  let backend: Backend;
  beforeAll(() => {
    backend = backendFor(shared.bootstrap, shared.zookeeper, shared.dataDir, false);
  });
  afterAll(() => backend?.dispose());

  it('shows the standalone ZooKeeper as the ensemble and the controller the /controller znode names', async () => {
    const quorum = await call(backend, 'brokers:quorum', {});
    expect(quorum).toMatchObject({ mode: 'zookeeper', leaderAddress: shared.zookeeper, problem: null });
    expect(quorum.voters).toEqual([expect.objectContaining({ address: shared.zookeeper, role: 'standalone', lag: 0 })]);
    const znode = await kafkaTool('kafka-zk', 'org.apache.zookeeper.ZooKeeperMain', ['-server', shared.zookeeper, 'get', '/controller']);
    const brokerid = (JSON.parse(znode.split('\n').find((line) => line.startsWith('{'))!) as { brokerid: number }).brokerid;
    const overview = await call(backend, 'brokers:list', {});
    expect(overview.controllerId).toBe(brokerid);
    expect(overview.brokers.find((b) => b.isController)?.id).toBe(brokerid);
  });
});

describe('a three-voter KRaft quorum (three combined nodes, Kafka 4.1.1)', () => {
  let stack: TestStack;
  let backend: Backend;
  // every broker: the victim of the kill below may be the first
  const quorumTool = async (what: '--status' | '--replication') =>
    kafkaTool('kafka-kraft', 'org.apache.kafka.tools.MetadataQuorumCommand', ['--bootstrap-server', stack.brokers.join(','), 'describe', what]);

  beforeAll(async () => {
    stack = await startTestStack({ kraft: true, brokers: 3, only: ['kafka', 'kafka-2', 'kafka-3'] });
    backend = backendFor(stack.brokers, null, stack.dataDir, true);
    backend.start();
  }, 600_000);
  afterAll(async () => {
    await backend?.dispose();
    await stack?.stop();
  });

  it('shows the three voters and the leader kafka-metadata-quorum prints, and that leader as the controller', async () => {
    const quorum = await call(backend, 'brokers:quorum', {});
    const status = statusFields(await quorumTool('--status'));
    const rows = replicationRows(await quorumTool('--replication'));
    expect(String(quorum.leaderId)).toBe(status.get('LeaderId'));
    expect(String(quorum.leaderEpoch)).toBe(status.get('LeaderEpoch'));
    expect(quorum.voters.map((v) => v.id).sort()).toEqual((JSON.parse(status.get('CurrentVoters')!) as { id: number }[]).map((v) => v.id).sort());
    expect(quorum.voters.map((v) => v.id).sort()).toEqual([1, 2, 3]);
    expect(rows.filter((row) => row.Status === 'Leader').map((row) => Number(row.NodeId))).toEqual([quorum.leaderId]);
    expect(quorum.voters.filter((v) => v.role === 'follower')).toHaveLength(2);
    const overview = await call(backend, 'brokers:list', {});
    expect(overview.controllerId).toBe(quorum.leaderId);
    expect(overview.brokers.filter((b) => b.isController).map((b) => b.id)).toEqual([quorum.leaderId]);
  });

  it('after kill -9 of a follower: its frozen offsets and times as the tool prints them, and the voter-lagging alert', async () => {
    await call(backend, 'alerts:updateRule', { id: 'quorum-voter-lagging', threshold: 3 });
    const { leaderId } = await call(backend, 'brokers:quorum', {});
    const victim = [1, 2, 3].find((id) => id !== leaderId)!;
    process.kill(stack.stack.pidSync(victim === 1 ? 'kafka' : (`kafka-${victim}` as 'kafka-2' | 'kafka-3'))!, 'SIGKILL');
    let active: string[] = [];
    for (let i = 0; i < 90 && !active.some((message) => message.startsWith(`Voter ${victim} `)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      active = (await call(backend, 'alerts:state', {})).active.filter((a) => a.ruleId === 'quorum-voter-lagging').map((a) => a.message);
    }
    expect(active).toEqual([
      expect.stringMatching(new RegExp(`^Voter ${victim} of the KRaft metadata quorum last caught up with leader ${leaderId} \\d+ s before it`)),
    ]);
    const ours = (await call(backend, 'brokers:quorum', {})).voters.find((v) => v.id === victim)!;
    const row = replicationRows(await quorumTool('--replication')).find((r) => Number(r.NodeId) === victim)!;
    // a dead voter's log end offset and times stay where the leader last saw them: equal, not merely close
    expect([Number(row.LogEndOffset), Number(row.LastFetchTimestamp), Number(row.LastCaughtUpTimestamp)]).toEqual([
      ours.logEndOffset,
      ours.lastFetchMs,
      ours.lastCaughtUpMs,
    ]);
    expect(ours.lag).toBeGreaterThan(0);
    const health = (await call(backend, 'health:get', {})).services.kafka.details.quorum!;
    expect(health.voters.find((v) => v.name === String(victim))?.behindSeconds).toBeGreaterThanOrEqual(3);
  });
});
