// Connection profiles against a real ZooKeeper-mode Kafka 3.9 with a SASL_PLAINTEXT listener
// (SCRAM-SHA-256/512 and PLAIN) and TLS and mutual-TLS listeners (certificates from openssl),
// its own native stack so the shared one stays unauthenticated.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import type { ProfileInput } from '@shared/profiles';
import type { Logger } from '@main/core/logger';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { logDirSizes } from '@main/clients/kafka/platformatic-admin';
import { JsonFileStore, KeyFileCipher, ProfileService } from '@main/services/profiles';
import { freePorts, makeTestCertificates, startTestStack, type TestCertificates, type TestStack } from '../stack';

const secret = (tag: string): string => `${tag}-${randomBytes(12).toString('hex')}`;
const ALICE = { username: 'alice', password: secret('alice-pw') };
const BOB = { username: 'bob', password: secret('bob-pw') };
const WRONG = secret('wrong-pw');
const FLINK_TOKEN = secret('flink-token');
const CLIENT_KEY_PASSWORD = secret('key-pw');

let stack: TestStack;
let saslBootstrap: string;
let tlsBootstrap: string;
let mtlsBootstrap: string;
let certs: TestCertificates;
let dir: string;
let service: ProfileService;
const logged: string[] = [];

const captureLogger: Logger = {
  info: (message, ...rest) => logged.push(message, ...rest.map((r) => JSON.stringify(r) ?? String(r))),
  warn: (message, ...rest) => logged.push(message, ...rest.map((r) => JSON.stringify(r) ?? String(r))),
  error: (message, ...rest) => logged.push(message, ...rest.map((r) => JSON.stringify(r) ?? String(r))),
};

function remote(name: string, over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name,
    kafkaBootstrap: [saslBootstrap],
    auth: { mechanism: 'none' },
    tls: { enabled: false },
    zookeeper: `${stack.host}:${stack.ports.zookeeper}`,
    flink: { url: stack.flinkUrl, auth: 'none' },
    prometheusUrl: null,
    kafkaUiUrl: null,
    ...over,
  };
}

beforeAll(async () => {
  const [saslPort, tlsPort, mtlsPort] = (await freePorts(3)) as [number, number, number];
  dir = mkdtempSync(join(tmpdir(), 'streamdesk-profiles-'));
  certs = makeTestCertificates(mkdtempSync(join(tmpdir(), 'streamdesk-certs-')), CLIENT_KEY_PASSWORD);
  stack = await startTestStack({
    saslScram: { port: saslPort, users: [ALICE, BOB] },
    tls: { port: tlsPort, mtlsPort, keystorePem: certs.brokerKeystore, truststorePem: certs.caFile },
  });
  saslBootstrap = `${stack.host}:${saslPort}`;
  tlsBootstrap = `${stack.host}:${tlsPort}`;
  mtlsBootstrap = `${stack.host}:${mtlsPort}`;
  service = new ProfileService({
    file: new JsonFileStore(join(dir, 'profiles.json')),
    cipher: new KeyFileCipher(join(dir, 'secret.key')),
    localConnection: () => ({
      ...LOCAL_STACK_CONNECTION,
      kafkaBootstrap: [stack.bootstrap],
      zookeeper: `${stack.host}:${stack.ports.zookeeper}`,
      flinkUrl: stack.flinkUrl,
    }),
    logger: captureLogger,
    testTimeoutMs: 8000,
  });
});

afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (certs) rmSync(dirname(certs.caFile), { recursive: true, force: true });
});

async function listTopicsThroughActive(): Promise<string[]> {
  const admin = kafkaClient(service.activeKafkaTarget(), { retries: 0 }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('connection profiles against a SASL-enabled broker', () => {
  it.each([
    ['scram-sha-256', ALICE],
    ['scram-sha-512', BOB],
    ['plain', ALICE],
  ] as const)('%s with the right password: every service ok, and admin works through activeKafkaTarget()', async (mechanism, user) => {
    const view = service.save(remote(`${mechanism} ${user.username}`, { auth: { mechanism, username: user.username, password: user.password } }));
    expect(view.hasKafkaPassword).toBe(true);
    const result = await service.testConnection({ id: view.id });
    expect(result.kafka, result.kafka.reason).toMatchObject({ status: 'ok' });
    expect(result.kafka.latencyMs).not.toBeNull();
    expect(result.zookeeper.status).toBe('ok');
    expect(result.flink.status).toBe('ok');
    expect(result.kafkaUi.status).toBe('skipped');
    expect(result.prometheus.status).toBe('skipped');

    const switched: string[] = [];
    const off = service.onActiveChanged((active) => switched.push(active.connection.kafkaBootstrap[0] ?? ''));
    service.activate(view.id);
    off();
    expect(switched).toEqual([saslBootstrap]);
    expect(service.activeConnection().kafkaBootstrap).toEqual([saslBootstrap]);
    expect(Array.isArray(await listTopicsThroughActive())).toBe(true);
  });

  it('a wrong password fails Kafka with an authentication reason and leaves the others ok', async () => {
    const result = await service.testConnection({ profile: remote('wrong', { auth: { mechanism: 'scram-sha-256', username: 'alice', password: WRONG } }) });
    expect(result.kafka.status).toBe('failed');
    expect(result.kafka.reason).toMatch(/authentication/i);
    expect(result.zookeeper.status).toBe('ok');
    expect(result.flink.status).toBe('ok');
  });

  it('an unreachable Flink fails Flink with the reason and leaves Kafka and ZooKeeper ok', async () => {
    const [deadPort] = (await freePorts(1)) as [number];
    const view = service.save(
      remote('no flink', {
        auth: { mechanism: 'scram-sha-512', username: 'bob', password: BOB.password },
        flink: { url: `http://127.0.0.1:${deadPort}`, auth: 'bearer', token: FLINK_TOKEN },
      }),
    );
    expect(view.hasFlinkSecret).toBe(true);
    const result = await service.testConnection({ id: view.id });
    expect(result.flink.status).toBe('failed');
    expect(result.flink.reason).toMatch(/connection refused/);
    expect(result.kafka.status).toBe('ok');
    expect(result.zookeeper.status).toBe('ok');
  });

  it('SASL against the PLAINTEXT listener fails Kafka with a reason instead of hanging', async () => {
    const result = await service.testConnection({
      profile: remote('wrong listener', {
        kafkaBootstrap: [stack.bootstrap],
        auth: { mechanism: 'scram-sha-256', username: 'alice', password: ALICE.password },
      }),
    });
    expect(result.kafka.status).toBe('failed');
    expect(result.kafka.reason).toMatch(/this listener does not accept SCRAM-SHA-256/);
  });

  it('no SASL against the SASL listener fails Kafka with a reason', async () => {
    const result = await service.testConnection({ profile: remote('no auth') });
    expect(result.kafka.status).toBe('failed');
    expect(result.kafka.reason).toMatch(/closed the connection; this listener may require SASL or TLS/);
    expect(result.zookeeper.status).toBe('ok');
  });
});

describe('connection profiles against TLS and mutual-TLS listeners', () => {
  const tls = (over: Partial<ProfileInput['tls']>): ProfileInput['tls'] => ({ enabled: true, caFile: certs.caFile, ...over });

  it('TLS with the CA that signed the broker: Kafka ok, and both Kafka clients (kafkajs and @platformatic/kafka) work through it', async () => {
    const view = service.save(remote('tls', { kafkaBootstrap: [tlsBootstrap], tls: tls({}) }));
    const result = await service.testConnection({ id: view.id });
    expect(result.kafka, result.kafka.reason).toMatchObject({ status: 'ok' });
    service.activate(view.id);
    const topic = `tls-check-${randomBytes(4).toString('hex')}`;
    const admin = kafkaClient(service.activeKafkaTarget(), { retries: 0 }).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    expect(await listTopicsThroughActive()).toContain(topic);
    const sizes = await logDirSizes(service.activeKafkaTarget(), [{ name: topic, partitions: [0, 1] }]);
    expect([...(sizes.get(topic)?.keys() ?? [])].sort()).toEqual([0, 1]);
  });

  it('TLS trusting another CA fails Kafka with a certificate reason', async () => {
    const result = await service.testConnection({ profile: remote('wrong ca', { kafkaBootstrap: [tlsBootstrap], tls: tls({ caFile: certs.otherCaFile }) }) });
    expect(result.kafka.status).toBe('failed');
    expect(result.kafka.reason).toMatch(/certificate/i);
    expect(result.zookeeper.status).toBe('ok');
  });

  it('mutual TLS: with the client certificate Kafka is ok, without it the broker refuses with a reason', async () => {
    const withCert = await service.testConnection({
      profile: remote('mtls', { kafkaBootstrap: [mtlsBootstrap], tls: tls({ certFile: certs.clientCertFile, keyFile: certs.clientKeyFile }) }),
    });
    expect(withCert.kafka, withCert.kafka.reason).toMatchObject({ status: 'ok' });
    const withoutCert = await service.testConnection({ profile: remote('mtls no cert', { kafkaBootstrap: [mtlsBootstrap], tls: tls({}) }) });
    expect(withoutCert.kafka.status).toBe('failed');
    expect(withoutCert.kafka.reason).toMatch(/TLS|certificate|closed the connection/i);
  });

  it('mutual TLS with an encrypted client key: the stored key password opens it, a wrong one is named', async () => {
    const view = service.save(
      remote('mtls encrypted key', {
        kafkaBootstrap: [mtlsBootstrap],
        tls: tls({ certFile: certs.clientCertFile, keyFile: certs.encryptedClientKeyFile, keyPassword: CLIENT_KEY_PASSWORD }),
      }),
    );
    expect(view.hasKeyPassword).toBe(true);
    const ok = await service.testConnection({ id: view.id });
    expect(ok.kafka, ok.kafka.reason).toMatchObject({ status: 'ok' });
    const wrong = await service.testConnection({
      profile: remote('mtls wrong key password', {
        kafkaBootstrap: [mtlsBootstrap],
        tls: tls({ certFile: certs.clientCertFile, keyFile: certs.encryptedClientKeyFile, keyPassword: WRONG }),
      }),
    });
    expect(wrong.kafka.status).toBe('failed');
    expect(wrong.kafka.reason).toMatch(/client key could not be decrypted.*check the client key password/);
  });
});

describe('secrets', () => {
  it('no secret appears in the store files, the views or the log', () => {
    const everySecret = [ALICE.password, BOB.password, WRONG, FLINK_TOKEN, CLIENT_KEY_PASSWORD];
    const storeBytes = readdirSync(dir)
      .filter((f) => f !== 'secret.key')
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');
    expect(storeBytes).toContain('scram-sha-512'); // the file is really there and holds the profiles
    const views = JSON.stringify(service.list());
    const logText = logged.join('\n');
    expect(logText).toContain('connection test');
    for (const s of everySecret) {
      expect(storeBytes.includes(s), 'secret found in the store file').toBe(false);
      expect(views.includes(s), 'secret found in list()').toBe(false);
      expect(logText.includes(s), 'secret found in the log').toBe(false);
    }
  });
});
