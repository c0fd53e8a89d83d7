// The `acls` and `users` areas on a secured single KRaft node (Kafka 4.1, StandardAuthorizer; SCRAM credentials go
// through the controller). This machine's kcat cannot SCRAM-sign-in to Kafka 4 (see secure-stack.test.ts), so Kafka's
// own ConsoleProducer from the stack's jars signs in as the user StreamDesk created.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '@shared/errors';
import type { CallArgs, CallName, CallResult } from '@shared/contract';
import { dispatch } from '@main/core/dispatch';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { profileStorageIn } from '@main/services/profiles';
import { NATIVE_DIR, startTestStack, type TestStack } from '@test/stack';

const SUPER_USER = 'streamdesk';
const PASSWORD = randomBytes(18).toString('base64url');
const NOT_AUTHORIZED = /TopicAuthorizationException|Not authorized to access topics/i;
let stack: TestStack;
let backend: Backend;
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
const call = async <K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> => unwrap(await dispatch(backend.api, name, args)) as CallResult<K>;

/** ConsoleProducer as the user: one record, its output (a refusal names TopicAuthorizationException). */
async function produceAs(username: string, password: string, topic: string): Promise<{ code: number; out: string }> {
  const config = join(tempDir('streamdesk-kraft-client-'), 'client.properties');
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
  writeFileSync(config, ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-512', `sasl.jaas.config=${jaas}`, ''].join('\n'), { mode: 0o600 });
  const args = ['-Xmx256m', '-cp', join(NATIVE_DIR, 'lib', 'kafka-kraft', '*'), 'org.apache.kafka.tools.ConsoleProducer'];
  const child = promisify(execFile)(
    'java',
    [
      ...args,
      '--bootstrap-server',
      stack.bootstrap,
      '--producer.config',
      config,
      '--topic',
      topic,
      '--request-required-acks',
      '1',
      '--producer-property',
      'max.block.ms=15000',
    ],
    {
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  child.child.stdin?.end('hello\n');
  try {
    const r = await child;
    return { code: 0, out: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  stack = await startTestStack({ kraft: true, secure: { superUser: SUPER_USER, password: () => PASSWORD }, only: ['kafka'], timeoutMs: 240_000 });
  backend = createBackend({
    version: 'test',
    dataDir: tempDir('streamdesk-acls-kraft-data-'),
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft: true,
    logger: silentLogger,
    profiles: profileStorageIn(tempDir('streamdesk-acls-kraft-profiles-')),
  });
  const saved = await call('profiles:save', {
    profile: {
      name: 'secured kraft',
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
  for (const name of ['kr.allowed', 'kr.other'])
    await call('topics:create', { name, partitions: 1, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' });
}, 300_000);

afterAll(async () => {
  await backend?.dispose();
  await stack?.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}, 120_000);

it('KRaft: a user and an ACL created in StreamDesk let ConsoleProducer write the allowed topic only; the checker agrees; the deleted user is refused', async () => {
  const password = (await call('users:create', { name: 'frank' })).generatedPassword!;
  expect((await call('users:list', {})).users.find((u) => u.name === 'frank')?.mechanisms).toEqual([{ mechanism: 'scram-sha-512', iterations: 8192 }]);
  await call('acls:create', { principal: 'User:frank', resourceType: 'topic', resourceName: 'kr.', patternType: 'prefixed', operation: 'write' });
  await call('acls:create', { principal: 'User:frank', resourceType: 'topic', resourceName: 'kr.other', operation: 'write', permission: 'deny' });

  const allowed = await produceAs('frank', password, 'kr.allowed');
  expect(allowed.out).not.toMatch(NOT_AUTHORIZED);
  expect(allowed.out).not.toMatch(/Authentication failed|SaslAuthenticationException/i);
  expect(allowed.code, allowed.out).toBe(0);
  expect((await produceAs('frank', password, 'kr.other')).out).toMatch(NOT_AUTHORIZED);
  expect(await call('acls:check', { principal: 'User:frank', operation: 'write', resourceType: 'topic', resourceName: 'kr.allowed' })).toMatchObject({
    allowed: true,
    decision: 'allow',
  });
  expect(await call('acls:check', { principal: 'User:frank', operation: 'write', resourceType: 'topic', resourceName: 'kr.other' })).toMatchObject({
    allowed: false,
    decision: 'deny',
  });

  await call('users:delete', { name: 'frank' });
  const refused = await produceAs('frank', password, 'kr.allowed');
  expect(refused.out).toMatch(/Authentication failed|SaslAuthenticationException/i);
}, 240_000);
