// The `acls` and `users` areas on a secured single-broker ZooKeeper-mode stack (Kafka 3.9, SASL/SCRAM-SHA-512 only,
// AclAuthorizer), driven through StreamDesk's back end signed in as the super user with a saved profile, and checked
// with tools no one here wrote: kcat with SASL (sign-in, produce, refusals), Kafka's AclCommand (the bindings the broker
// holds) and ProducerPerformance (the throttled rate; from the KRaft stack's jars, as 3.9's lib holds no kafka-tools).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '@shared/errors';
import type { CallArgs, CallName, CallResult } from '@shared/contract';
import { dispatch } from '@main/core/dispatch';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { profileStorageIn } from '@main/services/profiles';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { NATIVE_DIR, startTestStack, type TestStack } from '@test/stack';

const execFileP = promisify(execFile);
const SUPER_USER = 'streamdesk';
const PASSWORD = randomBytes(18).toString('base64url');
const TOKEN = 'acls-users-test-token-0123456789';
const NOT_AUTHORIZED = /Topic authorization failed|Not authorized to access topics|TopicAuthorizationException/i;

async function run(cmd: string, args: string[], input?: string, timeout = 60_000): Promise<{ code: number; out: string }> {
  const child = execFileP(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 16 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  try {
    const r = await child;
    return { code: 0, out: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const sasl = (username: string, password: string) => [
  '-X',
  'security.protocol=SASL_PLAINTEXT',
  '-X',
  'sasl.mechanisms=SCRAM-SHA-512',
  '-X',
  `sasl.username=${username}`,
  '-X',
  `sasl.password=${password}`,
];

let stack: TestStack;
let backend: Backend;
let web: WebHost;
let base: string;
const tempDirs: string[] = [];

const call = async <K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> => unwrap(await dispatch(backend.api, name, args)) as CallResult<K>;
const rest = (method: string, path: string, body?: unknown) =>
  fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A client config for Kafka's own tools (mode 600, in a temp dir removed after the test). */
function clientConfig(username: string, password: string): string {
  const file = join(tempDir('streamdesk-acl-client-'), 'client.properties');
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
  writeFileSync(file, ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-512', `sasl.jaas.config=${jaas}`, ''].join('\n'), { mode: 0o600 });
  return file;
}

const kafkaTool = (lib: 'kafka-zk' | 'kafka-kraft', mainClass: string, args: string[], timeout = 120_000) =>
  run('java', ['-Xmx256m', '-cp', join(NATIVE_DIR, 'lib', lib, '*'), mainClass, ...args], undefined, timeout);

/** kcat produces one record as the user: the output says why when the broker refuses. */
const produceAs = (username: string, password: string, topic: string) =>
  run('kcat', ['-b', stack.bootstrap, ...sasl(username, password), '-P', '-t', topic, '-m', '15'], `from ${username}\n`);

/**
 * Waits until the user signs in: in ZooKeeper mode the controller writes a credential to ZooKeeper and each broker
 * takes it from a change notification a moment later.
 */
async function signedIn(username: string, password: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const listed = await run('kcat', ['-b', stack.bootstrap, ...sasl(username, password), '-L', '-m', '5']);
    if (listed.code === 0 || Date.now() > until) return expect(listed.code, listed.out).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until the broker refuses the user's sign-in (a changed or deleted credential reaches it as a signed-in one does). */
async function refused(username: string, password: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const listed = await run('kcat', ['-b', stack.bootstrap, ...sasl(username, password), '-L', '-m', '5']);
    const refusal = listed.code !== 0 && /Authentication failed|SASL authentication error/i.test(listed.out);
    if (refusal || Date.now() > until) return expect(refusal, listed.out).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The records of a topic as the super user reads them. */
async function recordsOf(topic: string): Promise<string[]> {
  const read = await run('kcat', ['-b', stack.bootstrap, ...sasl(SUPER_USER, PASSWORD), '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-m', '15']);
  expect(read.code, read.out).toBe(0);
  return read.out.split('\n').filter((line) => line.length > 0);
}

beforeAll(async () => {
  stack = await startTestStack({
    secure: { superUser: SUPER_USER, password: () => PASSWORD },
    only: ['zookeeper', 'kafka'],
    timeoutMs: 240_000,
  });
  backend = createBackend({
    version: 'test',
    dataDir: tempDir('streamdesk-acls-data-'),
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft: false,
    logger: silentLogger,
    profiles: profileStorageIn(tempDir('streamdesk-acls-profiles-')),
  });
  const saved = await call('profiles:save', {
    profile: {
      name: 'secured',
      kafkaBootstrap: [stack.bootstrap],
      auth: { mechanism: 'scram-sha-512', username: SUPER_USER, password: PASSWORD },
      tls: { enabled: false },
      zookeeper: null,
      flink: { url: null, auth: 'none' },
      prometheusUrl: null,
      kafkaUiUrl: null,
    },
  });
  await call('profiles:activate', { id: saved.id });
  web = await startWebHost({ api: backend.api, bus: backend.bus, token: TOKEN, host: '127.0.0.1', port: 0, rendererDir: '/nonexistent', logger: silentLogger });
  base = `http://127.0.0.1:${web.port}`;
  for (const name of ['it.allowed', 'it.other', 'it.quota'])
    await call('topics:create', { name, partitions: 1, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' });
}, 300_000);

afterAll(async () => {
  await web?.close();
  await backend?.dispose();
  await stack?.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('SCRAM users', () => {
  it('a user created in StreamDesk signs in with kcat; once deleted it cannot', async () => {
    const typed = randomBytes(12).toString('base64url');
    const created = await call('users:create', { name: 'carol', password: typed });
    expect(created).toEqual({ name: 'carol', mechanism: 'scram-sha-512', generatedPassword: null });
    const listed = await call('users:list', {});
    expect(listed.users.find((u) => u.name === 'carol')?.mechanisms).toEqual([{ mechanism: 'scram-sha-512', iterations: 8192 }]);
    await signedIn('carol', typed);

    // a generated password is answered once and works; the typed one no longer does
    const generated = await call('users:setPassword', { name: 'carol' });
    expect(generated.generatedPassword).toMatch(/^[\w-]{32}$/);
    await signedIn('carol', generated.generatedPassword!);
    await refused('carol', typed);

    expect(await call('users:delete', { name: 'carol' })).toEqual({ name: 'carol', mechanisms: ['scram-sha-512'] });
    await refused('carol', generated.generatedPassword!);
    expect((await call('users:list', {})).users.map((u) => u.name)).not.toContain('carol');
  }, 120_000);

  it('refuses to delete or re-password the user StreamDesk signs in as (409), which still signs in afterwards', async () => {
    expect((await call('users:list', {})).signedInAs).toBe(SUPER_USER);
    const deleted = await dispatch(backend.api, 'users:delete', { name: SUPER_USER });
    expect(deleted).toMatchObject({ ok: false, error: { code: 'conflict', message: `StreamDesk signs in as ${SUPER_USER}; it will not delete it` } });
    expect((await rest('PUT', `/api/streaming/users/${SUPER_USER}/password`, {})).status).toBe(409);
    expect(((await (await rest('GET', '/api/streaming/users')).json()) as { signed_in_as: string }).signed_in_as).toBe(SUPER_USER);
    await signedIn(SUPER_USER, PASSWORD);
  }, 60_000);

  it('REST: POST 201 (password never answered), 409 for a second create, 400 naming the field, DELETE 404 for an unknown user', async () => {
    const password = randomBytes(12).toString('base64url');
    const created = await rest('POST', '/api/streaming/users', { name: 'dave', mechanism: 'SCRAM-SHA-512', password });
    expect(created.status).toBe(201);
    const body = await created.text();
    expect(body).not.toContain(password);
    expect(JSON.parse(body)).toEqual({ name: 'dave', mechanism: 'scram-sha-512', generated_password: null });
    expect((await rest('POST', '/api/streaming/users', { name: 'dave', mechanism: 'SCRAM-SHA-512', password })).status).toBe(409);
    const bad = await rest('POST', '/api/streaming/users', { name: 'dave', password: 'short' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string[] }[] } }).error.issues.map((i) => i.path.join('.'))).toEqual(['password']);
    expect((await rest('DELETE', '/api/streaming/users/dave')).status).toBe(200);
    expect((await rest('DELETE', '/api/streaming/users/dave')).status).toBe(404);
  }, 60_000);
});

describe('ACLs', () => {
  let alicePassword: string;

  beforeAll(async () => {
    alicePassword = (await call('users:create', { name: 'alice' })).generatedPassword!;
    await signedIn('alice', alicePassword);
  });

  it('an ACL created in StreamDesk lets alice produce to the allowed topic and refuses another; AclCommand and the checker agree', async () => {
    const refusedBefore = await produceAs('alice', alicePassword, 'it.allowed');
    expect(refusedBefore.out).toMatch(NOT_AUTHORIZED);
    const binding = await call('acls:create', { principal: 'User:alice', resourceType: 'topic', resourceName: 'it.allowed', operation: 'write' });
    expect(binding).toEqual({
      principal: 'User:alice',
      host: '*',
      resourceType: 'topic',
      resourceName: 'it.allowed',
      patternType: 'literal',
      operation: 'write',
      permission: 'allow',
    });

    const allowed = await produceAs('alice', alicePassword, 'it.allowed');
    expect(allowed.out).not.toMatch(NOT_AUTHORIZED);
    expect(await recordsOf('it.allowed')).toEqual(['from alice']);
    expect((await produceAs('alice', alicePassword, 'it.other')).out).toMatch(NOT_AUTHORIZED);
    expect(await recordsOf('it.other')).toEqual([]);

    const listed = await kafkaTool('kafka-zk', 'kafka.admin.AclCommand', [
      '--bootstrap-server',
      stack.bootstrap,
      '--command-config',
      clientConfig(SUPER_USER, PASSWORD),
      '--list',
      '--topic',
      'it.allowed',
    ]);
    expect(listed.code, listed.out).toBe(0);
    expect(listed.out).toMatch(/\(principal=User:alice, host=\*, operation=WRITE, permissionType=ALLOW\)/);

    const yes = await call('acls:check', { principal: 'User:alice', operation: 'write', resourceType: 'topic', resourceName: 'it.allowed' });
    expect(yes).toMatchObject({ allowed: true, decision: 'allow', decidedBy: [binding] });
    // DESCRIBE is implied by WRITE, as the broker's metadata answer to alice shows
    expect(await call('acls:check', { principal: 'User:alice', operation: 'describe', resourceType: 'topic', resourceName: 'it.allowed' })).toMatchObject({
      allowed: true,
      decision: 'allow',
    });
    const no = await call('acls:check', { principal: 'User:alice', operation: 'write', resourceType: 'topic', resourceName: 'it.other' });
    expect(no).toMatchObject({ allowed: false, decision: 'none', decidedBy: [] });
    // the broker hides super.users (answered as sensitive) and this profile is no local stack: the answer says so
    const superUser = await call('acls:check', { principal: `User:${SUPER_USER}`, operation: 'write', resourceType: 'topic', resourceName: 'it.other' });
    expect(superUser).toMatchObject({ allowed: false, decision: 'none' });
    expect(superUser.reason).toMatch(/unless it is a super user StreamDesk cannot see: the broker does not show super.users/);
  }, 180_000);

  it('a deny added with AclCommand wins; a delete filter previews exactly it and removes only it', async () => {
    const added = await kafkaTool('kafka-zk', 'kafka.admin.AclCommand', [
      '--bootstrap-server',
      stack.bootstrap,
      '--command-config',
      clientConfig(SUPER_USER, PASSWORD),
      '--add',
      '--deny-principal',
      'User:alice',
      '--operation',
      'Write',
      '--topic',
      'it.',
      '--resource-pattern-type',
      'prefixed',
    ]);
    expect(added.code, added.out).toBe(0);
    const checked = await call('acls:check', { principal: 'User:alice', operation: 'write', resourceType: 'topic', resourceName: 'it.allowed' });
    expect(checked).toMatchObject({ allowed: false, decision: 'deny' });
    expect(checked.decidedBy).toEqual([expect.objectContaining({ resourceName: 'it.', patternType: 'prefixed', permission: 'deny' })]);
    expect((await produceAs('alice', alicePassword, 'it.allowed')).out).toMatch(NOT_AUTHORIZED);

    const filter = { principal: 'User:alice', permission: 'deny' as const };
    const preview = await call('acls:delete', { filter, dryRun: true });
    expect(preview.bindings).toEqual([expect.objectContaining({ resourceName: 'it.', operation: 'write', permission: 'deny' })]);
    expect((await call('acls:list', { principal: 'User:alice' })).bindings).toHaveLength(2);
    const removed = await call('acls:delete', { filter, dryRun: false });
    expect(removed.bindings).toEqual(preview.bindings);
    expect((await call('acls:list', { principal: 'User:alice' })).bindings.map((b) => b.permission)).toEqual(['allow']);
    expect((await produceAs('alice', alicePassword, 'it.allowed')).out).not.toMatch(NOT_AUTHORIZED);
  }, 180_000);

  it('REST: create 201, 409 again, 400 naming the field, list, check, delete with a preview', async () => {
    const body = { principal: 'User:alice', resource_type: 'group', resource_name: 'it-group', operation: 'read', permission: 'allow', host: '*' };
    const created = await rest('POST', '/api/streaming/acls', body);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ...body, pattern_type: 'literal' });
    expect((await rest('POST', '/api/streaming/acls', body)).status).toBe(409);
    const bad = await rest('POST', '/api/streaming/acls', { ...body, resource_type: 'tpoic' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string[] }[] } }).error.issues.map((i) => i.path.join('.'))).toEqual(['resource_type']);
    const listed = (await (await rest('GET', '/api/streaming/acls?principal=User:alice&resource_type=group')).json()) as { bindings: unknown[] };
    expect(listed.bindings).toEqual([{ ...body, pattern_type: 'literal' }]);
    const check = await rest('GET', '/api/streaming/acls/check?principal=User:alice&operation=read&resource_type=group&resource_name=it-group');
    expect(await check.json()).toMatchObject({ allowed: true, decided_by: [{ ...body, pattern_type: 'literal' }] });
    const preview = (await (await rest('DELETE', '/api/streaming/acls?dry_run=true', { resource_type: 'group' })).json()) as { bindings: unknown[] };
    expect(preview.bindings).toHaveLength(1);
    expect((await rest('DELETE', '/api/streaming/acls', {})).status).toBe(400);
    const deleted = (await (await rest('DELETE', '/api/streaming/acls', { resource_type: 'group' })).json()) as { dry_run: boolean; bindings: unknown[] };
    expect(deleted).toEqual({ dry_run: false, bindings: preview.bindings });
  }, 60_000);
});

describe('client quotas', () => {
  it("a produce quota set in StreamDesk holds ProducerPerformance's rate within 15% of it", async () => {
    const password = (await call('users:create', { name: 'quota-user' })).generatedPassword!;
    await signedIn('quota-user', password);
    await call('acls:create', { principal: 'User:quota-user', resourceType: 'topic', resourceName: 'it.quota', operation: 'write' });
    const rate = 200_000;
    const set = await call('users:setQuota', { user: 'quota-user', producerByteRate: rate });
    expect(set.quotas).toEqual([{ user: 'quota-user', clientId: null, values: { producer_byte_rate: rate } }]);
    const described = await kafkaTool('kafka-zk', 'kafka.admin.ConfigCommand', [
      '--bootstrap-server',
      stack.bootstrap,
      '--command-config',
      clientConfig(SUPER_USER, PASSWORD),
      '--describe',
      '--entity-type',
      'users',
      '--entity-name',
      'quota-user',
    ]);
    expect(described.out).toMatch(/producer_byte_rate=200000\.0/);

    // 8 MB in 1000-byte records: about 40 s at the quota. The broker lets a first burst through before throttling
    // (its rate is measured over 11 one-second windows), so the steady rate is ProducerPerformance's 5 s reports after
    // the first; the whole run's rate is printed beside it.
    const perf = await kafkaTool(
      'kafka-kraft',
      'org.apache.kafka.tools.ProducerPerformance',
      [
        '--topic',
        'it.quota',
        '--num-records',
        '8000',
        '--record-size',
        '1000',
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${stack.bootstrap}`,
        'acks=1',
        '--producer.config',
        clientConfig('quota-user', password),
      ],
      180_000,
    );
    expect(perf.code, perf.out).toBe(0);
    // each 5 s report ends "max latency."; the summary goes on with percentiles
    // The broker lets a first burst through (the producer hands it all its buffered records) and then holds the
    // client back; the steady rate is what came after ProducerPerformance's first report: records and seconds after it.
    const first = /^(\d+) records sent, ([\d.]+) records\/sec .*max latency\.$/m.exec(perf.out);
    const summary = /^8000 records sent, ([\d.]+) records\/sec/m.exec(perf.out);
    expect(first && summary, perf.out).toBeTruthy();
    const firstRecords = Number(first![1]);
    const totalSeconds = 8000 / Number(summary![1]);
    const steadySeconds = totalSeconds - firstRecords / Number(first![2]);
    const bytesPerSecond = ((8000 - firstRecords) * 1000) / steadySeconds;
    console.log(
      `[quota] ${rate} B/s set; after the first report ${bytesPerSecond.toFixed(0)} B/s over ${steadySeconds.toFixed(1)} s; ` +
        `first report ${Number(first![2]) * 1000} B/s; whole run ${Number(summary![1]) * 1000} B/s in ${totalSeconds.toFixed(1)} s`,
    );
    expect(Math.abs(bytesPerSecond - rate) / rate).toBeLessThan(0.15);

    const removed = await call('users:removeQuota', { user: 'quota-user' });
    expect(removed.quotas).toEqual([]);
  }, 240_000);
});
