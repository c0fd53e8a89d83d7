// The Schemas area against a real Apicurio Registry 3 (the harness's, Confluent-compatible API) and a
// real broker: the REST endpoints under /api/streaming/schemas through a real web host, every result
// checked with the registry's own REST API; "used by" on records framed by an independent encoder
// (avsc and kafkajs in this test); Test connection of a profile against the registry and a wrong URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaUsage, SubjectsResult, VersionsResult } from '@shared/schemas';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { JsonFileStore, KeyFileCipher, ProfileService } from '@main/services/profiles';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import { freePorts, NATIVE_DIR, startTestStack, type TestStack } from '../stack';

const TOKEN = 'integration-token-schemas-0123456789';
const avroRecord = (...fields: [string, string | string[]][]) =>
  JSON.stringify({ type: 'record', name: 'Garage', namespace: 'it.schemas', fields: fields.map(([name, type]) => ({ name, type })) });
const V1 = avroRecord(['garage', 'string']);
const V2 = avroRecord(['garage', 'string'], ['bays', ['null', 'int']]);
// a new required field without a default: BACKWARD refuses it
const INCOMPATIBLE = avroRecord(['garage', 'string'], ['bays', ['null', 'int']], ['owner', 'string']);
const PROTO = 'syntax = "proto3";\npackage it.schemas;\n\nmessage Visit {\n  string garage = 1;\n  int32 minutes = 2;\n}\n';
const JSON_SCHEMA = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { plate: { type: 'string' } } });

let stack: TestStack;
let registry: string;
let backend: Backend;
let web: WebHost;
let base: string;

const rest = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${base}/api/streaming/schemas${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; issues?: unknown[] } },
  };
};
/** The registry's own answer, never StreamDesk's. */
const own = async (path: string) => {
  const response = await fetch(`${registry}${path}`);
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  stack = await startTestStack({ schemaRegistry: true });
  registry = stack.schemaRegistryUrl!;
  backend = createBackend({
    version: 'test',
    connection: { name: 'it', kafkaBootstrap: [stack.bootstrap], zookeeper: null, flinkUrl: null, kafkaUiUrl: null, schemaRegistryUrl: registry },
    dataDir: stack.dataDir,
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft: false,
    logger: silentLogger,
  });
  web = await startWebHost({ api: backend.api, bus: backend.bus, token: TOKEN, host: '127.0.0.1', port: 0, rendererDir: '/nonexistent', logger: silentLogger });
  base = `http://127.0.0.1:${web.port}`;
});

afterAll(async () => {
  await web?.close();
  await backend?.dispose();
  await stack?.stop();
});

describe('/api/streaming/schemas against the real registry', () => {
  it('registers Avro, Protobuf and JSON Schema subjects and lists them as the registry holds them', async () => {
    const v1 = await rest('POST', '/garages-value', { schema: V1 });
    expect(v1).toMatchObject({ status: 201, body: { subject: 'garages-value', version: 1 } });
    const v2 = await rest('POST', '/garages-value', { schemaType: 'AVRO', schema: V2 });
    expect(v2).toMatchObject({ status: 201, body: { version: 2 } });
    expect(await rest('POST', '/visits-value', { schemaType: 'PROTOBUF', schema: PROTO })).toMatchObject({ status: 201, body: { version: 1 } });
    expect(await rest('POST', '/plates-key', { schemaType: 'JSON', schema: JSON_SCHEMA })).toMatchObject({ status: 201, body: { version: 1 } });

    // the ids are the registry's: the schema it serves under each id is the one registered
    const byId = (await own(`/schemas/ids/${v2.body.id as number}`)).body as { schema: string };
    expect(JSON.parse(byId.schema)).toEqual(JSON.parse(V2));
    expect((await own('/subjects/garages-value/versions')).body).toEqual([1, 2]);

    const listed = (await rest('GET', '')).body as unknown as SubjectsResult;
    expect(listed.registryUrl).toBe(registry);
    const ownSubjects = (await own('/subjects')).body as string[];
    expect(listed.subjects.map((s) => s.subject).sort()).toEqual([...ownSubjects].sort());
    expect(listed.subjects.find((s) => s.subject === 'garages-value')).toMatchObject({ latestVersion: 2, id: v2.body.id, schemaType: 'AVRO', deleted: false });
    expect(listed.subjects.find((s) => s.subject === 'visits-value')).toMatchObject({ latestVersion: 1, schemaType: 'PROTOBUF' });
    expect(listed.subjects.find((s) => s.subject === 'plates-key')).toMatchObject({ latestVersion: 1, schemaType: 'JSON' });
    // none set a level of their own yet: the global one applies (Apicurio's own API tells them apart)
    expect(listed.subjects.find((s) => s.subject === 'visits-value')?.compatibility).toEqual({ level: listed.globalCompatibility, source: 'global' });

    const versions = (await rest('GET', '/garages-value')).body as unknown as VersionsResult;
    expect(versions.versions.map((v) => [v.version, v.id])).toEqual([
      [1, v1.body.id],
      [2, v2.body.id],
    ]);
    expect(JSON.parse(versions.versions[0].schema)).toEqual(JSON.parse(V1));
  });

  it('sets compatibility, checks a schema against it, and refuses what the registry refuses in its own words', async () => {
    expect(await rest('PUT', '/garages-value/config', { compatibility: 'BACKWARD' })).toMatchObject({
      status: 200,
      body: { subject: 'garages-value', level: 'BACKWARD' },
    });
    expect((await own('/config/garages-value')).body).toMatchObject({ compatibilityLevel: 'BACKWARD' });
    const withLevel = (await rest('GET', '/garages-value')).body as unknown as VersionsResult;
    expect(withLevel.compatibility).toEqual({ level: 'BACKWARD', source: 'subject' });
    const badLevel = await rest('PUT', '/garages-value/config', { compatibility: 'SIDEWAYS' });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error?.issues).toEqual([expect.objectContaining({ path: ['compatibility'] })]);

    expect(await rest('POST', '/garages-value/compatibility', { schema: V2 })).toMatchObject({ status: 200, body: { compatible: true, level: 'BACKWARD' } });
    // Apicurio's ccompat answer gives no reasons; its v3 dry run names the field
    expect(await rest('POST', '/garages-value/compatibility', { schema: INCOMPATIBLE })).toMatchObject({
      status: 200,
      body: { compatible: false, level: 'BACKWARD', messages: expect.arrayContaining([expect.stringMatching(/owner/)]) as string[] },
    });

    const refused = await rest('POST', '/garages-value', { schema: INCOMPATIBLE });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Incompatible|incompatible/) as string });
    expect((await own('/subjects/garages-value/versions')).body).toEqual([1, 2]); // nothing registered

    const invalid = await rest('POST', '/garages-value', { schema: '{"type":"recrd"' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.issues).toEqual([{ path: ['schema'], message: expect.any(String) as string }]);
    const unknownField = await rest('POST', '/garages-value', { schema: V2, schemaTyp: 'AVRO' });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.error)).toContain('schemaTyp');
  });

  it('soft-deletes before hard-deleting a version and a subject, as the registry requires', async () => {
    const early = await rest('DELETE', '/plates-key/versions/1?permanent=true');
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: expect.stringMatching(/soft deleted first/) as string } } });
    expect(await rest('DELETE', '/garages-value/versions/1')).toMatchObject({ status: 200, body: { versions: [1], permanent: false } });
    expect((await own('/subjects/garages-value/versions')).body).toEqual([2]);
    expect((await own('/subjects/garages-value/versions?deleted=true')).body).toEqual([1, 2]);
    const withDeleted = (await rest('GET', '/garages-value?deleted=true')).body as unknown as VersionsResult;
    expect(withDeleted.versions.map((v) => [v.version, v.deleted])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(await rest('DELETE', '/garages-value/versions/1?permanent=true')).toMatchObject({ status: 200, body: { permanent: true } });
    expect((await own('/subjects/garages-value/versions?deleted=true')).body).toEqual([2]);

    expect(await rest('DELETE', '/plates-key')).toMatchObject({ status: 200, body: { versions: [1] } });
    expect((await own('/subjects')).body).not.toContain('plates-key');
    const soft = (await rest('GET', '?deleted=true')).body as unknown as SubjectsResult;
    expect(soft.subjects.find((s) => s.subject === 'plates-key')).toMatchObject({ deleted: true, latestVersion: null });
    expect(await rest('DELETE', '/plates-key?permanent=true')).toMatchObject({ status: 200, body: { permanent: true } });
    expect((await own('/subjects?deleted=true')).body).not.toContain('plates-key');
    expect(await rest('GET', '/plates-key')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });

  it('finds the topics a subject is used by: its TopicNameStrategy name, and records that carry its ids', async () => {
    const versions = (await rest('GET', '/garages-value')).body as unknown as VersionsResult;
    const latest = versions.versions.at(-1)!;
    const kafka = kafkaClient({ brokers: [stack.bootstrap] });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: ['garages', 'garage-audit', 'garage-headers', 'plain-text'].map((topic) => ({ topic, numPartitions: 2 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    // Confluent framing written here, with avsc: magic 0, the 4-byte id, the Avro body
    const type = avro.Type.forSchema(JSON.parse(latest.schema) as avro.Schema);
    const framed = (value: object) => {
      const header = Buffer.alloc(5);
      header.writeUInt32BE(latest.id, 1);
      return Buffer.concat([header, type.toBuffer(value)]);
    };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'garage-audit', messages: [0, 1, 2].map((n) => ({ partition: n % 2, value: framed({ garage: `G${n}`, bays: n }) })) });
    await producer.send({ topic: 'plain-text', messages: [{ value: 'not framed' }] });
    // Apicurio's serdes in headers mode: the version's global id in a header, the Avro body unframed
    const { globalId } = (await (
      await fetch(`${registry.replace('/apis/ccompat/v7', '')}/apis/registry/v3/groups/default/artifacts/garages-value/versions/${latest.version}`)
    ).json()) as {
      globalId: number;
    };
    const idHeader = Buffer.alloc(8);
    idHeader.writeBigUInt64BE(BigInt(globalId));
    await producer.send({
      topic: 'garage-headers',
      messages: [{ value: type.toBuffer({ garage: 'H', bays: null }), headers: { 'apicurio.value.globalId': idHeader } }],
    });
    await producer.disconnect();

    const usage = (await callUsage('garages-value')) as SchemaUsage;
    expect(usage.byName).toEqual([{ topic: 'garages', side: 'value' }]);
    expect(usage.byRecords).toEqual([
      { topic: 'garage-audit', side: 'value', ids: [latest.id], records: 3 },
      { topic: 'garage-headers', side: 'value', ids: [latest.id], records: 1 },
    ]);
    expect(usage.scanned).toMatchObject({ topicsTotal: usage.scanned.topics, recordsPerPartition: 5, failures: [] });
    expect(usage.scanned.topics).toBeGreaterThanOrEqual(4);
  });

  it('answers 503 naming the cause when the connection names no registry', async () => {
    const bare = createBackend({
      version: 'test',
      connection: { name: 'bare', kafkaBootstrap: [stack.bootstrap], zookeeper: null, flinkUrl: null, kafkaUiUrl: null, schemaRegistryUrl: null },
      dataDir: stack.dataDir,
      libDir: `${NATIVE_DIR}/lib`,
      confDir: `${NATIVE_DIR}/conf`,
      kraft: false,
      logger: silentLogger,
    });
    const host = await startWebHost({
      api: bare.api,
      bus: bare.bus,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
    try {
      const response = await fetch(`http://127.0.0.1:${host.port}/api/streaming/schemas`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringMatching(/names no Schema Registry/) as string },
      });
    } finally {
      await host.close();
      await bare.dispose();
    }
  });
});

describe('Test connection of a profile with a Schema Registry', () => {
  it('reports the real registry ok with its subject count, and a wrong URL or path as failed with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamdesk-schemas-profiles-'));
    try {
      const service = new ProfileService({
        file: new JsonFileStore(join(dir, 'profiles.json')),
        cipher: new KeyFileCipher(join(dir, 'secret.key')),
        localConnection: () => LOCAL_STACK_CONNECTION,
      });
      const profile = (url: string) => ({
        name: 'R',
        kafkaBootstrap: [stack.bootstrap],
        auth: { mechanism: 'none' as const },
        tls: { enabled: false },
        zookeeper: null,
        flink: { url: null, auth: 'none' as const },
        prometheusUrl: null,
        kafkaUiUrl: null,
        schemaRegistry: { url, auth: 'none' as const },
      });
      const count = ((await own('/subjects')).body as string[]).length;
      const good = await service.testConnection({ profile: profile(registry) });
      expect(good.schemaRegistry).toMatchObject({ status: 'ok', reason: `${count} subject${count === 1 ? '' : 's'}` });
      expect(good.schemaRegistry.latencyMs).toBeGreaterThanOrEqual(0);
      const [nothing] = (await freePorts(1)) as [number];
      const refused = await service.testConnection({ profile: profile(`http://127.0.0.1:${nothing}/apis/ccompat/v7`) });
      expect(refused.schemaRegistry).toMatchObject({ status: 'failed', reason: expect.stringMatching(/did not answer.*ECONNREFUSED/) as string });
      const wrongPath = await service.testConnection({ profile: profile(registry.replace('/apis/ccompat/v7', '/apis/nothing-here')) });
      expect(wrongPath.schemaRegistry).toMatchObject({ status: 'failed', reason: expect.stringMatching(/HTTP 404/) as string });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function callUsage(subject: string): Promise<unknown> {
  const response = await fetch(`${base}/api/call/schemas:usage`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject }),
  });
  const envelope = (await response.json()) as { ok: boolean; result?: unknown; error?: unknown };
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return envelope.result;
}
