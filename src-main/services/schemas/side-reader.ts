// How a record's key and value are read for showing, filtering and exporting: through the registry
// when a side is framed for one (auto), or as a topic's decode override says. Schemas are fetched
// in load(), before a batch is read, so read() is synchronous (a search filters record by record).
// Never throws for the bytes it is given: a side it cannot decode comes back raw with the reason.
import type { DecodeSettings, SideDecodeSetting, SideDecoding } from '@shared/messages';
import { avroDecoder, type PayloadDecoder } from './avro-decoder';
import type { JsonValue } from './json-safe';
import { jsonSchemaDecoder } from './json-schema-decoder';
import { protobufTypeDecoder } from './protobuf-decoder';
import { RecordDecoder, type SideBytes } from './record-decoder';
import { resolveReferences, type SchemaSource } from './schema-references';
import { readFraming, type FramingOptions, type RecordHeaderBytes, type RecordSide } from './wire-format';

/** A side as read: `decoding` absent when it is plain bytes (no framing, no override). */
export interface ReadSide {
  decoding?: SideDecoding;
  /** The decoded value, for filters; present when decoding.status is 'decoded'. */
  value?: JsonValue;
}

/** See byteCheckRegion; `names`: text the decoded JSON holds that the bytes do not (Avro's field names). */
export interface ByteCheckRegion {
  bytes: Uint8Array;
  plain: boolean;
  names: readonly string[];
}

const NO_NAMES: readonly string[] = [];

type Fixed = { decode: PayloadDecoder; format: 'avro' | 'protobuf' | 'json-schema'; schemaId: number | null; subject: string | null; version: number | null };

const FORMAT_OF = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' } as const;

export class SideReader {
  /** Per side: the sides may be framed differently (Apicurio's 8-byte ids on one only). */
  private readonly registry: Record<RecordSide, RecordDecoder> | null;
  private readonly framing: Record<RecordSide, FramingOptions>;
  /** An override's compiled schema per side (subject or .proto), or why it could not be had. */
  private readonly fixed: Record<RecordSide, Fixed | { error: string } | null> = { key: null, value: null };

  constructor(
    private readonly source: SchemaSource | null,
    private readonly settings: DecodeSettings,
  ) {
    this.framing = { key: framingOf(settings.key), value: framingOf(settings.value) };
    this.registry = source ? { key: new RecordDecoder(source, this.framing.key), value: new RecordDecoder(source, this.framing.value) } : null;
    for (const side of ['key', 'value'] as const) {
      const setting = settings[side];
      if (setting.mode === 'proto') this.fixed[side] = compileProto(setting.proto, setting.messageType);
    }
  }

  /** Whether load() can have anything to fetch: a registry to read framed sides with, or a subject override. */
  get needsLoad(): boolean {
    const modes = [this.settings.key.mode, this.settings.value.mode];
    return modes.includes('subject') || (this.registry !== null && modes.includes('auto'));
  }

  /** Fetches what the sides need (the registry's schemas, a subject's version), each once. */
  async load(records: Iterable<SideBytes>): Promise<void> {
    const loads: Promise<void>[] = [];
    for (const side of ['key', 'value'] as const) {
      const setting = this.settings[side];
      const current = this.fixed[side];
      if (setting.mode === 'subject' && !(current && 'decode' in current)) loads.push(this.loadSubject(side, setting));
    }
    if (this.registry) {
      const auto = [...records].filter((record) => this.settings[record.side].mode === 'auto');
      for (const side of ['key', 'value'] as const) {
        const sides = auto.filter((record) => record.side === side);
        if (sides.length) loads.push(this.registry[side].load(sides));
      }
    }
    await Promise.all(loads);
  }

  /**
   * Where a byte pre-check may look for a string a filter asks for, before decoding: the whole
   * side when it is read as plain bytes (as before decoding existed), the payload when the
   * registry's schema keeps its strings raw (Avro without enums, bytes or fixed; JSON Schema);
   * null when no such check is sound (Protobuf, an override, a schema not loaded).
   */
  byteCheckRegion(bytes: Uint8Array, side: RecordSide, headers: readonly RecordHeaderBytes[]): ByteCheckRegion | null {
    if (this.readsPlain(side, bytes.length, bytes[0] ?? 0, headers.length)) return { bytes, plain: true, names: NO_NAMES };
    if (this.settings[side].mode !== 'auto') return null;
    const raw = this.registry?.[side].rawStringPayload(bytes, side, headers);
    return raw ? { bytes: raw.payload, plain: false, names: raw.names } : null;
  }

  /**
   * Whether a side of `length` bytes starting with `first`, in a record with `headerCount` headers,
   * is read as its plain bytes (read() then gives no decoding): raw by override, or not framed for a
   * registry. Asked per record of a scan without a view of the bytes being made.
   */
  readsPlain(side: RecordSide, length: number, first: number, headerCount: number): boolean {
    const mode = this.settings[side].mode;
    return mode === 'raw' || (mode === 'auto' && headerCount === 0 && (length < 5 || first !== 0));
  }

  read(bytes: Uint8Array | null, side: RecordSide, headers: readonly RecordHeaderBytes[]): ReadSide {
    if (bytes === null) return {};
    const setting = this.settings[side];
    switch (setting.mode) {
      case 'raw':
        return {};
      case 'string':
        return plain('string', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
      case 'hex':
        return plain('hex', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex'));
      case 'json':
        return this.json(bytes);
      case 'subject':
      case 'proto':
        return this.withFixed(side, bytes);
      default:
        return this.auto(bytes, side, headers);
    }
  }

  private auto(bytes: Uint8Array, side: RecordSide, headers: readonly RecordHeaderBytes[]): ReadSide {
    // the common unframed case (JSON, text) without building readFraming's reason text
    if (headers.length === 0 && (bytes.length < 5 || bytes[0] !== 0)) return {};
    const framing = readFraming(bytes, side, headers, this.framing[side]);
    if ('reason' in framing) return {}; // not framed for a registry: plain bytes
    if (!this.registry) return raw(`schema id ${framing.id}: this connection names no Schema Registry`);
    const decoded = this.registry[side].decodeFramed(framing);
    if (decoded.status === 'raw') return raw(decoded.reason);
    return decodedSide(decoded.value, decoded.format, decoded.schemaId, decoded.subject ?? null, decoded.version ?? null);
  }

  private json(bytes: Uint8Array): ReadSide {
    try {
      const value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as JsonValue;
      return { decoding: { status: 'decoded', format: 'json', schemaId: null, subject: null, version: null, json: JSON.stringify(value) }, value };
    } catch (e) {
      return raw(`not JSON: ${(e as Error).message}`);
    }
  }

  private withFixed(side: RecordSide, bytes: Uint8Array): ReadSide {
    const fixed = this.fixed[side];
    if (!fixed) return raw('the schema of the decode override is not loaded');
    if ('error' in fixed) return raw(fixed.error);
    try {
      return decodedSide(fixed.decode(bytes), fixed.format, fixed.schemaId, fixed.subject, fixed.version);
    } catch (e) {
      return raw(`decode override: ${(e as Error).message}`);
    }
  }

  private async loadSubject(side: RecordSide, setting: Extract<SideDecodeSetting, { mode: 'subject' }>): Promise<void> {
    this.fixed[side] = await compileSubject(this.source, setting).catch((e: unknown) => ({
      error: `subject ${setting.subject} version ${setting.version}: ${e instanceof Error ? e.message : String(e)}`,
    }));
  }
}

/** A subject's version as a decoder of bare payloads (no framing); throws with the registry's reason. */
export async function compileSubject(source: SchemaSource | null, setting: Extract<SideDecodeSetting, { mode: 'subject' }>): Promise<Fixed> {
  if (!source) throw new Error('this connection names no Schema Registry');
  const schema = await source.subjectVersion(setting.subject, setting.version);
  const references = await resolveReferences(source, schema.references);
  const format = FORMAT_OF[schema.schemaType];
  const decode =
    format === 'avro'
      ? avroDecoder(schema, references)
      : format === 'protobuf'
        ? protobufTypeDecoder(schema.schema, references, setting.messageType || undefined)
        : jsonSchemaDecoder(schema, references, false);
  const id = (schema as { id?: unknown }).id;
  return { decode, format, schemaId: typeof id === 'number' ? id : null, subject: setting.subject, version: setting.version };
}

/** A local .proto and a message type; throws naming what is wrong (the parse error, the missing type). */
export function compileProtoOrThrow(proto: string, messageType: string): Fixed {
  return { decode: protobufTypeDecoder(proto, [], messageType), format: 'protobuf', schemaId: null, subject: null, version: null };
}

function compileProto(proto: string, messageType: string): Fixed | { error: string } {
  try {
    return compileProtoOrThrow(proto, messageType);
  } catch (e) {
    return { error: `the .proto of the decode override: ${(e as Error).message}` };
  }
}

/**
 * A decoded side. Its JSON text is made on first read: a search decodes every record it scans, but
 * only a "contains" test and the matches it sends need the text (an expression reads `value`).
 * The getter sits on the prototype (a per-object property getter made every decode several times
 * slower); `plainDecoding` (record-view.ts) copies a side out as the plain object the contract carries.
 */
class LazyDecoded {
  readonly status = 'decoded';
  private text: string | undefined;

  constructor(
    private readonly value: JsonValue,
    readonly format: Fixed['format'],
    readonly schemaId: number | null,
    readonly subject: string | null,
    readonly version: number | null,
  ) {}

  get json(): string {
    return (this.text ??= JSON.stringify(this.value));
  }
}

function decodedSide(value: JsonValue, format: Fixed['format'], schemaId: number | null, subject: string | null, version: number | null): ReadSide {
  return { decoding: new LazyDecoded(value, format, schemaId, subject, version), value };
}

function framingOf(setting: SideDecodeSetting): FramingOptions {
  return setting.mode === 'auto' && setting.eightByteIds ? { eightByteIds: setting.eightByteIds } : {};
}

function plain(format: 'string' | 'hex', text: string): ReadSide {
  return { decoding: { status: 'decoded', format, schemaId: null, subject: null, version: null, json: JSON.stringify(text) }, value: text };
}

function raw(reason: string): ReadSide {
  return { decoding: { status: 'raw', reason } };
}
