// SideReader: schemas loaded first, then every side read synchronously (as a search filter needs),
// against the schemas RECORDED from Apicurio Registry 3.3.3; Avro written by avsc's own encoder,
// Protobuf by protobufjs, framing by hand.
import avro from 'avsc';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { DecodeSettings } from '@shared/messages';
import { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { SideReader } from '@main/services/schemas/side-reader';
import { avroRawStringNames } from '@main/services/schemas/avro-decoder';
import { REGISTRY_URL, fixture, recordedFetch } from './recorded-registry';

const money = avro.Type.forSchema(JSON.parse((fixture.answers['GET /apis/ccompat/v7/schemas/ids/1'].body as { schema: string }).schema) as avro.Schema);
const AUTO: DecodeSettings = { key: { mode: 'auto' }, value: { mode: 'auto' } };

function framed(id: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, payload]);
}

function reader(settings: DecodeSettings = AUTO) {
  const rec = recordedFetch();
  return { rec, reader: new SideReader(new SchemaRegistryClient({ url: REGISTRY_URL, fetch: rec.fetch }), settings) };
}

/** Why a side was left raw ('' when it was not). */
const reasonOf = (read: ReturnType<SideReader['read']>) => (read.decoding?.status === 'raw' ? read.decoding.reason : '');

const side = (bytes: Buffer | null, which: 'key' | 'value' = 'value') => ({ bytes, side: which, headers: [] });

describe('SideReader', () => {
  const bytes = framed(fixture.ids.money, money.toBuffer({ units: -1250, currency: 'NOK' }));

  it('reads a framed side after load(), synchronously, with format and schema id; plain bytes stay plain', async () => {
    const { reader: r } = reader();
    expect(r.read(bytes, 'value', []).decoding).toEqual({ status: 'raw', reason: `schema id ${fixture.ids.money}: not loaded` });
    await r.load([side(bytes)]);
    const read = r.read(bytes, 'value', []);
    expect(read.value).toEqual({ units: -1250, currency: 'NOK' });
    expect(read.decoding).toMatchObject({ status: 'decoded', format: 'avro', schemaId: 1, subject: null, version: null });
    // the JSON text is made on first read (a getter), for contains tests and the records sent
    expect(read.decoding?.status === 'decoded' && read.decoding.json).toBe('{"units":-1250,"currency":"NOK"}');
    expect(r.read(Buffer.from('{"a":1}'), 'value', [])).toEqual({});
    expect(r.read(null, 'value', [])).toEqual({});
  });

  it('says why a side is raw: an unknown id, a registry that does not answer (tried again on the next load), bad bytes', async () => {
    const { reader: r, rec } = reader();
    const unknown = framed(987654, Buffer.from([1, 2]));
    rec.down.value = true;
    await r.load([side(bytes), side(unknown)]);
    expect(reasonOf(r.read(bytes, 'value', []))).toMatch(/did not answer \(schema id 1\): connect ECONNREFUSED/);
    rec.down.value = false;
    await r.load([side(bytes), side(unknown)]);
    expect(r.read(bytes, 'value', []).decoding?.status).toBe('decoded');
    expect(reasonOf(r.read(unknown, 'value', []))).toMatch(/schema id 987654: HTTP 404/);
    const truncated = framed(fixture.ids.money, Buffer.from([0x80]));
    expect(reasonOf(r.read(truncated, 'value', []))).toMatch(/^schema id 1: /);
  });

  it('without a registry, a framed side is raw with that reason', async () => {
    const r = new SideReader(null, AUTO);
    await r.load([side(bytes)]);
    expect(r.read(bytes, 'value', []).decoding).toEqual({ status: 'raw', reason: 'schema id 1: this connection names no Schema Registry' });
  });

  it('follows an override: a subject and version for bare payloads, a local .proto and type, string, JSON, hex, raw', async () => {
    const proto = 'syntax = "proto3"; package local; message Ping { string from = 1; int64 n = 2; }';
    const Ping = protobuf.parse(proto, { keepCase: true }).root.lookupType('local.Ping');
    const ping = Buffer.from(Ping.encode(Ping.fromObject({ from: 'gate', n: '9007199254740993' })).finish());
    const { reader: r } = reader({ key: { mode: 'proto', proto, messageType: 'Ping' }, value: { mode: 'subject', subject: 'fixture.money', version: 1 } });
    await r.load([]);
    expect(r.read(ping, 'key', []).value).toEqual({ from: 'gate', n: '9007199254740993' });
    const bare = money.toBuffer({ units: 7, currency: 'EUR' });
    expect(r.read(bare, 'value', []).decoding).toMatchObject({ status: 'decoded', format: 'avro', schemaId: 1, subject: 'fixture.money', version: 1 });
    expect(r.read(bare, 'value', []).value).toEqual({ units: 7, currency: 'EUR' });

    const plain = new SideReader(null, { key: { mode: 'hex' }, value: { mode: 'json' } });
    expect(plain.read(Buffer.from([0, 255]), 'key', []).decoding).toMatchObject({ format: 'hex', json: '"00ff"' });
    expect(plain.read(Buffer.from('{"a":[1]}'), 'value', []).value).toEqual({ a: [1] });
    expect(reasonOf(plain.read(Buffer.from('{oops'), 'value', []))).toMatch(/^not JSON/);
    const text = new SideReader(null, { key: { mode: 'raw' }, value: { mode: 'string' } });
    expect(text.read(bytes, 'key', [])).toEqual({});
    expect(text.read(Buffer.from('héllo'), 'value', []).decoding).toMatchObject({ format: 'string', json: '"héllo"' });
  });

  it("reads Apicurio's 8-byte ids after the magic byte on the side told so, 4-byte ids on the other", async () => {
    const head = Buffer.alloc(9);
    head.writeBigUInt64BE(BigInt(fixture.ids.money), 1);
    const eight = Buffer.concat([head, money.toBuffer({ units: 3, currency: 'NOK' })]);
    const { reader: r } = reader({ key: { mode: 'auto' }, value: { mode: 'auto', eightByteIds: 'content' } });
    await r.load([side(eight, 'value'), side(bytes, 'key')]);
    expect(r.read(eight, 'value', []).value).toEqual({ units: 3, currency: 'NOK' });
    expect(r.read(bytes, 'key', []).value).toEqual({ units: -1250, currency: 'NOK' });
    // read as Confluent's 4-byte id, the same bytes name id 0: raw, with the reason
    const { reader: four } = reader();
    await four.load([side(eight)]);
    expect(reasonOf(four.read(eight, 'value', []))).toMatch(/schema id 0\b/);
  });

  it('a subject that does not exist leaves the override side raw with the reason', async () => {
    const { reader: r } = reader({ key: { mode: 'auto' }, value: { mode: 'subject', subject: 'no-such-subject', version: 1 } });
    await r.load([]);
    expect(reasonOf(r.read(Buffer.from([1]), 'value', []))).toMatch(/^subject no-such-subject version 1: .*404/);
  });

  it('allows a byte pre-check where every decoded string is raw in the bytes: plain sides and Avro without enums, bytes or fixed', async () => {
    const avroSchema = (fields: object[]) => ({ schemaType: 'AVRO' as const, schema: JSON.stringify({ type: 'record', name: 'R', fields }), references: [] });
    expect(
      avroRawStringNames(
        avroSchema([
          { name: 's', type: 'string' },
          { name: 'm', type: { type: 'map', values: ['null', 'long'] } },
          { name: 'inner', type: { type: 'record', name: 'In', fields: [{ name: 'deep', type: 'string' }] } },
        ]),
        [],
      ),
    ).toEqual(['s', 'm', 'inner', 'deep']);
    expect(avroRawStringNames(avroSchema([{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }]), [])).toBeNull();
    expect(avroRawStringNames(avroSchema([{ name: 'b', type: ['null', 'bytes'] }]), [])).toBeNull();
    const { reader: r } = reader();
    await r.load([side(bytes)]);
    const plain = Buffer.from('{"a":1}');
    expect(r.byteCheckRegion(plain, 'value', [])).toEqual({ bytes: plain, plain: true, names: [] });
    // the money schema has an enum, whose symbol is not in the bytes: no pre-check
    expect(r.byteCheckRegion(bytes, 'value', [])).toBeNull();
    expect(new SideReader(null, { key: { mode: 'auto' }, value: { mode: 'hex' } }).byteCheckRegion(plain, 'value', [])).toBeNull();
  });
});
