// JSON values to Protobuf with protobufjs, in Confluent's framing of a message: the message-index
// list (zigzag varints: the count, then the message's index at each nesting level, from the main
// file's top-level messages; the single byte 0 for the first top-level message) before the
// message's bytes. The value is checked field by field first, so what does not fit is named by
// its path; fields by their .proto name or their JSON (lowerCamel) name; null leaves a field unset.
import type * as protobuf from 'protobufjs';
import { protobufjs } from './codec-packages';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import type { PayloadEncoder } from './avro-encoder';
import { nestedMessages, protobufSchema } from './protobuf-root';
import type { ResolvedReference } from './schema-references';
import { base64Bytes, expected, float, int64, isPlainObject, under, ValueMismatch, type ValuePath } from './value-mismatch';

/**
 * The encoder of one message of the schema: `message` is its full name (`shop.Order.Line`) or,
 * without one, the first top-level message. Throws (a plain Error) when the schema has no such message.
 */
export function protobufEncoder(schema: RegisteredSchema, references: readonly ResolvedReference[], message?: string): PayloadEncoder {
  const { root, topLevel } = protobufSchema(schema.schema, references);
  const type = message ? root.lookupType(message.replace(/^\./, '')) : topLevel[0];
  if (!type) throw new Error('the schema declares no message');
  const indexes = messageIndexes(topLevel, type);
  if (!indexes) throw new Error(`message ${message ?? ''} is not declared in the schema's own file (an imported one has no message index here)`);
  const head = indexBytes(indexes);
  return (value) => {
    // checkMessage gives encode() what it takes as is (enums as numbers, bytes as Buffers), so no fromObject pass
    const body = type.encode(checkMessage(type, value, [])).finish();
    const out = new Uint8Array(head.length + body.length);
    out.set(head, 0);
    out.set(body, head.length);
    return out;
  };
}

/** The message's position: its index among the top-level messages, then among each parent's nested ones. */
function messageIndexes(level: protobuf.Type[], target: protobuf.Type): number[] | null {
  for (let i = 0; i < level.length; i++) {
    if (level[i] === target) return [i];
    const below = messageIndexes(nestedMessages(level[i]), target);
    if (below) return [i, ...below];
  }
  return null;
}

function indexBytes(indexes: number[]): Uint8Array {
  if (indexes.length === 1 && indexes[0] === 0) return Uint8Array.of(0);
  const writer = protobufjs().Writer.create();
  writer.sint32(indexes.length);
  for (const index of indexes) writer.sint32(index);
  return writer.finish();
}

function fieldByName(type: protobuf.Type, key: string): protobuf.Field | undefined {
  return type.fields[key] ?? type.fieldsArray.find((f) => (f as protobuf.Field & { jsonName?: string }).jsonName === key || camel(f.name) === key);
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function checkMessage(type: protobuf.Type, json: unknown, path: ValuePath): Record<string, unknown> {
  if (!isPlainObject(json)) throw expected(path, `an object (${type.name})`, json);
  const out: Record<string, unknown> = {};
  let oneofSet: Map<string, string> | null = null;
  for (const key in json) {
    const value = json[key];
    const field = fieldByName(type, key);
    if (!field) throw new ValueMismatch([...path, key], `is not a field of ${type.name}`);
    if (value === null || value === undefined) continue;
    // proto3 `optional` is a oneof of one, named `_<field>`: not a choice between fields
    const oneof = field.partOf && !field.partOf.name.startsWith('_') ? field.partOf.name : null;
    if (oneof) {
      oneofSet ??= new Map();
      if (oneofSet.has(oneof)) throw new ValueMismatch([...path, key], `${oneof} is already set by ${oneofSet.get(oneof)} (one of them only)`);
      oneofSet.set(oneof, key);
    }
    out[field.name] = under(path, key, () => checkField(field, value, path));
  }
  for (const field of type.fieldsArray) if (field.required && out[field.name] === undefined) throw new ValueMismatch([...path, field.name], 'required');
  return out;
}

function checkField(field: protobuf.Field, value: unknown, path: ValuePath): unknown {
  if (field instanceof protobufjs().MapField) {
    if (!isPlainObject(value)) throw expected(path, 'an object (map)', value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, under(path, k, () => checkSingle(field, v, path))]));
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw expected(path, 'a list', value);
    return value.map((item, i) => under(path, i, () => checkSingle(field, item, path)));
  }
  return checkSingle(field, value, path);
}

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  sint32: [-(2 ** 31), 2 ** 31 - 1],
  sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  fixed32: [0, 2 ** 32 - 1],
};

function checkSingle(field: protobuf.Field, value: unknown, path: ValuePath): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobufjs().Type) return checkMessage(resolved, value, path);
  if (resolved instanceof protobufjs().Enum) {
    const names = Object.keys(resolved.values);
    if (typeof value === 'string' && names.includes(value)) return resolved.values[value];
    if (typeof value === 'number' && Object.values(resolved.values).includes(value)) return value;
    throw expected(path, `one of ${names.join(', ')}`, value);
  }
  const range = INT_RANGES[field.type];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) throw expected(path, field.type, value);
    return value;
  }
  switch (field.type) {
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      // a safe whole number goes to protobufjs as it is; only a decimal string needs the exact check
      return Number.isSafeInteger(value) ? value : int64(path, value).toString();
    case 'uint64':
    case 'fixed64':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? value : int64(path, value, true).toString();
    case 'double':
    case 'float':
      return float(path, value, field.type);
    case 'bool':
      if (typeof value !== 'boolean') throw expected(path, 'bool', value);
      return value;
    case 'string':
      if (typeof value !== 'string') throw expected(path, 'string', value);
      return value;
    case 'bytes':
      return base64Bytes(path, value);
    default:
      throw new ValueMismatch(path, `Protobuf type ${field.type} is not supported for writing`);
  }
}
