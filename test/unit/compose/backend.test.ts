// ComposeBackend end to end over injected run/spawn: what it runs, in which order, with which env.
import { describe, expect, it } from 'vitest';
import { ComposeBackend, DATA_SUBDIRS, KRAFT_SERVICES } from '@main/services/stack/compose/backend';
import { ComposeError } from '@main/services/stack/compose/errors';
import type { ComposeProgress, RunFn, SpawnFn } from '@main/services/stack/compose/types';
import { documented, enoent, fakeRun, fakeSpawn, recorded, toResult, type Script } from './fakes';

const COMPOSE = '/app/compose';
const DATA = '/home/u/.streamdesk/data';
const FILE = `${COMPOSE}/docker-compose.yml`;
const V2 = { 'docker compose version': { code: 0, stdout: 'Docker Compose version v2.24.6\n', stderr: '' } };
const V1 = { 'docker compose version': toResult(recorded('docker-compose-plugin-missing')), 'docker-compose version': toResult(recorded('v1-version')) };
const DAEMON = { 'docker info --format {{.ServerVersion}}': { code: 0, stdout: '28.2.2\n', stderr: '' } };

function backend(run: RunFn, spawn: SpawnFn, extra: Partial<ConstructorParameters<typeof ComposeBackend>[0]> = {}) {
  const dirs: string[] = [];
  const b = new ComposeBackend({ run, spawn, composeDir: COMPOSE, dataDir: DATA, baseEnv: { PATH: '/usr/bin' }, ensureDir: (d) => dirs.push(d), ...extra });
  return { b, dirs };
}
const line = (c: { cmd: string; args: string[] }) => [c.cmd, ...c.args].join(' ');

describe('ComposeBackend.up', () => {
  it('Compose 2.x: creates the data folders, pulls with progress, then up -d --wait', async () => {
    const { run, calls } = fakeRun({ ...V2, ...DAEMON, [`docker compose -p streamdesk -f ${FILE} ps -a --format json`]: { code: 0, stdout: documented('ps-v2-array.json'), stderr: '' } });
    const sp = fakeSpawn((c): Script => (c.args.includes('pull') ? { stderr: documented('pull-v2-plain.txt') } : { stderr: documented('up-v2-plain.txt').replace(' Container streamdesk-kafka-1  Error\n', '') }));
    const { b, dirs } = backend(run, sp.spawn);
    const events: ComposeProgress[] = [];
    const states = await b.up((e) => events.push(e));

    expect(dirs).toEqual(DATA_SUBDIRS.map((d) => `${DATA}/${d}`));
    expect(sp.calls.map(line)).toEqual([`docker compose -p streamdesk -f ${FILE} pull --ignore-pull-failures`, `docker compose -p streamdesk -f ${FILE} up -d --wait`]);
    for (const c of [...sp.calls, ...calls]) {
      expect(c.opts.env).toEqual({ PATH: '/usr/bin', STREAMDESK_DATA_DIR: DATA });
      expect(c.opts.cwd).toBe(COMPOSE);
    }
    expect(events.some((e) => e.service === 'zookeeper' && e.phase === 'pulled')).toBe(true);
    expect(events.some((e) => e.service === 'zookeeper' && e.phase === 'healthy')).toBe(true);
    expect(events.filter((e) => e.phase === 'ready').map((e) => e.service)).toEqual(['kafka', 'flink-taskmanager', 'zookeeper']);
    expect(states).toHaveLength(3);
  });

  it('uses the KRaft file and its services when kraft is set', () => {
    const { run } = fakeRun({ ...V2, ...DAEMON });
    const sp = fakeSpawn(() => ({ code: 0 }));
    const { b } = backend(run, sp.spawn, { kraft: true });
    expect(b.file).toBe(`${COMPOSE}/docker-compose.kraft.yml`);
    expect(b.services).toEqual(KRAFT_SERVICES);
    expect(b.services).not.toContain('zookeeper');
  });

  it('Compose 1.x: up -d, then polls docker ps until every service is healthy', async () => {
    const all = (health: string) =>
      ['zookeeper', 'kafka', 'kafka-ui', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']
        .map((s) => JSON.stringify({ Names: `streamdesk_${s}_1`, Labels: `com.docker.compose.project=streamdesk,com.docker.compose.service=${s}`, State: 'running', Status: `Up 1 second (${health})`, Ports: '' }))
        .join('\n');
    let polls = 0;
    const { run, calls } = fakeRun({
      ...V1,
      ...DAEMON,
      'docker ps -a --filter label=com.docker.compose.project=streamdesk --format {{json .}}': () => ({ code: 0, stdout: all(++polls < 3 ? 'health: starting' : 'healthy'), stderr: '' }),
    });
    const sp = fakeSpawn(() => ({ stderr: documented('pull-v1.txt') }));
    const slept: number[] = [];
    const { b } = backend(run, sp.spawn, {
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
      pollIntervalMs: 500,
    });
    const states = await b.up();
    expect(sp.calls.map(line)).toEqual([`docker-compose -p streamdesk -f ${FILE} pull --ignore-pull-failures`, `docker-compose -p streamdesk -f ${FILE} up -d`]);
    expect(polls).toBe(3);
    expect(slept).toEqual([500, 500]);
    expect(states.every((s) => s.health === 'healthy')).toBe(true);
    expect(calls.filter((c) => c.cmd === 'docker' && c.args[0] === 'ps')).toHaveLength(3);
  });

  it('Compose 1.x: stops polling with the unhealthy service named', async () => {
    const { run } = fakeRun({ ...V1, ...DAEMON, 'docker ps -a --filter label=com.docker.compose.project=streamdesk --format {{json .}}': { code: 0, stdout: documented('docker-ps-lines.jsonl'), stderr: '' } });
    const { b } = backend(run, fakeSpawn(() => ({})).spawn, { sleep: async () => {} });
    await expect(b.up()).rejects.toMatchObject({ kind: 'unhealthy', message: expect.stringContaining('flink-taskmanager is exited (exit code 137)') as string });
  });

  it('a missing image on up is an image-missing error', async () => {
    const errors = JSON.parse(documented('daemon-errors.json')) as Record<string, string>;
    const { run } = fakeRun({ ...V2, ...DAEMON });
    const sp = fakeSpawn((c) => (c.args.includes('up') ? { code: 1, stderr: errors.manifestUnknown } : { code: 0 }));
    const { b } = backend(run, sp.spawn);
    const error = await b.up().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComposeError);
    expect(error).toMatchObject({ kind: 'image-missing', code: 'not-found' });
  });

  it('refuses to start with the detection problem when the daemon is down (real output)', async () => {
    const { run } = fakeRun({ ...V1, 'docker info --format {{.ServerVersion}}': toResult(recorded('docker-info-daemon-down')) });
    const sp = fakeSpawn(() => ({}));
    const { b, dirs } = backend(run, sp.spawn);
    await expect(b.up()).rejects.toMatchObject({ kind: 'daemon-down' });
    expect(sp.calls).toHaveLength(0);
    expect(dirs).toHaveLength(0);
  });
});

describe('ComposeBackend down / status / logs', () => {
  it('down runs down --remove-orphans; a real 1.x daemon error becomes daemon-down', async () => {
    const { run, calls } = fakeRun({ ...V1, 'docker compose version': enoent('docker'), [`docker-compose -p streamdesk -f ${FILE} down --remove-orphans`]: toResult(recorded('v1-ps-daemon-down')) });
    const { b } = backend(run, fakeSpawn(() => ({})).spawn);
    await expect(b.down()).rejects.toMatchObject({ kind: 'daemon-down' });
    expect(line(calls.at(-1)!)).toBe(`docker-compose -p streamdesk -f ${FILE} down --remove-orphans`);
  });

  it('status parses Compose 2.x ps output', async () => {
    const { run } = fakeRun({ ...V2, ...DAEMON, [`docker compose -p streamdesk -f ${FILE} ps -a --format json`]: { code: 0, stdout: documented('ps-v2-lines.jsonl'), stderr: '' } });
    const { b } = backend(run, fakeSpawn(() => ({})).spawn);
    expect((await b.status()).map((s) => s.service)).toEqual(['flink-jobmanager', 'flink-sql-gateway', 'kafka-ui']);
  });

  it('logs follows one service, strips the prefix, and the unsubscribe kills the child', async () => {
    const { run } = fakeRun({ ...V2, ...DAEMON });
    const sp = fakeSpawn(() => ({ stdout: 'kafka-1  | [2024-03-01 10:00:00,000] INFO started (kafka.server.KafkaServer)\nkafka-1  | second\n', follow: true }));
    const { b } = backend(run, sp.spawn);
    const lines: string[] = [];
    let ended: Error | null | undefined;
    const stop = b.logs('kafka', (l) => lines.push(l), (e) => (ended = e));
    await new Promise((r) => setTimeout(r, 20));
    expect(line(sp.calls[0])).toBe(`docker compose -p streamdesk -f ${FILE} logs -f --no-color --tail 200 kafka`);
    expect(lines).toEqual(['[2024-03-01 10:00:00,000] INFO started (kafka.server.KafkaServer)', 'second']);
    expect(ended).toBeUndefined();
    stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(sp.children[0].killed).toBe('SIGTERM');
    expect(ended).toBeNull();
  });

  it('logs reports docker missing through onEnd', async () => {
    const { run } = fakeRun({ 'docker compose version': enoent('docker'), 'docker-compose version': enoent('docker-compose') });
    const { b } = backend(run, fakeSpawn(() => ({})).spawn);
    const ended = await new Promise<Error | null>((resolve) => b.logs('kafka', () => {}, resolve));
    expect(ended).toMatchObject({ kind: 'docker-missing' });
  });
});
