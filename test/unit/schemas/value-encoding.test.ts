// The encoders' choices on schemas written out here (no registry needed): Avro unions picked from
// the plain value, defaults for missing fields, Protobuf JSON names, oneofs and 64-bit limits.
// Read back with avsc and protobufjs directly.
import avro from 'avsc';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { SubjectVersion } from '@main/clients/schema-registry/schema-registry-client';
import { encoderOf } from '@main/services/schemas/record-encoder';

const version = (schemaType: SubjectVersion['schemaType'], schema: string): SubjectVersion => ({
  schemaType,
  schema,
  references: [],
  subject: 's',
  version: 1,
  id: 9,
});
const mismatch = (encode: () => unknown): string => {
  try {
    encode();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('Avro unions and defaults', () => {
  const schema = {
    type: 'record',
    name: 'Reading',
    fields: [
      { name: 'value', type: ['null', 'long', 'string'] },
      { name: 'where', type: ['null', { type: 'record', name: 'Place', fields: [{ name: 'lat', type: 'double' }] }], default: null },
      { name: 'unit', type: 'string', default: 'C' },
    ],
  };
  const encoder = encoderOf(version('AVRO', JSON.stringify(schema)), []);
  const type = avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true });

  it('picks the branch the plain value fits, and fills defaults', () => {
    expect(type.fromBuffer(encoder.encode({ value: 5 }).subarray(5))).toEqual({ value: { long: 5 }, where: null, unit: 'C' });
    expect(type.fromBuffer(encoder.encode({ value: 'n/a', unit: 'K' }).subarray(5))).toEqual({ value: { string: 'n/a' }, where: null, unit: 'K' });
    expect(type.fromBuffer(encoder.encode({ value: null, where: { lat: 1.5 } }).subarray(5))).toMatchObject({ value: null, where: { Place: { lat: 1.5 } } });
    // Avro's own JSON form of a union is understood too
    expect(type.fromBuffer(encoder.encode({ value: { string: '7' } }).subarray(5))).toMatchObject({ value: { string: '7' } });
  });

  it('names the inner field of a union with one other branch, and the union otherwise', () => {
    expect(mismatch(() => encoder.encode({ value: 1, where: { lat: 'north' } }))).toBe('where.lat: expected double, got "north"');
    expect(mismatch(() => encoder.encode({ value: true }))).toBe('value: expected null | long | string, got true');
    expect(mismatch(() => encoder.encode({}))).toBe('value: required');
  });
});

describe('Protobuf names, oneofs and limits', () => {
  const proto = `syntax = "proto3";
package t;
message Event {
  string event_id = 1;
  oneof body { string text = 2; int32 code = 3; }
  uint64 count = 4;
  map<string, int32> tags = 5;
}`;
  const encoder = encoderOf(version('PROTOBUF', proto), []);
  const type = protobuf.parse(proto, { keepCase: true }).root.lookupType('t.Event');
  const back = (value: unknown) => type.toObject(type.decode(encoder.encode(value).subarray(6)), { longs: String });

  it('takes a field by its .proto name or its JSON name, and null as unset', () => {
    expect(back({ eventId: 'e-1', text: 'hi', count: '18446744073709551615', tags: { a: 1 } })).toEqual({
      event_id: 'e-1',
      text: 'hi',
      count: '18446744073709551615',
      tags: { a: 1 },
    });
    expect(back({ event_id: 'e-2', code: null })).toEqual({ event_id: 'e-2' });
  });

  it('refuses two members of a oneof and numbers out of range, naming the field', () => {
    expect(mismatch(() => encoder.encode({ text: 'a', code: 1 }))).toBe('code: body is already set by text (one of them only)');
    expect(mismatch(() => encoder.encode({ count: -1 }))).toBe('count: expected an unsigned 64-bit integer, got -1');
    expect(mismatch(() => encoder.encode({ tags: { a: 2 ** 31 } }))).toBe('tags.a: expected int32, got 2147483648');
  });
});
