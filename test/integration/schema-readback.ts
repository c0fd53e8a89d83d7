// What the producing tests check StreamDesk's writes with, none of it StreamDesk's own code: the
// registry's own REST API (register, fetch by id), a plain kafkajs consumer for the raw bytes, and
// avsc / protobufjs used directly to decode them.
import avro from 'avsc';
import protobuf from 'protobufjs';
import { Kafka, logLevel } from 'kafkajs';

interface Wire {
  schema: string;
  schemaType?: string;
  references?: { name: string; subject: string; version: number }[];
}

/** The registry's own REST API, nothing of StreamDesk's client. */
export function registryApi(url: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return {
    register: async (subject: string, schema: Wire) => (await call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, schema)) as { id: number },
    byId: async (id: number) => (await call('GET', `/schemas/ids/${id}`)) as Wire,
    version: async (subject: string, version: number | 'latest') =>
      (await call('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`)) as Wire & { id: number; version: number },
    versions: async (subject: string) => (await call('GET', `/subjects/${encodeURIComponent(subject)}/versions`)) as number[],
  };
}
type RegistryApi = ReturnType<typeof registryApi>;

export interface RawRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer;
}

/** Every record of the topic, raw, read by a plain kafkajs consumer from the beginning. */
export async function readRaw(bootstrap: string, topic: string, count: number, timeoutMs = 60_000): Promise<RawRecord[]> {
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'it-readback', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `it-readback-${topic}-${Date.now()}` });
  const out: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${count} records of ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          out.push({ partition, offset: message.offset, key: message.key, value: message.value ?? Buffer.alloc(0) });
          if (out.length >= count) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

export function unframe(bytes: Buffer): { id: number; payload: Buffer } {
  if (bytes[0] !== 0) throw new Error(`no magic byte: ${bytes.subarray(0, 8).toString('hex')}`);
  return { id: bytes.readUInt32BE(1), payload: bytes.subarray(5) };
}

/** avsc, with the references registered first; longs beyond 2^53 come back as bigints. */
export async function avroDecode(registry: RegistryApi, framed: Buffer): Promise<{ id: number; value: unknown }> {
  const { id, payload } = unframe(framed);
  const wire = await registry.byId(id);
  const long = avro.types.LongType.__with({
    fromBuffer: (b: Buffer) => {
      const n = b.readBigInt64LE();
      return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : n;
    },
    toBuffer: () => Buffer.alloc(8),
    fromJSON: Number,
    toJSON: Number,
    isValid: () => true,
    compare: () => 0,
  });
  const opts = {
    registry: { long } as Record<string, avro.Type>,
    typeHook: (s: avro.Schema) => (typeof s === 'object' && (s as { type?: unknown }).type === 'long' ? long : undefined),
  };
  for (const ref of wire.references ?? []) avro.Type.forSchema(JSON.parse((await registry.version(ref.subject, ref.version)).schema) as avro.Schema, opts);
  const type = avro.Type.forSchema(JSON.parse(wire.schema) as avro.Schema, opts);
  return { id, value: JSON.parse(JSON.stringify(type.fromBuffer(payload), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown };
}

function readVarint(bytes: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = at, shift = 0; ; i++, shift += 7) {
    value |= (bytes[i] & 0x7f) << shift;
    if ((bytes[i] & 0x80) === 0) return { value, next: i + 1 };
  }
}

/** Confluent's message indexes read here by hand, then protobufjs on the schema and its imports as the registry serves them. */
export async function protobufDecode(registry: RegistryApi, framed: Buffer): Promise<{ id: number; indexes: number[]; type: string; value: unknown }> {
  const { id, payload } = unframe(framed);
  const wire = await registry.byId(id);
  const root = new protobuf.Root();
  for (const ref of wire.references ?? []) protobuf.parse((await registry.version(ref.subject, ref.version)).schema, root, { keepCase: true });
  const main = protobuf.parse(wire.schema, root, { keepCase: true });
  root.resolveAll();
  const count = readVarint(payload, 0);
  const indexes: number[] = [];
  let at = count.next;
  for (let i = 0; i < count.value / 2; i++) {
    const index = readVarint(payload, at);
    indexes.push(index.value / 2);
    at = index.next;
  }
  if (indexes.length === 0) indexes.push(0);
  let level = (root.lookup(main.package ?? '') as protobuf.Namespace).nestedArray;
  let type: protobuf.Type | undefined;
  for (const index of indexes) {
    type = level.filter((n) => n instanceof protobuf.Type)[index];
    level = type.nestedArray;
  }
  const message = type!.decode(payload.subarray(at));
  return { id, indexes, type: type!.fullName.slice(1), value: type!.toObject(message, { longs: String, enums: String, bytes: String }) };
}
