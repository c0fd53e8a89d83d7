// Records encoded INDEPENDENTLY of the decoder (Avro with avsc's own encoder, Protobuf with
// @bufbuild/protobuf from a descriptor set built here, JSON with JSON.stringify), framed by hand,
// decoded against the schemas RECORDED from Apicurio Registry 3.3.3 (fixtures/schema-registry.json).
import avro from 'avsc';
import { create, createFileRegistry, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { RecordDecoder } from '@main/services/schemas/record-decoder';
import { REGISTRY_URL, fixture, recordedFetch } from './recorded-registry';

const schemaText = (id: number) => (fixture.answers[`GET /apis/ccompat/v7/schemas/ids/${id}`].body as { schema: string }).schema;

function confluent(id: number, ...parts: Uint8Array[]): Uint8Array {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, ...parts]);
}

function decoder(opts: ConstructorParameters<typeof RecordDecoder>[1] = {}) {
  const rec = recordedFetch();
  return { rec, decoder: new RecordDecoder(new SchemaRegistryClient({ url: REGISTRY_URL, fetch: rec.fetch }), opts) };
}

describe('Avro (Confluent framing, a named-type reference, nested named types)', () => {
  // avsc's own encoder, with longs as bigints so that one beyond 2^53 can be written
  const long = avro.types.LongType.__with({
    fromBuffer: (b: Buffer) => b.readBigInt64LE(),
    toBuffer: (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(n);
      return b;
    },
    fromJSON: BigInt,
    toJSON: Number,
    isValid: (n: unknown) => typeof n === 'bigint',
    compare: () => 0,
  });
  const typeHook = (s: avro.Schema) => (typeof s === 'object' && (s as { type?: unknown }).type === 'long' ? long : undefined);
  const registry = { long };
  avro.Type.forSchema(JSON.parse(schemaText(fixture.ids.money)) as avro.Schema, { registry });
  const parking = avro.Type.forSchema(JSON.parse(schemaText(fixture.ids.parking)) as avro.Schema, { registry, typeHook, wrapUnions: true });
  const record = {
    id: 'ev-1',
    garage: 'Kyrre',
    spots: 42,
    at: 1764979200000n,
    big: 2n ** 53n + 2n, // not exact as a double: comes back as a string
    price: { units: -1250n, currency: 'NOK' },
    location: { lat: 58.97, lon: 5.73 },
    tag: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    status: 'FULL',
    note: { string: 'north entrance' },
    extra: { 'com.streamdesk.fixture.Location': { lat: 1.5, lon: -2.25 } },
    payload: Buffer.from('hi'),
    scores: { a: 0.5 },
    plates: ['AB12345', 'CD67890'],
  };

  it('decodes every type JSON-safely', async () => {
    const bytes = confluent(fixture.ids.parking, parking.toBuffer(record));
    expect(await decoder().decoder.decode(bytes, 'value')).toEqual({
      status: 'decoded',
      format: 'avro',
      schemaId: fixture.ids.parking,
      value: {
        id: 'ev-1',
        garage: 'Kyrre',
        spots: 42,
        at: 1764979200000,
        big: '9007199254740994',
        price: { units: -1250, currency: 'NOK' },
        location: { lat: 58.97, lon: 5.73 },
        tag: '3q2+7w==',
        status: 'FULL',
        note: 'north entrance',
        extra: { lat: 1.5, lon: -2.25 },
        payload: 'aGk=',
        scores: { a: 0.5 },
        plates: ['AB12345', 'CD67890'],
      },
    });
  });

  it('shows truncated bytes and trailing bytes raw with the reason', async () => {
    const full = confluent(fixture.ids.parking, parking.toBuffer(record));
    const { decoder: d } = decoder();
    expect(await d.decode(full.subarray(0, full.length - 3), 'value')).toEqual({
      status: 'raw',
      reason: expect.stringMatching(/^schema id 2: truncated/) as unknown,
    });
    expect(await d.decode(Buffer.concat([full, Buffer.from([1])]), 'value')).toEqual({
      status: 'raw',
      reason: 'schema id 2: 1 bytes left after the Avro datum',
    });
    expect(await d.decode(full.subarray(0, 3), 'value')).toEqual({ status: 'raw', reason: 'truncated: 3 bytes, the magic byte and a 4-byte schema id need 5' });
  });

  it('resolves a global id header (Apicurio, headers mode: no magic byte) through its content id', async () => {
    const header = Buffer.alloc(8);
    header.writeBigUInt64BE(BigInt(fixture.globalIds.parkingMirror));
    const result = await decoder().decoder.decode(parking.toBuffer(record), 'value', [{ key: 'apicurio.value.globalId', value: header }]);
    expect(result).toMatchObject({ status: 'decoded', format: 'avro', schemaId: fixture.ids.parking, value: { garage: 'Kyrre' } });
  });

  it("reads Apicurio's 8-byte ids after the magic byte when told to", async () => {
    const head = Buffer.alloc(9);
    head.writeBigUInt64BE(BigInt(fixture.globalIds.parkingMirror), 1);
    const { decoder: d } = decoder({ eightByteIds: 'global' });
    expect(await d.decode(Buffer.concat([head, parking.toBuffer(record)]), 'value')).toMatchObject({ status: 'decoded', value: { spots: 42 } });
  });
});

// The two files as descriptors, written out here from the .proto text the fixture holds.
const T = { int32: 5, int64: 3, string: 9, bytes: 12, message: 11, enum: 14 } as const;
const field = (name: string, number: number, type: number, extra: Record<string, unknown> = {}) => ({ name, number, type, label: 1, jsonName: name, ...extra });
const files = createFileRegistry(
  create(FileDescriptorSetSchema, {
    file: [
      {
        name: 'common.proto',
        package: 'streamdesk.common',
        syntax: 'proto3',
        messageType: [{ name: 'Money', field: [field('units', 1, T.int64), field('currency', 2, T.string)] }],
      },
      {
        name: 'orders.proto',
        package: 'streamdesk.orders',
        syntax: 'proto3',
        dependency: ['common.proto'],
        messageType: [
          { name: 'Header', field: [field('id', 1, T.string)] },
          {
            name: 'Order',
            enumType: [
              {
                name: 'Status',
                value: [
                  { name: 'NEW', number: 0 },
                  { name: 'PAID', number: 1 },
                ],
              },
            ],
            nestedType: [
              {
                name: 'Line',
                nestedType: [{ name: 'Note', field: [field('text', 1, T.string)] }],
                field: [
                  field('sku', 1, T.string),
                  field('qty', 2, T.int32),
                  field('price', 3, T.message, { typeName: '.streamdesk.common.Money' }),
                  field('note', 4, T.message, { typeName: '.streamdesk.orders.Order.Line.Note' }),
                ],
              },
              { name: 'AttrsEntry', options: { mapEntry: true }, field: [field('key', 1, T.string), field('value', 2, T.string)] },
            ],
            field: [
              field('id', 1, T.string),
              field('lines', 2, T.message, { label: 3, typeName: '.streamdesk.orders.Order.Line' }),
              field('status', 3, T.enum, { typeName: '.streamdesk.orders.Order.Status' }),
              field('placed_at', 4, T.int64, { jsonName: 'placedAt' }),
              field('signature', 5, T.bytes),
              field('attrs', 6, T.message, { label: 3, typeName: '.streamdesk.orders.Order.AttrsEntry' }),
            ],
          },
        ],
      },
    ],
  }),
);
const encode = (name: string, init: Record<string, unknown>) => {
  const desc = files.getMessage(name) as DescMessage;
  return toBinary(desc, create(desc, init));
};

describe('Protobuf (message indexes, nested messages, an import)', () => {
  const order = {
    id: 'o-7',
    lines: [{ sku: 'SKU-1', qty: 2, price: { units: 9007199254740993n, currency: 'NOK' }, note: { text: 'gift' } }],
    status: 1,
    placedAt: 1764979200000n,
    signature: new Uint8Array([1, 2, 3]),
    attrs: { channel: 'web' },
  };

  it('decodes index [1] (the second top-level message) with its nested and imported types', async () => {
    const bytes = confluent(fixture.ids.orders, Uint8Array.of(0x02, 0x02), encode('streamdesk.orders.Order', order));
    expect(await decoder().decoder.decode(bytes, 'value')).toEqual({
      status: 'decoded',
      format: 'protobuf',
      schemaId: fixture.ids.orders,
      value: {
        id: 'o-7',
        lines: [{ sku: 'SKU-1', qty: 2, price: { units: '9007199254740993', currency: 'NOK' }, note: { text: 'gift' } }],
        status: 'PAID',
        placed_at: 1764979200000,
        signature: 'AQID',
        attrs: { channel: 'web' },
      },
    });
  });

  it('decodes a nested message by its index path [1, 0], and the 0 shortcut as [0]', async () => {
    const { decoder: d } = decoder();
    const line = confluent(fixture.ids.orders, Uint8Array.of(0x04, 0x02, 0x00), encode('streamdesk.orders.Order.Line', { sku: 'S', qty: 3 }));
    expect(await d.decode(line, 'key')).toMatchObject({ status: 'decoded', value: { sku: 'S', qty: 3, price: null, note: null } });
    const header = confluent(fixture.ids.orders, Uint8Array.of(0x00), encode('streamdesk.orders.Header', { id: 'h' }));
    expect(await d.decode(header, 'key')).toMatchObject({ status: 'decoded', value: { id: 'h' } });
  });

  it('shows an index that names no message raw with the reason', async () => {
    const bytes = confluent(fixture.ids.orders, Uint8Array.of(0x02, 0x0a), encode('streamdesk.orders.Header', { id: 'h' }));
    expect(await decoder().decoder.decode(bytes, 'value')).toEqual({ status: 'raw', reason: 'schema id 4: message index [5] names no message in the schema' });
  });

  it("reads Apicurio's Ref (the message's name) when the id came from Apicurio's header", async () => {
    const header = Buffer.alloc(8);
    header.writeBigUInt64BE(BigInt(fixture.ids.orders));
    const name = Buffer.from('Line');
    const ref = Buffer.concat([Buffer.from([name.length + 2, 0x0a, name.length]), name]);
    const bytes = Buffer.concat([ref, encode('streamdesk.orders.Order.Line', { sku: 'R', qty: 1 })]);
    expect(await decoder().decoder.decode(bytes, 'value', [{ key: 'apicurio.value.contentId', value: header }])).toMatchObject({
      status: 'decoded',
      value: { sku: 'R', qty: 1 },
    });
  });
});

describe('JSON Schema, and what is never decoded', () => {
  it('decodes the JSON after the id, and validates only when asked', async () => {
    const good = confluent(fixture.ids.alert, Buffer.from(JSON.stringify({ id: 'a1', level: 'warn', value: 3.5 })));
    expect(await decoder().decoder.decode(good, 'value')).toEqual({
      status: 'decoded',
      format: 'json-schema',
      schemaId: fixture.ids.alert,
      value: { id: 'a1', level: 'warn', value: 3.5 },
    });
    const bad = confluent(fixture.ids.alert, Buffer.from(JSON.stringify({ id: 'a2', level: 'loud' })));
    expect(await decoder().decoder.decode(bad, 'value')).toMatchObject({ status: 'decoded', value: { level: 'loud' } });
    expect(await decoder({ validateJson: true }).decoder.decode(bad, 'value')).toEqual({
      status: 'raw',
      reason: 'schema id 5: does not fit the schema: /level must be equal to one of the allowed values',
    });
  });

  it('shows an unknown id, a wrong magic byte, empty and null bytes raw with the reason', async () => {
    const { decoder: d } = decoder();
    expect(await d.decode(confluent(987654, Buffer.from('{}')), 'value')).toEqual({
      status: 'raw',
      reason: `schema id 987654: Schema Registry at ${REGISTRY_URL}: schema id 987654: HTTP 404: Schema 987654 not found.`,
    });
    expect(await d.decode(Buffer.from('{"plain":true}'), 'value')).toEqual({
      status: 'raw',
      reason: 'no schema id: the first byte is 0x7b, not the magic byte 0',
    });
    expect(await d.decode(new Uint8Array(0), 'key')).toEqual({ status: 'raw', reason: 'empty: no magic byte and no schema id' });
    expect(await d.decode(null, 'key')).toEqual({ status: 'raw', reason: 'null (no bytes)' });
  });

  it('shows records raw while the registry does not answer, and decodes them once it does', async () => {
    const { rec, decoder: d } = decoder();
    const bytes = confluent(fixture.ids.alert, Buffer.from('{"id":"x","level":"info"}'));
    rec.down.value = true;
    expect(await d.decode(bytes, 'value')).toEqual({
      status: 'raw',
      reason: `schema id 5: Schema Registry at ${REGISTRY_URL} did not answer (schema id 5): connect ECONNREFUSED 127.0.0.1:8085`,
    });
    rec.down.value = false;
    expect(await d.decode(bytes, 'value')).toMatchObject({ status: 'decoded', value: { id: 'x' } });
  });
});
