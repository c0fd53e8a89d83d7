// Avro payloads with avsc: referenced named types are parsed first into one registry, so the main
// schema can name them. Values come out JSON-safe (json-safe.ts): longs exactly, bytes and fixed as
// base64, enums as their symbol, a union as its branch's value (null as null), records as objects in
// field order, maps as objects. Logical types are left as their underlying type (timestamp-millis
// stays the long number, decimal stays base64 bytes).
import avro from 'avsc';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import { bytesToJson, floatToJson, longToJson, type JsonValue } from './json-safe';
import type { ResolvedReference } from './schema-references';

/**
 * An exact long: avsc hands its 8 bytes (little-endian two's complement) to these. A long that a
 * double holds exactly (|n| < 2^53) comes back as a number, without a BigInt; a larger one as a bigint.
 */
const exactLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => {
    const high = buf.readInt32LE(4);
    return high >= -0x200000 && high < 0x200000 ? high * 0x100000000 + buf.readUInt32LE(0) : buf.readBigInt64LE();
  },
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (n: number | string) => BigInt(n),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

export type PayloadDecoder = (payload: Uint8Array) => JsonValue;

/**
 * Whether every string the decoded value can hold is in the payload as its own UTF-8 bytes: Avro
 * strings and map keys are; an enum's symbol (an index), bytes and fixed (base64) are not. Where
 * it holds, a search may skip a record whose payload lacks a string it asks for, without decoding it.
 */
export function avroStringsAreRaw(schema: RegisteredSchema, references: readonly ResolvedReference[]): boolean {
  const registry: Record<string, avro.Type> = {};
  for (const ref of references) avro.Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, { registry });
  const type = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema, { registry });
  const seen = new Set<avro.Type>();
  const raw = (t: avro.Type): boolean => {
    if (seen.has(t)) return true;
    seen.add(t);
    if (t.typeName === 'enum' || t.typeName === 'bytes' || t.typeName === 'fixed') return false;
    if (t instanceof avro.types.RecordType) return t.fields.every((field) => raw(field.type));
    if (t instanceof avro.types.ArrayType) return raw(t.itemsType);
    if (t instanceof avro.types.MapType) return raw(t.valuesType as avro.Type);
    if (t instanceof avro.types.UnwrappedUnionType || t instanceof avro.types.WrappedUnionType) return t.types.every(raw);
    return true;
  };
  return raw(type);
}

export function avroDecoder(schema: RegisteredSchema, references: readonly ResolvedReference[]): PayloadDecoder {
  const registry: Record<string, avro.Type> = { long: exactLong };
  // `"long"` finds the registry's; `{ "type": "long", … }` (a logical type on a long) asks the hook.
  const typeHook = (s: avro.Schema): avro.Type | undefined => (typeof s === 'object' && (s as { type?: unknown }).type === 'long' ? exactLong : undefined);
  const opts = { registry, wrapUnions: true, typeHook } as const;
  for (const ref of references) avro.Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, opts);
  const type = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema, opts);
  return (payload) => {
    const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    const decoded: { value: unknown; offset: number } = type.decode(buf, 0);
    const { value, offset } = decoded;
    if (offset < 0) throw new Error(`truncated: ${buf.length} bytes end inside the Avro datum`);
    if (offset !== buf.length) throw new Error(`${buf.length - offset} bytes left after the Avro datum`);
    return avroToJson(type, value);
  };
}

function avroToJson(type: avro.Type, value: unknown): JsonValue {
  switch (type.typeName) {
    case 'long':
    case 'abstract:long': // exactLong's
      return longToJson(value as bigint | number);
    case 'float':
    case 'double':
      return floatToJson(value as number);
    case 'bytes':
    case 'fixed':
      return bytesToJson(value as Buffer);
    case 'array':
      return (value as unknown[]).map((item) => avroToJson((type as avro.types.ArrayType).itemsType, item));
    case 'map':
      return mapToJson((type as avro.types.MapType).valuesType as avro.Type, value as Record<string, unknown>);
    case 'record':
    case 'error':
      return recordToJson(type as avro.types.RecordType, value as Record<string, unknown>);
    case 'union:wrapped':
      return unionToJson(type as avro.types.WrappedUnionType, value as Record<string, unknown> | null);
    default:
      return value as JsonValue; // null, boolean, int, string, enum (its symbol)
  }
}

function mapToJson(valuesType: avro.Type, value: Record<string, unknown>): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) out[key] = avroToJson(valuesType, item);
  return out;
}

function recordToJson(type: avro.types.RecordType, value: Record<string, unknown>): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const field of type.fields) out[field.name] = avroToJson(field.type, value[field.name]);
  return out;
}

function unionToJson(type: avro.types.WrappedUnionType, value: Record<string, unknown> | null): JsonValue {
  if (value === null) return null;
  const [branch] = Object.keys(value);
  const branchType = type.types.find((t) => t.branchName === branch);
  if (!branchType) throw new Error(`union branch ${branch} is not in the schema`);
  return avroToJson(branchType, value[branch]);
}
