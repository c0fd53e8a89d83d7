// The Schema Registry client against answers RECORDED from Apicurio Registry 3.3.3's
// Confluent-compatible API (fixtures/schema-registry.json, scripts/record-schema-registry-fixtures.mjs).
import { describe, expect, it } from 'vitest';
import { StreamdeskError } from '@shared/errors';
import { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { REGISTRY_URL, fixture, recordedFetch } from './recorded-registry';

describe('SchemaRegistryClient', () => {
  it('reads a schema by id with its type and references, once', async () => {
    const rec = recordedFetch();
    const client = new SchemaRegistryClient({ url: `${REGISTRY_URL}/`, fetch: rec.fetch });
    const orders = await client.schemaById(fixture.ids.orders);
    expect(orders.schemaType).toBe('PROTOBUF');
    expect(orders.references).toEqual([{ name: 'common.proto', subject: 'common.proto', version: 1 }]);
    const parking = await client.schemaById(fixture.ids.parking);
    expect(parking.schemaType).toBe('AVRO'); // the registry leaves schemaType out for Avro
    expect((await client.schemaById(fixture.ids.alert)).schemaType).toBe('JSON');
    await client.schemaById(fixture.ids.orders);
    expect(rec.calls.filter((c) => c === `/apis/ccompat/v7/schemas/ids/${fixture.ids.orders}`)).toHaveLength(1);
  });

  it('lists subjects and reads a subject version', async () => {
    const client = new SchemaRegistryClient({ url: REGISTRY_URL, fetch: recordedFetch().fetch });
    expect(await client.subjects()).toContain('fixture.parking-value');
    const v = await client.subjectVersion('fixture.orders-value', 1);
    expect(v).toMatchObject({ subject: 'fixture.orders-value', version: 1, id: fixture.ids.orders, schemaType: 'PROTOBUF' });
    expect((await client.subjectVersion('fixture.money', 'latest')).id).toBe(fixture.ids.money);
  });

  it('maps an unknown id to not-found naming the registry, and remembers it for a while only', async () => {
    let now = 0;
    const rec = recordedFetch();
    const client = new SchemaRegistryClient({ url: REGISTRY_URL, fetch: rec.fetch, notFoundTtlMs: 1000, now: () => now });
    const error = await client.schemaById(987654).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamdeskError);
    expect(error).toMatchObject({ code: 'not-found' });
    expect((error as Error).message).toBe(`Schema Registry at ${REGISTRY_URL}: schema id 987654: HTTP 404: Schema 987654 not found.`);
    await expect(client.schemaById(987654)).rejects.toMatchObject({ code: 'not-found' });
    expect(rec.calls).toHaveLength(1);
    now = 1001;
    await expect(client.schemaById(987654)).rejects.toMatchObject({ code: 'not-found' });
    expect(rec.calls).toHaveLength(2);
    await expect(client.subjectVersion('no-such-subject', 1)).rejects.toThrow("Subject 'no-such-subject' not found.");
  });

  it('maps a registry that does not answer to unavailable, and does not cache the failure', async () => {
    const rec = recordedFetch();
    rec.down.value = true;
    const client = new SchemaRegistryClient({ url: REGISTRY_URL, fetch: rec.fetch });
    await expect(client.schemaById(fixture.ids.money)).rejects.toMatchObject({
      code: 'unavailable',
      message: `Schema Registry at ${REGISTRY_URL} did not answer (schema id ${fixture.ids.money}): connect ECONNREFUSED 127.0.0.1:8085`,
    });
    rec.down.value = false;
    expect((await client.schemaById(fixture.ids.money)).schemaType).toBe('AVRO');
  });

  it('sends basic or bearer auth, and times out', async () => {
    const seen: (string | null)[] = [];
    const capture = ((_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get('authorization'));
      return Promise.resolve(new Response('[]'));
    }) as unknown as typeof fetch;
    await new SchemaRegistryClient({ url: REGISTRY_URL, fetch: capture, auth: { kind: 'basic', username: 'sd', password: 'pw' } }).subjects();
    await new SchemaRegistryClient({ url: REGISTRY_URL, fetch: capture, auth: { kind: 'bearer', token: 't0k' } }).subjects();
    expect(seen).toEqual([`Basic ${Buffer.from('sd:pw').toString('base64')}`, 'Bearer t0k']);
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)))) as unknown as typeof fetch;
    await expect(new SchemaRegistryClient({ url: REGISTRY_URL, fetch: hang, timeoutMs: 20 }).subjects()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it("resolves Apicurio's global id to the content id its ccompat API serves", async () => {
    const client = new SchemaRegistryClient({ url: REGISTRY_URL, fetch: recordedFetch().fetch });
    expect(await client.contentIdOfGlobalId(fixture.globalIds.parkingMirror)).toBe(fixture.ids.parking);
    await expect(client.contentIdOfGlobalId(987654)).rejects.toMatchObject({ code: 'not-found' });
    const confluent = new SchemaRegistryClient({ url: 'http://registry.test:8081', fetch: recordedFetch().fetch });
    await expect(confluent.contentIdOfGlobalId(2)).rejects.toThrow(/global ids are Apicurio's/);
  });
});
