import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import type { ServiceTest } from '@shared/profiles';
import { JsonFileStore, KeyFileCipher, kafkaFailureReason, ProfileService, type ConnectionProbes } from '@main/services/profiles';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import type { ConnectTarget } from '@main/clients/connect/connect-client';
import { remoteInput } from './fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamdesk-conntest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ok: ServiceTest = { status: 'ok', reason: '', latencyMs: 3 };

/** Records what each probe was given; Flink fails, everything else answers. */
function fakeProbes(seen: {
  kafka?: KafkaTarget;
  flinkHeaders?: Record<string, string>;
  registry?: SchemaRegistryTarget;
  connect?: ConnectTarget[];
}): ConnectionProbes {
  return {
    kafka: (target) => {
      seen.kafka = target;
      return Promise.resolve(ok);
    },
    zookeeper: () => Promise.resolve(ok),
    flink: (url, headers) => {
      seen.flinkHeaders = headers;
      return Promise.resolve({ status: 'failed', reason: `Flink JobManager at ${url}: GET /overview answered HTTP 401`, latencyMs: null });
    },
    kafkaUi: () => Promise.reject(new Error('probe bug')), // a throwing probe must not sink the others
    prometheus: () => Promise.resolve(ok),
    schemaRegistry: (target) => {
      seen.registry = target;
      return Promise.resolve(ok);
    },
    connect: (targets) => {
      seen.connect = targets;
      return Promise.resolve(ok);
    },
  };
}

function make(probes: ConnectionProbes): ProfileService {
  return new ProfileService({
    file: new JsonFileStore(join(dir, 'profiles.json')),
    cipher: new KeyFileCipher(join(dir, 'secret.key')),
    localConnection: () => LOCAL_STACK_CONNECTION,
    probes,
  });
}

describe('testConnection', () => {
  it('reports each service on its own, and skips what the profile does not name', async () => {
    const seen: { kafka?: KafkaTarget } = {};
    const s = make(fakeProbes(seen));
    const v = s.save(remoteInput('P', { zookeeper: 'zk:2181', prometheusUrl: 'http://p:7071/metrics', kafkaUiUrl: 'http://ui:8080' }));
    const r = await s.testConnection({ id: v.id });
    expect(r.kafka.status).toBe('ok');
    expect(r.zookeeper.status).toBe('ok');
    expect(r.flink).toMatchObject({ status: 'failed', reason: expect.stringMatching(/HTTP 401/) as string });
    expect(r.kafkaUi).toMatchObject({ status: 'failed', reason: 'Kafka UI: probe bug' });
    expect(r.prometheus.status).toBe('ok');
    const bare = await s.testConnection({ profile: remoteInput('Bare', { flink: { url: null, auth: 'none' } }) });
    expect(bare.zookeeper).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/No ZooKeeper address/) as string });
    expect(bare.flink.status).toBe('skipped');
    expect(bare.kafkaUi.status).toBe('skipped');
    expect(bare.prometheus.status).toBe('skipped');
    expect(bare.schemaRegistry).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/No Schema Registry URL/) as string });
    expect(bare.connect).toMatchObject({ status: 'skipped', reason: 'No Kafka Connect URL in this profile' });
  });

  it('tests the Schema Registry with the stored secret, or the one typed in the form', async () => {
    const seen: { registry?: SchemaRegistryTarget } = {};
    const s = make(fakeProbes(seen));
    const url = 'https://r.example.com';
    const v = s.save(remoteInput('R', { schemaRegistry: { url, auth: 'basic', username: 'sr', password: 'stored-sr' } }));
    expect((await s.testConnection({ id: v.id })).schemaRegistry.status).toBe('ok');
    expect(seen.registry).toEqual({ url, auth: { kind: 'basic', username: 'sr', password: 'stored-sr' } });
    await s.testConnection({ profile: remoteInput('R', { id: v.id, schemaRegistry: { url, auth: 'bearer', token: 'typed-token' } }) });
    expect(seen.registry).toEqual({ url, auth: { kind: 'bearer', token: 'typed-token' } });
  });

  it('tests every Kafka Connect cluster with the stored password, or the one typed in the form', async () => {
    const seen: { connect?: ConnectTarget[] } = {};
    const s = make(fakeProbes(seen));
    const urls = ['https://connect-a.example.com', 'https://connect-b.example.com:8083'];
    const v = s.save(remoteInput('C', { connect: { urls, auth: 'basic', username: 'ops', password: 'stored-connect' } }));
    expect((await s.testConnection({ id: v.id })).connect.status).toBe('ok');
    const signIn = (password: string) => ({ kind: 'basic', username: 'ops', password });
    expect(seen.connect).toEqual(urls.map((url) => ({ url, auth: signIn('stored-connect') })));
    await s.testConnection({ profile: remoteInput('C', { id: v.id, connect: { urls, auth: 'basic', username: 'ops', password: 'typed' } }) });
    expect(seen.connect).toEqual(urls.map((url) => ({ url, auth: signIn('typed') })));
  });

  it('tests an edited form before saving: omitted secrets come from the stored profile, typed ones win', async () => {
    const seen: { kafka?: KafkaTarget; flinkHeaders?: Record<string, string> } = {};
    const s = make(fakeProbes(seen));
    const v = s.save(
      remoteInput('P', {
        auth: { mechanism: 'scram-sha-256', username: 'u', password: 'stored-pw' },
        flink: { url: 'https://f', auth: 'bearer', token: 'stored-token' },
      }),
    );
    await s.testConnection({
      profile: remoteInput('P', { id: v.id, auth: { mechanism: 'scram-sha-256', username: 'u' }, flink: { url: 'https://f', auth: 'bearer' } }),
    });
    expect(seen.kafka?.sasl?.password).toBe('stored-pw');
    expect(seen.flinkHeaders).toEqual({ Authorization: 'Bearer stored-token' });
    await s.testConnection({
      profile: remoteInput('P', {
        id: v.id,
        auth: { mechanism: 'scram-sha-256', username: 'u', password: 'typed-pw' },
        flink: { url: 'https://f', auth: 'bearer' },
      }),
    });
    expect(seen.kafka?.sasl?.password).toBe('typed-pw');
    // nothing was saved by testing
    await s.testConnection({ id: v.id });
    expect(seen.kafka?.sasl?.password).toBe('stored-pw');
  });

  it('a missing TLS file or password fails Kafka with the reason, without probing', async () => {
    const seen: { kafka?: KafkaTarget } = {};
    const s = make(fakeProbes(seen));
    const r = await s.testConnection({ profile: remoteInput('T', { tls: { enabled: true, caFile: join(dir, 'missing-ca.pem') } }) });
    expect(r.kafka).toMatchObject({ status: 'failed', reason: expect.stringMatching(/TLS CA file .*missing-ca\.pem could not be read \(ENOENT\)/) as string });
    const r2 = await s.testConnection({ profile: remoteInput('S', { auth: { mechanism: 'plain', username: 'u' } }) });
    expect(r2.kafka).toMatchObject({ status: 'failed', reason: 'Kafka: no SASL password given' });
    expect(seen.kafka).toBeUndefined();
  });
});

describe('kafkaFailureReason', () => {
  const plain: KafkaTarget = { brokers: ['b:9092'] };
  const sasl: KafkaTarget = { brokers: ['b:9092'], sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' } };
  const wrap = (inner: object) => Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', cause: inner });

  it('names SASL, TLS and network failures', () => {
    const saslError = Object.assign(new Error('SASL SCRAM SHA256 authentication failed: invalid credentials'), { name: 'KafkaJSSASLAuthenticationError' });
    expect(kafkaFailureReason(wrap(saslError), 'b:9092', sasl)).toMatch(/^Kafka at b:9092: SASL authentication failed \(.*invalid credentials\)/);
    const tlsError = Object.assign(new Error('Connection error: self-signed certificate'), {
      name: 'KafkaJSConnectionError',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(kafkaFailureReason(wrap(tlsError), 'b:9092', { brokers: ['b:9092'], ssl: {} })).toMatch(
      /TLS certificate error \(Connection error: self-signed certificate\)/,
    );
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError', code: 'ECONNREFUSED' });
    expect(kafkaFailureReason(wrap(refused), 'b:9092', plain)).toBe('Kafka at b:9092: connection refused (nothing listening)');
    const closed = Object.assign(new Error('Closed connection'), { name: 'KafkaJSConnectionClosedError' });
    expect(kafkaFailureReason(closed, 'b:9092', sasl)).toMatch(/listener may not expect SASL/);
    expect(kafkaFailureReason(closed, 'b:9092', plain)).toMatch(/listener may require SASL or TLS/);
    const illegal = Object.assign(new Error('Request is not valid given the current SASL state'), { name: 'KafkaJSProtocolError', type: 'ILLEGAL_SASL_STATE' });
    expect(kafkaFailureReason(illegal, 'b:9092', sasl)).toMatch(/this listener does not accept SCRAM-SHA-256/);
  });
});

// Apicurio in the test stack runs without sign-in, so the 401 path is checked against a small HTTP
// server that answers as Confluent Schema Registry does with basic auth on (401 and its error body).
describe('Schema Registry sign-in in Test connection (real HTTP exchange)', () => {
  it('sends basic auth; a wrong password fails with HTTP 401 and points at the settings, the right one counts the subjects', async () => {
    const { createServer } = await import('node:http');
    const expected = `Basic ${Buffer.from('sr:right-password').toString('base64')}`;
    const server = createServer((request, response) => {
      const ok = request.headers.authorization === expected && request.url === '/subjects';
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      response.end(JSON.stringify(ok ? ['orders-value', 'orders-key'] : { error_code: 40101, message: 'Unauthorized' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const s = new ProfileService({
        file: new JsonFileStore(join(dir, 'profiles.json')),
        cipher: new KeyFileCipher(join(dir, 'secret.key')),
        localConnection: () => LOCAL_STACK_CONNECTION,
        testTimeoutMs: 2000,
      });
      const input = (password: string) =>
        remoteInput('R', {
          kafkaBootstrap: ['127.0.0.1:1'],
          flink: { url: null, auth: 'none' },
          schemaRegistry: { url, auth: 'basic', username: 'sr', password },
        });
      const wrong = await s.testConnection({ profile: input('wrong-password') });
      expect(wrong.schemaRegistry).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/HTTP 401: Unauthorized; check the Schema Registry authentication settings/) as string,
      });
      const right = await s.testConnection({ profile: input('right-password') });
      expect(right.schemaRegistry).toMatchObject({ status: 'ok', reason: '2 subjects' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
