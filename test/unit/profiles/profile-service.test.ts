import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@shared/connection';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import type { Logger } from '@main/core/logger';
import { JsonFileStore, KeyFileCipher, ProfileService, type SecretCipher } from '@main/services/profiles';
import { remoteInput } from './fixtures';

let dir: string;
let local: Connection;
let logged: string[];
const SECRETS = {
  kafka: 'kafka-Pa55-secret-1',
  kafka2: 'kafka-Pa55-secret-2',
  flink: 'flink-basic-secret-3',
  token: 'flink-bearer-token-4',
  key: 'key-passphrase-5',
  registry: 'registry-basic-secret-6',
  registryToken: 'registry-bearer-token-7',
  connect: 'connect-basic-secret-8',
};

const logger: Logger = {
  info: (m, ...r) => logged.push(m, ...r.map((x) => JSON.stringify(x) ?? '')),
  warn: (m, ...r) => logged.push(m, ...r.map((x) => JSON.stringify(x) ?? '')),
  error: (m, ...r) => logged.push(m, ...r.map((x) => JSON.stringify(x) ?? '')),
};

function make(cipher: SecretCipher = new KeyFileCipher(join(dir, 'secret.key'))): ProfileService {
  return new ProfileService({ file: new JsonFileStore(join(dir, 'profiles.json')), cipher, localConnection: () => local, logger });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamdesk-profiles-'));
  local = { ...LOCAL_STACK_CONNECTION };
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ProfileService: list and the built-in profile', () => {
  it('starts with the read-only local profile, active, following the local stack ports', () => {
    const s = make();
    const state = s.list();
    expect(state.activeId).toBe('local');
    expect(state.profiles).toHaveLength(1);
    expect(state.profiles[0]).toMatchObject({ id: 'local', builtIn: true, kafkaBootstrap: ['127.0.0.1:9092'] });
    expect(state.secretStorage.kind).toBe('key-file');
    expect(state.problems).toEqual([]);
    local = { ...local, kafkaBootstrap: ['127.0.0.1:19092'] };
    expect(s.activeConnection().kafkaBootstrap).toEqual(['127.0.0.1:19092']);
    expect(() => s.delete('local')).toThrow(/cannot be deleted/);
    expect(() => s.save({ ...remoteInput('x'), id: 'local' })).toThrow(/read-only/);
  });

  it('rejects bad input with messages that name the field', () => {
    const s = make();
    expect(() => s.save(remoteInput('x', { kafkaBootstrap: ['nohost'] }))).toThrow(/kafkaBootstrap\.0: Bootstrap server must be host:port/);
    expect(() => s.save(remoteInput('x', { kafkaBootstrap: [] }))).toThrow(/kafkaBootstrap: At least one bootstrap server/);
    expect(() => s.save(remoteInput('x', { auth: { mechanism: 'scram-sha-256' } }))).toThrow(/auth\.username: SASL username is required/);
    expect(() => s.save(remoteInput('x', { auth: { mechanism: 'plain', username: 'u' } }))).toThrow(/auth\.password: a SASL password is required/);
    expect(() => s.save(remoteInput('x', { flink: { url: 'ftp://x', auth: 'none' } }))).toThrow(/flink\.url: Flink REST URL must be an http/);
    expect(() => s.save(remoteInput('x', { tls: { enabled: true, certFile: '/c.pem' } }))).toThrow(/tls\.keyFile: .*go together/);
    expect(() => s.save(remoteInput('x', { schemaRegistry: { url: 'registry:8081', auth: 'none' } }))).toThrow(
      /schemaRegistry\.url: Schema Registry URL must be an http/,
    );
    expect(() => s.save(remoteInput('x', { schemaRegistry: { url: null, auth: 'bearer', token: 't' } }))).toThrow(
      /schemaRegistry\.url: Schema Registry URL is required when Schema Registry authentication is set/,
    );
    expect(() => s.save(remoteInput('x', { schemaRegistry: { url: 'https://r', auth: 'basic', password: 'p' } }))).toThrow(
      /schemaRegistry\.username: Schema Registry username is required/,
    );
    expect(() => s.save(remoteInput(''))).toThrow(/name: Profile name must not be empty/);
    s.save(remoteInput('Prod'));
    expect(() => s.save(remoteInput('prod'))).toThrow(/already exists/);
    expect(s.list().profiles).toHaveLength(2);
  });
});

describe('ProfileService: secrets', () => {
  it('undefined keeps the stored secret, a new value replaces it, empty clears it', () => {
    const s = make();
    const v1 = s.save(remoteInput('Prod', { auth: { mechanism: 'scram-sha-512', username: 'app', password: SECRETS.kafka } }));
    expect(v1.hasKafkaPassword).toBe(true);
    s.activate(v1.id);
    expect(s.activeKafkaTarget().sasl).toEqual({ mechanism: 'scram-sha-512', username: 'app', password: SECRETS.kafka });

    const kept = s.save(remoteInput('Prod', { id: v1.id, auth: { mechanism: 'scram-sha-256', username: 'app' } }));
    expect(kept.hasKafkaPassword).toBe(true);
    expect(s.activeKafkaTarget().sasl?.password).toBe(SECRETS.kafka);

    s.save(remoteInput('Prod', { id: v1.id, auth: { mechanism: 'scram-sha-256', username: 'app', password: SECRETS.kafka2 } }));
    expect(s.activeKafkaTarget().sasl?.password).toBe(SECRETS.kafka2);

    // clearing a required secret is refused; switching SASL off drops it
    expect(() => s.save(remoteInput('Prod', { id: v1.id, auth: { mechanism: 'plain', username: 'app', password: '' } }))).toThrow(/SASL password is required/);
    const off = s.save(remoteInput('Prod', { id: v1.id, auth: { mechanism: 'none' } }));
    expect(off.hasKafkaPassword).toBe(false);
    expect(s.activeKafkaTarget().sasl).toBeUndefined();
  });

  it('Flink basic/bearer headers; switching the auth kind never reuses the old secret', () => {
    const s = make();
    const v = s.save(remoteInput('F', { flink: { url: 'https://f.example.com', auth: 'basic', username: 'ops', password: SECRETS.flink } }));
    s.activate(v.id);
    expect(s.activeFlinkAuth()).toEqual({ Authorization: `Basic ${Buffer.from(`ops:${SECRETS.flink}`).toString('base64')}` });
    expect(() => s.save(remoteInput('F', { id: v.id, flink: { url: 'https://f.example.com', auth: 'bearer' } }))).toThrow(
      /flink\.token: a Flink bearer token is required/,
    );
    s.save(remoteInput('F', { id: v.id, flink: { url: 'https://f.example.com', auth: 'bearer', token: SECRETS.token } }));
    expect(s.activeFlinkAuth()).toEqual({ Authorization: `Bearer ${SECRETS.token}` });
    expect(() => s.save(remoteInput('F', { id: v.id, flink: { url: 'https://f.example.com', auth: 'bearer', token: '' } }))).toThrow(
      /bearer token is required/,
    );
    expect(s.save(remoteInput('F', { id: v.id })).hasFlinkSecret).toBe(false); // auth 'none' drops the token
    expect(s.activeFlinkAuth()).toEqual({});
  });

  it('Schema Registry basic/bearer sign-in, decrypted at use; switching the kind never reuses the old secret', () => {
    const s = make();
    expect(s.activeSchemaRegistry()).toEqual({ url: LOCAL_STACK_CONNECTION.schemaRegistryUrl }); // the local stack's Apicurio
    const url = 'https://registry.example.com/apis/ccompat/v7';
    const v = s.save(remoteInput('R', { schemaRegistry: { url, auth: 'basic', username: 'sr', password: SECRETS.registry } }));
    expect(v).toMatchObject({ schemaRegistry: { url, auth: 'basic', username: 'sr' }, hasSchemaRegistrySecret: true });
    s.activate(v.id);
    expect(s.activeSchemaRegistry()).toEqual({ url, auth: { kind: 'basic', username: 'sr', password: SECRETS.registry } });
    expect(s.activeConnection().schemaRegistryUrl).toBe(url);
    expect(() => s.save(remoteInput('R', { id: v.id, schemaRegistry: { url, auth: 'bearer' } }))).toThrow(
      /schemaRegistry\.token: a Schema Registry bearer token is required/,
    );
    // kept when not typed again
    expect(s.save(remoteInput('R', { id: v.id, schemaRegistry: { url, auth: 'basic', username: 'sr' } })).hasSchemaRegistrySecret).toBe(true);
    s.save(remoteInput('R', { id: v.id, schemaRegistry: { url, auth: 'bearer', token: SECRETS.registryToken } }));
    expect(s.activeSchemaRegistry()).toEqual({ url, auth: { kind: 'bearer', token: SECRETS.registryToken } });
    const off = s.save(remoteInput('R', { id: v.id, schemaRegistry: { url: null, auth: 'none' } }));
    expect(off.hasSchemaRegistrySecret).toBe(false);
    expect(s.activeSchemaRegistry()).toBeNull();
  });

  it('Kafka Connect clusters with one basic sign-in, decrypted at use; the password kept when not typed again, dropped with the sign-in', () => {
    const s = make();
    expect(s.activeConnectClusters()).toEqual([{ url: LOCAL_STACK_CONNECTION.connectUrls![0] }]); // the local stack's worker
    const urls = ['https://connect-a.example.com', 'https://connect-b.example.com:8083'];
    expect(() => s.save(remoteInput('C', { connect: { urls: ['connect:8083'], auth: 'none' } }))).toThrow(
      /connect\.urls\.0: Kafka Connect URL must be an http/,
    );
    expect(() => s.save(remoteInput('C', { connect: { urls: [], auth: 'basic', username: 'ops', password: 'p' } }))).toThrow(
      /connect\.urls: a Kafka Connect URL is required when Kafka Connect authentication is set/,
    );
    expect(() => s.save(remoteInput('C', { connect: { urls, auth: 'basic', password: 'p' } }))).toThrow(
      /connect\.username: Kafka Connect username is required/,
    );
    expect(() => s.save(remoteInput('C', { connect: { urls, auth: 'basic', username: 'ops' } }))).toThrow(
      /connect\.password: a Kafka Connect password is required/,
    );
    const v = s.save(remoteInput('C', { connect: { urls, auth: 'basic', username: 'ops', password: SECRETS.connect } }));
    expect(v).toMatchObject({ connect: { urls, auth: 'basic', username: 'ops' }, hasConnectSecret: true });
    s.activate(v.id);
    const signIn = { kind: 'basic', username: 'ops', password: SECRETS.connect };
    expect(s.activeConnectClusters()).toEqual(urls.map((url) => ({ url, auth: signIn })));
    expect(s.activeConnection().connectUrls).toEqual(urls);
    expect(s.save(remoteInput('C', { id: v.id, connect: { urls: [urls[0]], auth: 'basic', username: 'ops' } })).hasConnectSecret).toBe(true);
    expect(s.activeConnectClusters()).toEqual([{ url: urls[0], auth: signIn }]);
    const open = s.save(remoteInput('C', { id: v.id, connect: { urls, auth: 'none' } }));
    expect(open.hasConnectSecret).toBe(false);
    expect(s.activeConnectClusters()).toEqual(urls.map((url) => ({ url })));
  });

  it('a profile file written before profiles had a registry reads as "no registry"', () => {
    const s = make();
    const v = s.save(remoteInput('Old'));
    const file = join(dir, 'profiles.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, unknown>[] };
    for (const p of doc.profiles) {
      delete p.schemaRegistry;
      delete p.connect;
    }
    writeFileSync(file, JSON.stringify(doc));
    const again = make();
    again.activate(v.id);
    expect(again.list().profiles.find((p) => p.id === v.id)?.schemaRegistry).toEqual({ url: null, auth: 'none', username: null });
    expect(again.activeSchemaRegistry()).toBeNull();
    // nor Kafka Connect
    expect(again.activeConnectClusters()).toEqual([]);
  });

  it('reads the TLS files at use and passes the key password', () => {
    const s = make();
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, 'CA-1');
    writeFileSync(join(dir, 'c.pem'), 'CERT');
    writeFileSync(join(dir, 'k.pem'), 'KEY');
    const v = s.save(
      remoteInput('T', {
        tls: { enabled: true, caFile: ca, certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem'), keyPassword: SECRETS.key, rejectUnauthorized: false },
      }),
    );
    expect(v).toMatchObject({ hasKeyPassword: true, tls: { enabled: true, caFile: ca, rejectUnauthorized: false } });
    s.activate(v.id);
    expect(s.activeKafkaTarget().ssl).toEqual({ rejectUnauthorized: false, ca: 'CA-1', cert: 'CERT', key: 'KEY', passphrase: SECRETS.key });
    writeFileSync(ca, 'CA-2'); // a renewed CA is picked up without saving again
    expect(s.activeKafkaTarget().ssl?.ca).toBe('CA-2');
    rmSync(ca);
    expect(() => s.activeKafkaTarget()).toThrow(/TLS CA file .*ca\.pem could not be read \(ENOENT\)/);
  });

  it('never returns, stores in clear, or logs a secret', () => {
    const s = make();
    writeFileSync(join(dir, 'k.pem'), 'KEY');
    writeFileSync(join(dir, 'c.pem'), 'CERT');
    const v = s.save(
      remoteInput('All', {
        auth: { mechanism: 'plain', username: 'u', password: SECRETS.kafka },
        tls: { enabled: true, certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem'), keyPassword: SECRETS.key },
        flink: { url: 'https://f.example.com', auth: 'basic', username: 'ops', password: SECRETS.flink },
      }),
    );
    s.activate(v.id);
    s.save(
      remoteInput('Tok', {
        flink: { url: 'https://f.example.com', auth: 'bearer', token: SECRETS.token },
        schemaRegistry: { url: 'https://r.example.com', auth: 'bearer', token: SECRETS.registryToken },
      }),
    );
    s.save(remoteInput('Reg', { schemaRegistry: { url: 'https://r.example.com', auth: 'basic', username: 'sr', password: SECRETS.registry } }));
    s.save(remoteInput('Con', { connect: { urls: ['https://c.example.com'], auth: 'basic', username: 'ops', password: SECRETS.connect } }));
    const returned = JSON.stringify([v, s.list(), s.active(), s.activeConnection()]);
    const file = readFileSync(join(dir, 'profiles.json')).toString('latin1');
    expect(file).toContain('"All"');
    for (const secret of Object.values(SECRETS).filter((x) => x !== SECRETS.kafka2)) {
      expect(returned.includes(secret), `returned ${secret}`).toBe(false);
      expect(file.includes(secret), `stored ${secret}`).toBe(false);
      expect(logged.join('\n').includes(secret), `logged ${secret}`).toBe(false);
    }
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses to save a secret when no secret storage is available, and says why', () => {
    const none: SecretCipher = {
      kind: 'unavailable',
      description: 'No OS keyring is available.',
      isAvailable: () => false,
      encrypt: () => {
        throw new Error('unavailable');
      },
      decrypt: () => {
        throw new Error('unavailable');
      },
    };
    const s = make(none);
    expect(s.list().secretStorage).toEqual({ kind: 'unavailable', description: 'No OS keyring is available.' });
    expect(() => s.save(remoteInput('S', { auth: { mechanism: 'plain', username: 'u', password: 'x' } }))).toThrow(
      /SASL password cannot be saved: No OS keyring/,
    );
    expect(s.save(remoteInput('Open')).name).toBe('Open'); // profiles without secrets still work
  });

  it('a secret that no longer decrypts is named, not shown', () => {
    const s = make();
    const v = s.save(remoteInput('P', { auth: { mechanism: 'plain', username: 'u', password: SECRETS.kafka } }));
    s.activate(v.id);
    rmSync(join(dir, 'secret.key'));
    const other = make(new KeyFileCipher(join(dir, 'secret.key'))); // a new key was created
    expect(() => other.activeKafkaTarget()).toThrow(/stored SASL password of profile "P" cannot be decrypted .*enter it again/);
  });
});

describe('ProfileService: activate and delete', () => {
  it('emits the new connection on activate, on saving the active one, and when it is deleted', () => {
    const s = make();
    const seen: string[] = [];
    const off = s.onActiveChanged((a) => seen.push(`${a.profile.id}:${a.connection.kafkaBootstrap[0]}`));
    const v = s.save(remoteInput('Prod'));
    expect(seen).toEqual([]); // saving a profile that is not active changes nothing live
    s.activate(v.id);
    s.save(remoteInput('Prod', { id: v.id, kafkaBootstrap: ['b3:9092'] }));
    s.delete(v.id);
    expect(seen).toEqual([`${v.id}:broker1.example.com:9093`, `${v.id}:b3:9092`, 'local:127.0.0.1:9092']);
    expect(s.list().activeId).toBe('local');
    off();
    expect(() => s.activate('nope')).toThrow(/No saved profile with id nope/);
    // the active id survives a restart
    const v2 = s.save(remoteInput('Other'));
    s.activate(v2.id);
    expect(make().list().activeId).toBe(v2.id);
  });
});
