// Protobuf payloads with protobufjs. Which message a payload holds is said before it:
// - Confluent: the message-index list, zigzag varints: a count, then one index per nesting level
//   (index i = the i-th message declared at that level, from the file's top-level messages); the
//   single byte 0 stands for [0], the first top-level message.
// - Apicurio 3's ProtobufSerializer (writeRef, on by default; writeIndexes off by default) writes a
//   length-delimited `Ref { string name = 1; }`, the message's simple name. Source:
//   Apicurio/apicurio-registry serdes/generic/serde-common-protobuf ProtobufSerializer.java.
// Referenced files (imports) are parsed into the same root (protobuf-root.ts). Values are rendered as proto3 JSON-ish objects with
// defaults, enums by name, 64-bit integers and bytes as json-safe.ts says.
import type * as protobuf from 'protobufjs';
import { protobufjs } from './codec-packages';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import { bytesToJson, floatToJson, longToJson, type JsonValue } from './json-safe';
import type { ResolvedReference } from './schema-references';
import type { PayloadDecoder } from './avro-decoder';
import { nestedMessages, protobufSchema } from './protobuf-root';

const LONGS = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const FLOATS = new Set(['float', 'double']);

export function protobufDecoder(schema: RegisteredSchema, references: readonly ResolvedReference[], apicurio: boolean): PayloadDecoder {
  const { topLevel } = protobufSchema(schema.schema, references);
  return (payload) => {
    const { type, offset } = (apicurio ? readRef(payload, topLevel) : null) ?? readIndexes(payload, topLevel);
    return decodeAs(type, payload.subarray(offset));
  };
}

/**
 * Bare payloads (no id, no message indexes) of one message type: a topic's decode override. The
 * type is a full name (`garage.Status`, `garage.Status.Spot`) or a simple name found in the file;
 * without one, the file's first top-level message. Throws, naming the type, when it is not there.
 */
export function protobufTypeDecoder(source: string, references: readonly ResolvedReference[], messageType?: string): PayloadDecoder {
  const { root, topLevel } = protobufSchema(source, references);
  const type = messageType ? lookupMessage(root, topLevel, messageType) : topLevel[0];
  if (!type) throw new Error(messageType ? `no message type "${messageType}" in the .proto` : 'the .proto declares no message');
  return (payload) => decodeAs(type, payload);
}

function lookupMessage(root: protobuf.Root, topLevel: protobuf.Type[], name: string): protobuf.Type | null {
  const found = root.lookup(name.replace(/^\./, ''));
  if (found instanceof protobufjs().Type) return found;
  return findByName(topLevel, name);
}

function decodeAs(type: protobuf.Type, bytes: Uint8Array): JsonValue {
  const message = type.decode(bytes);
  return messageToJson(type, type.toObject(message, { longs: String, enums: String, bytes: Array, defaults: true, arrays: true, objects: true }));
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  for (let i = start, shift = 0; i < bytes.length && shift < 35; i++, shift += 7) {
    value += (bytes[i] & 0x7f) * 2 ** shift;
    if ((bytes[i] & 0x80) === 0) return { value, next: i + 1 };
  }
  throw new Error('truncated: the message indexes end inside a varint');
}

function zigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

function readIndexes(payload: Uint8Array, topLevel: protobuf.Type[]): { type: protobuf.Type; offset: number } {
  const count = readVarint(payload, 0);
  const indexes: number[] = [];
  let at = count.next;
  for (let i = 0; i < zigzag(count.value); i++) {
    const index = readVarint(payload, at);
    indexes.push(zigzag(index.value));
    at = index.next;
  }
  if (indexes.length === 0) indexes.push(0);
  let level: protobuf.Type[] = topLevel;
  let type: protobuf.Type | undefined;
  for (const index of indexes) {
    type = level[index];
    if (!type) throw new Error(`message index [${indexes.join(', ')}] names no message in the schema`);
    level = nestedMessages(type);
  }
  return { type: type!, offset: at };
}

/** Apicurio's Ref, when the bytes are one and name a message of the schema; else null. */
function readRef(payload: Uint8Array, topLevel: protobuf.Type[]): { type: protobuf.Type; offset: number } | null {
  try {
    const length = readVarint(payload, 0);
    if (payload[length.next] !== 0x0a) return null;
    const nameLength = readVarint(payload, length.next + 1);
    if (nameLength.next + nameLength.value !== length.next + length.value) return null;
    const name = Buffer.from(payload.subarray(nameLength.next, nameLength.next + nameLength.value)).toString('utf8');
    const type = findByName(topLevel, name);
    return type ? { type, offset: length.next + length.value } : null;
  } catch {
    return null;
  }
}

function findByName(types: protobuf.Type[], name: string): protobuf.Type | null {
  for (const type of types) {
    if (type.name === name) return type;
    const nested = findByName(nestedMessages(type), name);
    if (nested) return nested;
  }
  return null;
}

function messageToJson(type: protobuf.Type, object: Record<string, unknown>): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined) continue;
    const one = (v: unknown): JsonValue => fieldToJson(field, v);
    if (field.map) out[field.name] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, one(v)]));
    else if (field.repeated) out[field.name] = (value as unknown[]).map(one);
    else out[field.name] = one(value);
  }
  return out;
}

function fieldToJson(field: protobuf.Field, value: unknown): JsonValue {
  if (value === null) return null;
  if (LONGS.has(field.type)) return longToJson(value as string);
  if (FLOATS.has(field.type)) return floatToJson(value as number);
  if (field.type === 'bytes') return bytesToJson(Uint8Array.from(value as number[]));
  if (field.resolvedType instanceof protobufjs().Type) return messageToJson(field.resolvedType, value as Record<string, unknown>);
  return value as JsonValue;
}
