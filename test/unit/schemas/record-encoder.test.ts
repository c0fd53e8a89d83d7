// StreamDesk's encoders against the schemas RECORDED from Apicurio Registry 3.3.3: what they write
// is read back by INDEPENDENT decoders (avsc's own decoder, @bufbuild/protobuf from a descriptor set
// written out here, JSON.parse), and a value that does not fit is refused naming its field.
import avro from 'avsc';
import { create, createFileRegistry, fromBinary, toJson, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { recordEncoder, type SchemaChoice } from '@main/services/schemas/record-encoder';
import { ValueMismatch } from '@main/services/schemas/value-mismatch';
import { REGISTRY_URL, fixture, recordedFetch } from './recorded-registry';

const schemaText = (id: number) => (fixture.answers[`GET /apis/ccompat/v7/schemas/ids/${id}`].body as { schema: string }).schema;
const client = () => new SchemaRegistryClient({ url: REGISTRY_URL, fetch: recordedFetch().fetch });
const encoder = (choice: SchemaChoice) => recordEncoder(client(), choice);

function unframe(bytes: Buffer): { id: number; payload: Buffer } {
  expect(bytes[0]).toBe(0);
  return { id: bytes.readUInt32BE(1), payload: bytes.subarray(5) };
}

async function refusal(choice: SchemaChoice, value: unknown): Promise<string> {
  const enc = await encoder(choice);
  try {
    enc.encode(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ValueMismatch);
    return (e as ValueMismatch).message;
  }
  throw new Error('the value was accepted');
}

describe('Avro', () => {
  // avsc's own decoder, longs read as bigints so one beyond 2^53 can be checked exactly
  const long = avro.types.LongType.__with({
    fromBuffer: (b: Buffer) => b.readBigInt64LE(),
    toBuffer: () => Buffer.alloc(8),
    fromJSON: BigInt,
    toJSON: Number,
    isValid: (n: unknown) => typeof n === 'bigint',
    compare: () => 0,
  });
  const typeHook = (s: avro.Schema) => (typeof s === 'object' && (s as { type?: unknown }).type === 'long' ? long : undefined);
  const registry = { long };
  avro.Type.forSchema(JSON.parse(schemaText(fixture.ids.money)) as avro.Schema, { registry });
  const parking = avro.Type.forSchema(JSON.parse(schemaText(fixture.ids.parking)) as avro.Schema, { registry, typeHook, wrapUnions: true });
  const value = {
    id: 'ev-1',
    garage: 'Kyrre',
    spots: 42,
    at: 1764979200000,
    big: '9007199254740993',
    price: { units: -1250, currency: 'NOK' },
    location: { lat: 58.97, lon: 5.73 },
    tag: '3q2+7w==',
    status: 'FULL',
    note: 'north entrance',
    extra: { lat: 1.5, lon: -2.25 },
    payload: 'aGk=',
    scores: { a: 0.5 },
    plates: ['AB12345'],
  };

  it('writes a value avsc reads back exactly, framed with the version id, through a named-type reference', async () => {
    const enc = await encoder({ subject: 'fixture.parking-value', version: 'latest' });
    expect(enc).toMatchObject({ format: 'avro', id: fixture.ids.parking, version: 1 });
    const { id, payload } = unframe(enc.encode(value));
    expect(id).toBe(fixture.ids.parking);
    const back = parking.fromBuffer(payload) as Record<string, unknown>;
    expect(back).toMatchObject({
      id: 'ev-1',
      spots: 42,
      at: 1764979200000n,
      big: 9007199254740993n,
      price: { units: -1250n, currency: 'NOK' },
      status: 'FULL',
    });
    expect(back.note).toEqual({ string: 'north entrance' });
    expect(back.extra).toEqual({ 'com.streamdesk.fixture.Location': { lat: 1.5, lon: -2.25 } });
    expect((back.tag as Buffer).toString('hex')).toBe('deadbeef');
    expect(back).toMatchObject({ location: { lat: 58.97, lon: 5.73 }, scores: { a: 0.5 }, plates: ['AB12345'] });
    expect((back.payload as Buffer).toString()).toBe('hi');
  });

  it('names the field that does not fit', async () => {
    const choice = { subject: 'fixture.parking-value', version: 1 } as const;
    expect(await refusal(choice, { ...value, spots: 'ten' })).toBe('spots: expected int, got "ten"');
    const { lat: _lat, ...noLat } = value.location;
    expect(await refusal(choice, { ...value, location: noLat })).toBe('location.lat: required');
    expect(await refusal(choice, { ...value, price: { units: 1.5, currency: 'NOK' } })).toBe('price.units: expected a 64-bit integer, got 1.5');
    expect(await refusal(choice, { ...value, status: 'CLOSED' })).toMatch(/^status: expected one of .*FULL.*, got "CLOSED"$/);
    expect(await refusal(choice, { ...value, plates: ['A', 7] })).toBe('plates.1: expected string, got 7');
    expect(await refusal(choice, { ...value, colour: 'red' })).toBe('colour: is not a field of com.streamdesk.fixture.ParkingEvent');
    expect(await refusal(choice, 'text')).toBe('expected an object (com.streamdesk.fixture.ParkingEvent), got "text"');
  });
});

// The fixture's two .proto files as descriptors, written out here for @bufbuild/protobuf.
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
const decode = (name: string, bytes: Uint8Array) => {
  const desc = files.getMessage(name) as DescMessage;
  return toJson(desc, fromBinary(desc, bytes), { alwaysEmitImplicit: false });
};

describe('Protobuf', () => {
  const order = {
    id: 'o-7',
    lines: [{ sku: 'SKU-1', qty: 2, price: { units: '9007199254740993', currency: 'NOK' }, note: { text: 'gift' } }],
    status: 'PAID',
    placed_at: 1764979200000,
    signature: 'AQID',
    attrs: { channel: 'web' },
  };
  const orders = { subject: 'fixture.orders-value', version: 'latest' } as const;

  it('writes message index [1] (the second top-level message), nested and imported types, read back by @bufbuild/protobuf', async () => {
    const { id, payload } = unframe((await encoder({ ...orders, message: 'streamdesk.orders.Order' })).encode(order));
    expect(id).toBe(fixture.ids.orders);
    expect([...payload.subarray(0, 2)]).toEqual([0x02, 0x02]); // count 1, index 1, zigzag
    expect(decode('streamdesk.orders.Order', payload.subarray(2))).toEqual({ ...order, placedAt: '1764979200000', placed_at: undefined });
  });

  it('writes a nested message as its index path [1, 0] and the first message as the single byte 0', async () => {
    const line = (await encoder({ ...orders, message: 'streamdesk.orders.Order.Line' })).encode({ sku: 'S', qty: 3 });
    expect([...unframe(line).payload.subarray(0, 3)]).toEqual([0x04, 0x02, 0x00]); // count 2, [1, 0]
    expect(decode('streamdesk.orders.Order.Line', unframe(line).payload.subarray(3))).toEqual({ sku: 'S', qty: 3 });
    const header = unframe((await encoder(orders)).encode({ id: 'h' })).payload;
    expect(header[0]).toBe(0);
    expect(decode('streamdesk.orders.Header', header.subarray(1))).toEqual({ id: 'h' });
  });

  it('names the field that does not fit', async () => {
    const choice = { ...orders, message: 'streamdesk.orders.Order' };
    expect(await refusal(choice, { ...order, lines: [{ sku: 'S', qty: 'two' }] })).toBe('lines.0.qty: expected int32, got "two"');
    expect(await refusal(choice, { ...order, status: 'LOST' })).toBe('status: expected one of NEW, PAID, got "LOST"');
    expect(await refusal(choice, { ...order, lines: [{ price: { units: 'x' } }] })).toBe('lines.0.price.units: expected a 64-bit integer, got "x"');
    expect(await refusal(choice, { ...order, colour: 1 })).toBe('colour: is not a field of Order');
  });

  it('refuses a message the schema does not declare', async () => {
    await expect(encoder({ ...orders, message: 'streamdesk.orders.Nope' })).rejects.toThrow(/Nope/);
  });
});

describe('JSON Schema', () => {
  const alerts = { subject: 'fixture.alerts-value', version: 'latest' } as const;

  it('writes the JSON text after the framing', async () => {
    const { id, payload } = unframe((await encoder(alerts)).encode({ id: 'a-1', level: 'warn', value: 3.5 }));
    expect(id).toBe(fixture.ids.alert);
    expect(JSON.parse(payload.toString('utf8'))).toEqual({ id: 'a-1', level: 'warn', value: 3.5 });
  });

  it('names the field that does not fit', async () => {
    expect(await refusal(alerts, { id: 'a-1' })).toBe('level: required');
    expect(await refusal(alerts, { id: 'a-1', level: 'warn', value: 'high' })).toBe('value: expected number, got "high"');
    expect(await refusal(alerts, { id: 'a-1', level: 'loud' })).toBe('level: expected one of "info", "warn", "error", got "loud"');
  });
});
