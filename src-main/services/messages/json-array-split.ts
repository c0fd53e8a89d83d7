import { isUtf8 } from 'node:buffer';

/**
 * The values of a JSON array body as byte ranges of the body, checked by a scanner instead of
 * JSON.parse + JSON.stringify. The ingest path writes each value's bytes as they came: parsing a
 * 4,000-record body into objects and serialising every record again was most of the main thread's
 * time per record (bench/ingest, `--cpu-prof` of serve), and the bytes as sent also keep what a
 * parse loses (integers beyond 2^53, a number's spelling). Whitespace between tokens is dropped,
 * as JSON.stringify dropped it.
 *
 * Strict: anything that is not well-formed UTF-8 JSON (RFC 8259) gives null, and the caller then
 * takes the parsing path, whose messages say what is wrong. Never accepts what JSON.parse refuses.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
/** Nesting deeper than this gives null (the parsing path copes or explains), never a stack overflow. */
const MAX_DEPTH = 512;

class NotJson extends Error {}
const notJson = new NotJson();

let buf: Buffer = Buffer.alloc(0);
let pos = 0;
/** Whether the value being scanned has whitespace between its tokens (it is then copied without). */
let spaced = false;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(): void {
  while (pos < buf.length && isSpace(buf[pos])) pos++;
}

/** Whitespace between two tokens of a value: noted, so the value is copied without it. */
function skipInnerSpace(): void {
  const from = pos;
  skipSpace();
  if (pos !== from) spaced = true;
}

function expect(byte: number): void {
  if (buf[pos] !== byte) throw notJson;
  pos++;
}

function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66);
}

/** The hot loop of a body (most bytes are inside strings): locals, not the module's `buf`/`pos`, which V8 reads slower. */
function scanString(): void {
  const bytes = buf;
  let at = pos + 1; // after the opening quote
  for (;;) {
    const byte = bytes[at++];
    if (byte === QUOTE) break;
    if (byte === undefined || byte < 0x20) throw notJson;
    if (byte !== BACKSLASH) continue;
    const escaped = bytes[at++];
    if (escaped === 0x75) {
      for (let i = 0; i < 4; i++) if (!isHex(bytes[at++])) throw notJson;
    } else if (!'"\\/bfnrt'.includes(String.fromCharCode(escaped ?? 0))) throw notJson;
  }
  pos = at;
}

function digits(): number {
  const from = pos;
  while (buf[pos] >= 0x30 && buf[pos] <= 0x39) pos++;
  return pos - from;
}

/** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
function scanNumber(): void {
  if (buf[pos] === 0x2d) pos++;
  if (buf[pos] === 0x30) pos++;
  else if (digits() === 0) throw notJson;
  if (buf[pos] === 0x2e) {
    pos++;
    if (digits() === 0) throw notJson;
  }
  if ((buf[pos] | 0x20) === 0x65) {
    pos++;
    if (buf[pos] === 0x2b || buf[pos] === 0x2d) pos++;
    if (digits() === 0) throw notJson;
  }
}

function scanWord(word: string): void {
  for (let i = 0; i < word.length; i++) expect(word.charCodeAt(i));
}

function scanMembers(close: number, depth: number, member: (depth: number) => void): void {
  pos++; // the opening bracket
  skipInnerSpace();
  if (buf[pos] === close) {
    pos++;
    return;
  }
  for (;;) {
    member(depth);
    skipInnerSpace();
    if (buf[pos] === close) {
      pos++;
      return;
    }
    expect(COMMA);
    skipInnerSpace();
  }
}

function objectMember(depth: number): void {
  if (buf[pos] !== QUOTE) throw notJson;
  scanString();
  skipInnerSpace();
  expect(COLON);
  skipInnerSpace();
  scanValue(depth);
}

function scanValue(depth: number): void {
  if (depth > MAX_DEPTH) throw notJson;
  const byte = buf[pos];
  if (byte === QUOTE) scanString();
  else if (byte === OPEN_OBJECT) scanMembers(CLOSE_OBJECT, depth + 1, objectMember);
  else if (byte === OPEN_ARRAY) scanMembers(CLOSE_ARRAY, depth + 1, scanValue);
  else if (byte === 0x74) scanWord('true');
  else if (byte === 0x66) scanWord('false');
  else if (byte === 0x6e) scanWord('null');
  else scanNumber();
}

/** A value's bytes without the whitespace between its tokens (strings kept as they are). */
function compacted(value: Buffer): Buffer {
  const out = Buffer.allocUnsafe(value.length);
  let length = 0;
  let inString = false;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i];
    if (inString) {
      out[length++] = byte;
      if (byte === BACKSLASH) out[length++] = value[++i];
      else if (byte === QUOTE) inString = false;
    } else if (!isSpace(byte)) {
      out[length++] = byte;
      if (byte === QUOTE) inString = true;
    }
  }
  return out.subarray(0, length);
}

function scanArray(): Buffer[] {
  const values: Buffer[] = [];
  skipSpace();
  if (buf[pos] !== OPEN_ARRAY) throw notJson;
  pos++;
  skipSpace();
  if (buf[pos] === CLOSE_ARRAY) pos++;
  else
    for (;;) {
      const from = pos;
      spaced = false;
      scanValue(1);
      values.push(spaced ? compacted(buf.subarray(from, pos)) : buf.subarray(from, pos));
      skipSpace();
      if (buf[pos] === CLOSE_ARRAY) {
        pos++;
        break;
      }
      expect(COMMA);
      skipSpace();
    }
  skipSpace();
  if (pos !== buf.length) throw notJson;
  return values;
}

/** The array's values (views of `body`, or compacted copies), or null when `body` is not a well-formed JSON array. */
export function jsonArrayValues(body: Buffer): Buffer[] | null {
  if (!isUtf8(body)) return null;
  buf = body;
  pos = 0;
  try {
    return scanArray();
  } catch (error) {
    if (error instanceof NotJson) return null;
    throw error;
  } finally {
    buf = Buffer.alloc(0);
  }
}
