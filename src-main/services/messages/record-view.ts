import { isUtf8 } from 'node:buffer';
import type { MessageRecord, RecordHeader, SideDecoding, ValueFormat } from '@shared/messages';
import type { SideReader, ReadSide } from '@main/services/schemas/side-reader';
import type { SideBytes } from '@main/services/schemas/record-decoder';
import type { RecordHeaderBytes } from '@main/services/schemas/wire-format';
import { decodeBatches, keyBytes, readHeaders, valueBytes, type RecordCursor } from './record-batch';

/** Text a person can read: valid UTF-8 without control characters other than tab and newlines. */
function isReadableText(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return false;
  }
  return isUtf8(bytes);
}

export function describeValue(bytes: Buffer | null): { value: string | null; valueFormat: ValueFormat } {
  if (bytes === null) return { value: null, valueFormat: 'null' };
  if (!isReadableText(bytes)) return { value: bytes.toString('hex'), valueFormat: 'binary' };
  const text = bytes.toString('utf8');
  // Objects and arrays count as JSON; a bare number or word is shown as the text it is.
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      JSON.parse(text);
      return { value: text, valueFormat: 'json' };
    } catch {
      /* text that only looks like JSON */
    }
  }
  return { value: text, valueFormat: 'text' };
}

function textOrBase64(bytes: Buffer): { text: string; encoding: 'text' | 'base64' } {
  return isReadableText(bytes) ? { text: bytes.toString('utf8'), encoding: 'text' } : { text: bytes.toString('base64'), encoding: 'base64' };
}

/** A record's key and value as read by a SideReader (decoded, raw with the reason, or plain). */
export interface ReadRecord {
  key: ReadSide;
  value: ReadSide;
}

function view(cursor: RecordCursor, start: number, length: number): Buffer | null {
  return start < 0 ? null : cursor.buf.subarray(start, start + length);
}

/** The record's headers as the framing reader wants them (none read when there are none). */
function headerBytes(cursor: RecordCursor): RecordHeaderBytes[] {
  if (cursor.headerCount === 0) return [];
  return readHeaders(cursor).map((header) => ({ key: header.key.toString('utf8'), value: header.value }));
}

export interface ValueRegion {
  start: number;
  length: number;
  plain: boolean;
  /** Text the decoded JSON holds that the bytes do not (Avro's field names). */
  names: readonly string[];
}

/** Where in `cursor.buf` a byte pre-check of the value is sound (see SideReader.byteCheckRegion). */
export function valueRegion(reader: SideReader, cursor: RecordCursor): ValueRegion | null {
  const bytes = view(cursor, cursor.valueStart, cursor.valueLength);
  if (!bytes) return null;
  const region = reader.byteCheckRegion(bytes, 'value', headerBytes(cursor));
  if (!region) return null;
  // the region is the value or its payload, a tail of it
  return { start: cursor.valueStart + cursor.valueLength - region.bytes.byteLength, length: region.bytes.byteLength, plain: region.plain, names: region.names };
}

/** Whether the value under the cursor is read as its plain bytes (no decoding; SideReader.readsPlain). */
export function valueReadsPlain(reader: SideReader, cursor: RecordCursor): boolean {
  return cursor.valueStart >= 0 && reader.readsPlain('value', cursor.valueLength, cursor.buf[cursor.valueStart] ?? 0, cursor.headerCount);
}

export function readRecord(reader: SideReader, cursor: RecordCursor): ReadRecord {
  const headers = headerBytes(cursor);
  return {
    key: reader.read(view(cursor, cursor.keyStart, cursor.keyLength), 'key', headers),
    value: reader.read(view(cursor, cursor.valueStart, cursor.valueLength), 'value', headers),
  };
}

/**
 * Loads, before a fetch's records are read, what the reader needs for them (the schemas their
 * framings name): a quick walk over the batches that keeps only sides that may be framed.
 */
export async function loadFor(reader: SideReader, buffers: readonly Buffer[]): Promise<void> {
  if (!reader.needsLoad) return; // no registry and no subject override: nothing to fetch, no walk
  const sides: SideBytes[] = [];
  // A batch's records mostly share a few ids: one side per 4-byte id is enough (id headers are rare; all kept).
  const seen = new Set<string>();
  const add = (cursor: RecordCursor, side: 'key' | 'value', start: number, length: number, headers: RecordHeaderBytes[]) => {
    if (start < 0 || (headers.length === 0 && (length < 5 || cursor.buf[start] !== 0))) return;
    const id = headers.length ? '' : `${side}:${cursor.buf.readUInt32BE(start + 1)}`;
    if (id && seen.has(id)) return;
    seen.add(id);
    sides.push({ bytes: view(cursor, start, length), side, headers });
  };
  for (const buf of buffers) {
    decodeBatches(buf, {
      record: (cursor) => {
        const headers = cursor.headerCount > 0 ? headerBytes(cursor) : [];
        add(cursor, 'key', cursor.keyStart, cursor.keyLength, headers);
        add(cursor, 'value', cursor.valueStart, cursor.valueLength, headers);
      },
    });
  }
  await reader.load(sides);
}

/** A side's decoding as the contract's plain object: the reader's lazy `json` getter read now (postMessage and JSON.stringify see own fields only). */
function plainDecoding(decoding: SideDecoding): SideDecoding {
  if (decoding.status !== 'decoded') return decoding;
  const { format, schemaId, subject, version, json } = decoding;
  return { status: 'decoded', format, schemaId, subject, version, json };
}

/** Copies the record under the cursor out into what crosses the contract; with `read`, how its sides were decoded. */
export function toMessageRecord(partition: number, cursor: RecordCursor, read?: ReadRecord): MessageRecord {
  const key = keyBytes(cursor);
  const keyView = key === null ? null : textOrBase64(key);
  const headers: RecordHeader[] = readHeaders(cursor).map((header) => {
    const value = header.value === null ? null : textOrBase64(header.value);
    return { key: header.key.toString('utf8'), value: value?.text ?? null, valueEncoding: value?.encoding ?? 'text' };
  });
  return {
    partition,
    offset: cursor.offset,
    timestamp: cursor.timestamp,
    key: keyView?.text ?? null,
    keyEncoding: keyView?.encoding ?? 'text',
    headers,
    ...describeValue(valueBytes(cursor)),
    sizeBytes: cursor.sizeBytes,
    ...(read?.key.decoding ? { keyDecoding: plainDecoding(read.key.decoding) } : {}),
    ...(read?.value.decoding ? { valueDecoding: plainDecoding(read.value.decoding) } : {}),
  };
}

/** Timestamp, then partition, then offset: the order records are listed in. */
export function compareRecords(a: MessageRecord, b: MessageRecord): number {
  return a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset;
}
