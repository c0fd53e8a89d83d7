// One record side (key or value bytes) decoded through a Schema Registry, or shown raw with the
// reason: it never throws for the bytes it is given. A schema is compiled once per registry id; a
// schema that could not be fetched (registry down) is not remembered, so a later record tries again.
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import { avroDecoder, avroRawStringNames, type PayloadDecoder } from './avro-decoder';
import type { JsonValue } from './json-safe';
import { jsonSchemaDecoder } from './json-schema-decoder';
import { protobufDecoder } from './protobuf-decoder';
import { resolveReferences, type SchemaSource } from './schema-references';
import { readFraming, type Framing, type FramingOptions, type RecordHeaderBytes, type RecordSide } from './wire-format';

type SchemaFormat = 'avro' | 'protobuf' | 'json-schema';

export type DecodedSide =
  { status: 'decoded'; format: SchemaFormat; schemaId: number; subject?: string; version?: number; value: JsonValue } | { status: 'raw'; reason: string };

/** One side of a record as read from the log. */
export interface SideBytes {
  bytes: Uint8Array | null;
  side: RecordSide;
  headers: readonly RecordHeaderBytes[];
}

/** A schema loaded for decodeLoaded, or why it could not be. */
type Loaded = { compiled: Compiled; schemaId: number; subject?: string; version?: number } | { error: string };

export interface RecordDecoderOptions extends FramingOptions {
  /** Check JSON Schema values against their schema (off by default: the payload is JSON either way). */
  validateJson?: boolean;
}

interface Compiled {
  format: SchemaFormat;
  decode: PayloadDecoder;
  /**
   * Every string of a decoded value is in the payload as UTF-8 (JSON: unless escaped), and these
   * are the names its JSON text adds (Avro's field names); null when some string is not raw.
   */
  rawStrings: { names: readonly string[] } | null;
}

const JSON_RAW = { names: [] } as const;

const FORMATS = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' } as const;

export class RecordDecoder {
  private readonly compiled = new Map<string, Promise<Compiled>>();
  /** What load() settled, by framing (id kind, id, Apicurio or not). */
  private readonly loaded = new Map<string, Loaded>();

  constructor(
    private readonly source: SchemaSource,
    private readonly options: RecordDecoderOptions = {},
  ) {}

  async decode(bytes: Uint8Array | null, side: RecordSide, headers: readonly RecordHeaderBytes[] = []): Promise<DecodedSide> {
    if (bytes === null) return { status: 'raw', reason: 'null (no bytes)' };
    const framing = readFraming(bytes, side, headers, this.options);
    if ('reason' in framing) return { status: 'raw', reason: framing.reason };
    let schemaId = framing.id;
    try {
      if (framing.idKind === 'global') schemaId = await this.source.contentIdOfGlobalId(framing.id);
      const compiled = await this.compile(schemaId, framing);
      return { status: 'decoded', format: compiled.format, schemaId, value: compiled.decode(framing.payload) };
    } catch (e) {
      const what = framing.idKind === 'global' ? `global id ${framing.id}` : `schema id ${schemaId}`;
      return { status: 'raw', reason: `${what}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /**
   * Loads the schemas the framed sides name (each once; one that failed is tried again), so that
   * decodeLoaded can decode them synchronously, e.g. inside a filter that runs per record.
   */
  async load(sides: Iterable<SideBytes>): Promise<void> {
    const wanted = new Map<string, Framing>();
    for (const { bytes, side, headers } of sides) {
      if (bytes === null) continue;
      const framing = readFraming(bytes, side, headers, this.options);
      if ('reason' in framing) continue;
      const key = loadedKey(framing);
      if (!wanted.has(key) && !(this.loaded.get(key) && 'compiled' in this.loaded.get(key)!)) wanted.set(key, framing);
    }
    await Promise.all([...wanted].map(async ([key, framing]) => this.loaded.set(key, await this.settle(framing))));
  }

  /** Like decode, synchronously, with what load() fetched: a schema it did not load gives raw with the reason. */
  decodeLoaded(bytes: Uint8Array | null, side: RecordSide, headers: readonly RecordHeaderBytes[] = []): DecodedSide {
    if (bytes === null) return { status: 'raw', reason: 'null (no bytes)' };
    const framing = readFraming(bytes, side, headers, this.options);
    if ('reason' in framing) return { status: 'raw', reason: framing.reason };
    return this.decodeFramed(framing);
  }

  /** decodeLoaded for a framing already read. */
  decodeFramed(framing: Framing): DecodedSide {
    const entry = this.loaded.get(loadedKey(framing));
    if (!entry) return { status: 'raw', reason: `schema id ${framing.id}: not loaded` };
    if ('error' in entry) return { status: 'raw', reason: entry.error };
    try {
      const value = entry.compiled.decode(framing.payload);
      return { status: 'decoded', format: entry.compiled.format, schemaId: entry.schemaId, subject: entry.subject, version: entry.version, value };
    } catch (e) {
      return { status: 'raw', reason: `schema id ${entry.schemaId}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /**
   * The payload of a side framed with a loaded schema whose strings are all raw in it (see
   * Compiled.rawStrings) and the names the decoded JSON adds, for a byte pre-check before
   * decoding; null otherwise.
   */
  rawStringPayload(bytes: Uint8Array, side: RecordSide, headers: readonly RecordHeaderBytes[]): { payload: Uint8Array; names: readonly string[] } | null {
    const framing = readFraming(bytes, side, headers, this.options);
    if ('reason' in framing) return null;
    const entry = this.loaded.get(loadedKey(framing));
    const raw = entry && 'compiled' in entry ? entry.compiled.rawStrings : null;
    return raw ? { payload: framing.payload, names: raw.names } : null;
  }

  private async settle(framing: Framing): Promise<Loaded> {
    let schemaId = framing.id;
    try {
      if (framing.idKind === 'global') schemaId = await this.source.contentIdOfGlobalId(framing.id);
      const compiled = await this.compile(schemaId, framing);
      // Which subject and version hold it: for showing only, so a registry that cannot say is no failure.
      const first = await this.source.subjectsOfId?.(schemaId).then(
        (list) => list[0],
        () => undefined,
      );
      return { compiled, schemaId, subject: first?.subject, version: first?.version };
    } catch (e) {
      const what = framing.idKind === 'global' ? `global id ${framing.id}` : `schema id ${schemaId}`;
      const message = e instanceof Error ? e.message : String(e);
      // the registry's own errors name the id already ("… schema id 7: HTTP 404 …")
      return { error: message.includes(what) ? message : `${what}: ${message}` };
    }
  }

  private compile(id: number, framing: Framing): Promise<Compiled> {
    const key = `${id}\u0000${framing.apicurio}`;
    let hit = this.compiled.get(key);
    if (!hit) {
      hit = this.build(id, framing.apicurio);
      void hit.catch(() => this.compiled.delete(key));
      this.compiled.set(key, hit);
    }
    return hit;
  }

  private async build(id: number, apicurio: boolean): Promise<Compiled> {
    const schema: RegisteredSchema = await this.source.schemaById(id);
    const references = await resolveReferences(this.source, schema.references);
    const format = FORMATS[schema.schemaType];
    if (format === 'avro') {
      const names = avroRawStringNames(schema, references);
      return { format, decode: avroDecoder(schema, references), rawStrings: names ? { names } : null };
    }
    // Protobuf enums decode to their names, which the bytes do not hold
    if (format === 'protobuf') return { format, decode: protobufDecoder(schema, references, apicurio), rawStrings: null };
    // JSON Schema payloads are the JSON text itself: its names are in the bytes too
    return { format, decode: jsonSchemaDecoder(schema, references, this.options.validateJson ?? false), rawStrings: JSON_RAW };
  }
}

function loadedKey(framing: Framing): string {
  return `${framing.idKind}:${framing.id}:${framing.apicurio}`;
}
