// Avro payloads with avsc: referenced named types are parsed first into one registry, so the main
// schema can name them. Values come out JSON-safe (json-safe.ts): longs exactly, bytes and fixed as
// base64, enums as their symbol, a union as its branch's value (null as null), records as objects in
// field order, maps as objects. Logical types are left as their underlying type (timestamp-millis
// stays the long number, decimal stays base64 bytes).
import type * as avro from 'avsc';
import { avsc } from './codec-packages';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import { bytesToJson, floatToJson, longToJson, type JsonValue } from './json-safe';
import type { ResolvedReference } from './schema-references';
import { avroType } from './avro-types';

export type PayloadDecoder = (payload: Uint8Array) => JsonValue;

/**
 * Whether every string the decoded value can hold is in the payload as its own UTF-8 bytes: Avro
 * strings and map keys are; an enum's symbol (an index), bytes and fixed (base64) are not. Where
 * it holds, a search may skip a record whose payload lacks a string it asks for, without decoding
 * it. Answers the record field names, the only other text of the decoded JSON (a "contains" on a
 * field name must not be pre-checked), or null when some string is not raw.
 */
export function avroRawStringNames(schema: RegisteredSchema, references: readonly ResolvedReference[]): readonly string[] | null {
  const registry: Record<string, avro.Type> = {};
  for (const ref of references) avsc().Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, { registry });
  const type = avsc().Type.forSchema(JSON.parse(schema.schema) as avro.Schema, { registry });
  const seen = new Set<avro.Type>();
  const names = new Set<string>();
  const raw = (t: avro.Type): boolean => {
    if (seen.has(t)) return true;
    seen.add(t);
    if (t.typeName === 'enum' || t.typeName === 'bytes' || t.typeName === 'fixed') return false;
    if (t instanceof avsc().types.RecordType) return t.fields.every((field) => names.add(field.name) && raw(field.type));
    if (t instanceof avsc().types.ArrayType) return raw(t.itemsType);
    if (t instanceof avsc().types.MapType) return raw(t.valuesType as avro.Type);
    if (t instanceof avsc().types.UnwrappedUnionType || t instanceof avsc().types.WrappedUnionType) return t.types.every(raw);
    return true;
  };
  return raw(type) ? [...names] : null;
}

export function avroDecoder(schema: RegisteredSchema, references: readonly ResolvedReference[]): PayloadDecoder {
  const type = avroType(schema, references);
  const toJson = converterOf(type, new Map());
  return (payload) => {
    const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    const decoded: { value: unknown; offset: number } = type.decode(buf, 0);
    const { value, offset } = decoded;
    if (offset < 0) throw new Error(`truncated: ${buf.length} bytes end inside the Avro datum`);
    if (offset !== buf.length) throw new Error(`${buf.length - offset} bytes left after the Avro datum`);
    return toJson(value);
  };
}

type ToJson = (value: unknown) => JsonValue;

const asIs: ToJson = (value) => value as JsonValue; // null, boolean, int, string, enum (its symbol)

/**
 * One converter per type, made once per schema: a search decodes every record it scans, so the
 * type is not inspected again per value. `made` breaks recursion (a record that contains itself).
 */
function converterOf(type: avro.Type, made: Map<avro.Type, ToJson>): ToJson {
  const known = made.get(type);
  if (known) return known;
  let self: ToJson = asIs;
  made.set(type, (value) => self(value));
  self = converterFor(type, made);
  made.set(type, self);
  return self;
}

function converterFor(type: avro.Type, made: Map<avro.Type, ToJson>): ToJson {
  switch (type.typeName) {
    case 'long':
    case 'abstract:long': // exactLong's
      return (value) => longToJson(value as bigint | number);
    case 'float':
    case 'double':
      return (value) => floatToJson(value as number);
    case 'bytes':
    case 'fixed':
      return (value) => bytesToJson(value as Buffer);
    case 'array': {
      const item = converterOf((type as avro.types.ArrayType).itemsType, made);
      return (value) => (value as unknown[]).map(item);
    }
    case 'map':
      return mapConverter(converterOf((type as avro.types.MapType).valuesType as avro.Type, made));
    case 'record':
    case 'error':
      return recordConverter(type as avro.types.RecordType, made);
    case 'union:wrapped':
      return unionConverter(type as avro.types.WrappedUnionType, made);
    default:
      return asIs;
  }
}

function mapConverter(item: ToJson): ToJson {
  return (value) => {
    const out: Record<string, JsonValue> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) out[key] = item(entry);
    return out;
  };
}

function recordConverter(type: avro.types.RecordType, made: Map<avro.Type, ToJson>): ToJson {
  const fields = type.fields.map((field) => ({ name: field.name, toJson: converterOf(field.type, made) }));
  return (value) => {
    const record = value as Record<string, unknown>;
    const out: Record<string, JsonValue> = {};
    for (const field of fields) out[field.name] = field.toJson(record[field.name]);
    return out;
  };
}

function unionConverter(type: avro.types.WrappedUnionType, made: Map<avro.Type, ToJson>): ToJson {
  const branches = new Map(type.types.map((t) => [t.branchName, converterOf(t, made)]));
  return (value) => {
    if (value === null) return null;
    const [branch] = Object.keys(value as Record<string, unknown>);
    const toJson = branches.get(branch);
    if (!toJson) throw new Error(`union branch ${branch} is not in the schema`);
    return toJson((value as Record<string, unknown>)[branch]);
  };
}
