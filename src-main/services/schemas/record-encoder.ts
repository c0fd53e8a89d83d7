// One record side (key or value) written with a registered schema: a subject's version (or its
// latest) fetched once per encoder, its references followed, the JSON value checked against it and
// encoded, then framed the Confluent way: magic byte 0, the 4-byte big-endian schema id the
// registry answered for that version, the payload.
import type { SubjectVersion } from '@main/clients/schema-registry/schema-registry-client';
import { avroEncoder, type PayloadEncoder } from './avro-encoder';
import { jsonSchemaEncoder } from './json-schema-encoder';
import { protobufEncoder } from './protobuf-encoder';
import { resolveReferences, type SchemaSource } from './schema-references';

type SchemaFormat = 'avro' | 'protobuf' | 'json-schema';

const FORMATS = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' } as const;

/** What an encoder needs of a registry: SchemaSource, with `latest` allowed (SchemaRegistryClient is one). */
export interface EncoderSource extends SchemaSource {
  subjectVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion>;
}

export interface SchemaChoice {
  subject: string;
  version: number | 'latest';
  /** Protobuf: the message's full name; the first top-level message without one. */
  message?: string;
}

export interface RecordEncoder {
  format: SchemaFormat;
  subject: string;
  version: number;
  id: number;
  /** The framed bytes; throws ValueMismatch naming the field that does not fit. */
  encode: (value: unknown) => Buffer;
}

/** Fetches the chosen schema and compiles it; rejects with the registry's error, or a plain Error for a schema it cannot compile. */
export async function recordEncoder(source: EncoderSource, choice: SchemaChoice): Promise<RecordEncoder> {
  const version = await source.subjectVersion(choice.subject, choice.version);
  return encoderOf(version, await resolveReferences(source, version.references), choice.message);
}

export function encoderOf(version: SubjectVersion, references: Awaited<ReturnType<typeof resolveReferences>>, message?: string): RecordEncoder {
  const format = FORMATS[version.schemaType];
  const payload: PayloadEncoder =
    format === 'avro'
      ? avroEncoder(version, references)
      : format === 'protobuf'
        ? protobufEncoder(version, references, message)
        : jsonSchemaEncoder(version, references);
  return { format, subject: version.subject, version: version.version, id: version.id, encode: (value) => framed(version.id, payload(value)) };
}

function framed(id: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + payload.length);
  out[0] = 0;
  out.writeUInt32BE(id, 1);
  out.set(payload, 5);
  return out;
}
