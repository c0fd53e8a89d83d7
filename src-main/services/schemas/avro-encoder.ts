// JSON values to Avro with avsc. The value is walked against the schema first, so what does not fit
// is named by its path (`location.lat: expected double, got "north"`), and turned into avsc's own
// form on the way: longs as exact bigints (a number, or a decimal string beyond 2^53), bytes and
// fixed from base64, a union's branch picked from the plain value (as the decoder renders it).
// Named types of referenced schemas are parsed first into one registry, as the decoder does.
import type * as avro from 'avsc';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import type { ResolvedReference } from './schema-references';
import { avroType } from './avro-types';
import { base64Bytes, expected, float, int64, isPlainObject, shown, under, ValueMismatch, type ValuePath } from './value-mismatch';

/** Encodes one JSON value as the schema's payload (no framing); throws ValueMismatch. */
export type PayloadEncoder = (value: unknown) => Uint8Array;

export function avroEncoder(schema: RegisteredSchema, references: readonly ResolvedReference[]): PayloadEncoder {
  const type = avroType(schema, references);
  return (value) => type.toBuffer(fromJson(type, value, []));
}

/** A type's name as a message says it: `int`, `com.example.Location`, `map of string`. */
function typeLabel(type: avro.Type): string {
  if (type.name) return type.name;
  if (type.typeName === 'abstract:long') return 'long';
  if (type.typeName === 'array') return 'a list';
  if (type.typeName === 'map') return 'an object (map)';
  if (type.typeName === 'union:wrapped') return (type as avro.types.WrappedUnionType).types.map(typeLabel).join(' | ');
  return type.typeName;
}

const INT32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;

function fromJson(type: avro.Type, json: unknown, path: ValuePath): unknown {
  switch (type.typeName) {
    case 'null':
      if (json !== null) throw expected(path, 'null', json);
      return null;
    case 'boolean':
      if (typeof json !== 'boolean') throw expected(path, 'boolean', json);
      return json;
    case 'int':
      if (!INT32(json)) throw expected(path, 'int', json);
      return json;
    case 'long':
    case 'abstract:long':
      return int64(path, json);
    case 'float':
    case 'double':
      return float(path, json, type.typeName);
    case 'string':
      if (typeof json !== 'string') throw expected(path, 'string', json);
      return json;
    default:
      return complexFromJson(type, json, path);
  }
}

function complexFromJson(type: avro.Type, json: unknown, path: ValuePath): unknown {
  switch (type.typeName) {
    case 'bytes':
      return base64Bytes(path, json);
    case 'fixed': {
      const bytes = base64Bytes(path, json);
      const size = (type as avro.types.FixedType).size;
      if (bytes.length !== size) throw new ValueMismatch(path, `expected ${size} bytes (${typeLabel(type)}), got ${bytes.length}`);
      return bytes;
    }
    case 'enum': {
      const symbols = (type as avro.types.EnumType).symbols;
      if (typeof json !== 'string' || !symbols.includes(json)) throw expected(path, `one of ${symbols.join(', ')}`, json);
      return json;
    }
    case 'array':
      if (!Array.isArray(json)) throw expected(path, 'a list', json);
      return json.map((item, i) => under(path, i, () => fromJson((type as avro.types.ArrayType).itemsType, item, path)));
    case 'map':
      if (!isPlainObject(json)) throw expected(path, 'an object (map)', json);
      return Object.fromEntries(
        Object.entries(json).map(([k, v]) => [k, under(path, k, () => fromJson((type as avro.types.MapType).valuesType as avro.Type, v, path))]),
      );
    case 'record':
    case 'error':
      return recordFromJson(type as avro.types.RecordType, json, path);
    case 'union:wrapped':
      return unionFromJson(type as avro.types.WrappedUnionType, json, path);
    default:
      throw new ValueMismatch(path, `Avro type ${type.typeName} is not supported for writing`);
  }
}

/** Each record type's field names, computed once (a generator encodes thousands of records a second). */
const fieldNames = new WeakMap<avro.Type, Set<string>>();

function recordFromJson(type: avro.types.RecordType, json: unknown, path: ValuePath): Record<string, unknown> {
  if (!isPlainObject(json)) throw expected(path, `an object (${typeLabel(type)})`, json);
  let known = fieldNames.get(type);
  if (!known) fieldNames.set(type, (known = new Set(type.fields.map((f) => f.name))));
  for (const key in json) if (!known.has(key)) throw new ValueMismatch([...path, key], `is not a field of ${typeLabel(type)}`);
  const out: Record<string, unknown> = {};
  for (const field of type.fields) {
    if (Object.hasOwn(json, field.name)) out[field.name] = under(path, field.name, () => fromJson(field.type, json[field.name], path));
    else if (field.defaultValue() !== undefined) out[field.name] = field.defaultValue();
    else throw new ValueMismatch([...path, field.name], 'required');
  }
  return out;
}

/**
 * The value as written, without a branch name: null takes the null branch, a union of one other
 * type checks against it (so the message names the inner field), else the first branch it fits.
 * Avro's own JSON form (`{"string": "x"}`) is accepted too when nothing else fits.
 */
function unionFromJson(type: avro.types.WrappedUnionType, json: unknown, path: ValuePath): Record<string, unknown> | null {
  const branches = type.types;
  if (json === null && branches.some((b) => b.typeName === 'null')) return null;
  const others = branches.filter((b) => b.typeName !== 'null');
  if (json !== null && others.length === 1) return { [others[0].branchName!]: fromJson(others[0], json, path) };
  const depth = path.length;
  for (const branch of others) {
    try {
      return { [branch.branchName!]: fromJson(branch, json, path) };
    } catch (e) {
      if (!(e instanceof ValueMismatch)) throw e;
      path.length = depth; // the failed branch may have left its keys pushed
    }
  }
  if (isPlainObject(json) && Object.keys(json).length === 1) {
    const [name] = Object.keys(json);
    const branch = branches.find((b) => b.branchName === name);
    if (branch) return branch.typeName === 'null' ? null : { [name]: under(path, name, () => fromJson(branch, json[name], path)) };
  }
  throw new ValueMismatch(path, `expected ${typeLabel(type)}, got ${shown(json)}`);
}
