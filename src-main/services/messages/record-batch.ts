import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

/**
 * A decoder for Kafka's record-batch format (magic 2) that works on the raw bytes of a fetch
 * response. Client libraries turn every record into objects with BigInts and Buffer slices;
 * on a full-topic search that allocation is most of the cost, so this one walks the bytes and
 * hands each record to the caller as positions in one reused cursor. Only what a filter or
 * the caller needs is ever copied out.
 */

const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME = 0x08;
const CONTROL = 0x20;
/** Bytes of a batch header before its records. */
const HEADER = 61;

/** One record, as positions in `buf`. Reused for every record: copy out what you keep. */
export interface RecordCursor {
  buf: Buffer;
  offset: number;
  timestamp: number;
  /** -1 when the key is null. */
  keyStart: number;
  keyLength: number;
  /** -1 when the value is null (a tombstone). */
  valueStart: number;
  valueLength: number;
  headersStart: number;
  headerCount: number;
  /** The record's size in the batch, as the broker stores it (uncompressed). */
  sizeBytes: number;
}

export interface BatchInfo {
  baseOffset: number;
  /** The offset after the batch's last record: where the next fetch starts. */
  nextOffset: number;
  maxTimestamp: number;
  recordCount: number;
  control: boolean;
}

export interface DecodeHandlers {
  /**
   * Called before a batch's records are decoded. Return false to skip its records (the batch
   * still moves the position on), e.g. when its time range cannot match.
   */
  batch?(info: BatchInfo): boolean;
  record(cursor: RecordCursor): void;
}

let pos = 0;

type Decompress = (data: Buffer) => Buffer;
let codecs: Record<number, { available: boolean; decompressSync: Decompress }> | null = null;

/**
 * gzip comes from zlib; snappy, lz4 and zstd from @platformatic/kafka, loaded on the first such
 * batch only: loading that client takes about a second, which a search of an uncompressed
 * topic (or a thread that only filters) should not pay.
 */
function decompressor(bitmask: number): Decompress | null {
  if (bitmask === 1) return gunzipSync;
  codecs ??= (createRequire(__filename)('@platformatic/kafka') as typeof import('@platformatic/kafka'))
    .compressionsAlgorithmsByBitmask as unknown as typeof codecs;
  const codec = codecs?.[bitmask];
  return codec?.available ? (data) => codec.decompressSync(data) : null;
}

function int64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * 4294967296 + buf.readUInt32BE(at + 4);
}

/** Zig-zag varint (Kafka's signed varint/varlong) as a JS number: exact up to 2^53. */
function varint(buf: Buffer): number {
  let byte = buf[pos++];
  let raw = byte & 0x7f;
  let scale = 128;
  while (byte & 0x80) {
    byte = buf[pos++];
    raw += (byte & 0x7f) * scale;
    scale *= 128;
  }
  // zig-zag: even → n/2, odd → -(n+1)/2; done in floating point so varlongs past 2^31 stay exact.
  return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
}

class UnsupportedRecordsError extends Error {}

/**
 * Decodes every complete batch in `records` (a fetch response may end with a partial batch,
 * which is left for the next fetch). Returns the offset after the last complete batch, or -1
 * when there was none.
 */
export function decodeBatches(records: Buffer, handlers: DecodeHandlers): number {
  const cursor: RecordCursor = {
    buf: records,
    offset: 0,
    timestamp: 0,
    keyStart: -1,
    keyLength: 0,
    valueStart: -1,
    valueLength: 0,
    headersStart: 0,
    headerCount: 0,
    sizeBytes: 0,
  };
  let next = -1;
  let at = 0;
  while (at + 17 <= records.length) {
    const baseOffset = int64(records, at);
    const batchEnd = at + 12 + records.readInt32BE(at + 8);
    if (batchEnd > records.length) break;
    const magic = records[at + 16];
    if (magic !== 2) throw new UnsupportedRecordsError(`record batch with magic ${magic} at offset ${baseOffset}: only the v2 format (Kafka ≥ 0.11) is read`);
    const attributes = records.readInt16BE(at + 21);
    const lastOffsetDelta = records.readInt32BE(at + 23);
    const baseTimestamp = int64(records, at + 27);
    const maxTimestamp = int64(records, at + 35);
    const recordCount = records.readInt32BE(at + 57);
    const info: BatchInfo = { baseOffset, nextOffset: baseOffset + lastOffsetDelta + 1, maxTimestamp, recordCount, control: (attributes & CONTROL) !== 0 };
    next = info.nextOffset;
    if (!info.control && (handlers.batch?.(info) ?? true)) {
      const compression = attributes & COMPRESSION_MASK;
      let body = records;
      let start = at + HEADER;
      if (compression !== 0) {
        const decompress = decompressor(compression);
        if (!decompress)
          throw new UnsupportedRecordsError(`record batch at offset ${baseOffset} uses compression ${compression}, which this build cannot read`);
        body = decompress(records.subarray(start, batchEnd));
        start = 0;
      }
      cursor.buf = body;
      pos = start;
      const logAppendTime = (attributes & LOG_APPEND_TIME) !== 0;
      for (let i = 0; i < recordCount; i++) {
        const length = varint(body);
        const recordStart = pos;
        pos++; // attributes: unused in v2
        const timestampDelta = varint(body);
        cursor.offset = baseOffset + varint(body);
        cursor.timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        cursor.keyLength = varint(body);
        cursor.keyStart = cursor.keyLength < 0 ? -1 : pos;
        if (cursor.keyLength > 0) pos += cursor.keyLength;
        cursor.valueLength = varint(body);
        cursor.valueStart = cursor.valueLength < 0 ? -1 : pos;
        if (cursor.valueLength > 0) pos += cursor.valueLength;
        cursor.headerCount = varint(body);
        cursor.headersStart = pos;
        cursor.sizeBytes = length;
        handlers.record(cursor);
        pos = recordStart + length;
      }
      cursor.buf = records;
    }
    at = batchEnd;
  }
  return next;
}

export interface RawHeader {
  key: Buffer;
  value: Buffer | null;
}

/** The headers of the record under the cursor, copied out (they are rarely needed). */
export function readHeaders(cursor: RecordCursor): RawHeader[] {
  const headers: RawHeader[] = [];
  const saved = pos;
  pos = cursor.headersStart;
  const buf = cursor.buf;
  for (let i = 0; i < cursor.headerCount; i++) {
    const keyLength = varint(buf);
    const key = Buffer.from(buf.subarray(pos, pos + keyLength));
    pos += keyLength;
    const valueLength = varint(buf);
    const value = valueLength < 0 ? null : Buffer.from(buf.subarray(pos, pos + valueLength));
    if (valueLength > 0) pos += valueLength;
    headers.push({ key, value });
  }
  pos = saved;
  return headers;
}

export function keyBytes(cursor: RecordCursor): Buffer | null {
  return cursor.keyStart < 0 ? null : cursor.buf.subarray(cursor.keyStart, cursor.keyStart + cursor.keyLength);
}

export function valueBytes(cursor: RecordCursor): Buffer | null {
  return cursor.valueStart < 0 ? null : cursor.buf.subarray(cursor.valueStart, cursor.valueStart + cursor.valueLength);
}
