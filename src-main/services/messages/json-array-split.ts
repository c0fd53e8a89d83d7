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

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Where a string's closing quote is passed (`at` just after its opening quote), or -1 when it is not well-formed. */
function stringEnd(bytes: Buffer, at: number): number {
  for (;;) {
    const byte = bytes[at++];
    if (byte === QUOTE) return at;
    if (byte === undefined || byte < 0x20) return -1;
    if (byte !== BACKSLASH) continue;
    const escaped = bytes[at++];
    if (escaped === 0x75) {
      for (let i = 0; i < 4; i++) if (!isHex(bytes[at++])) return -1;
    } else if (!ESCAPABLE.has(escaped)) return -1;
  }
}

const ESCAPABLE = new Set([...'"\\/bfnrt'].map((char) => char.charCodeAt(0)));

function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66);
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** Where a number starting at `at` ends (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?), or -1. */
function numberEnd(bytes: Buffer, at: number): number {
  if (bytes[at] === 0x2d) at++;
  if (bytes[at] === 0x30) at++;
  else if (isDigit(bytes[at])) while (isDigit(bytes[++at]));
  else return -1;
  if (bytes[at] === 0x2e) {
    if (!isDigit(bytes[++at])) return -1;
    while (isDigit(bytes[++at]));
  }
  if ((bytes[at] | 0x20) === 0x65) {
    at++;
    if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
    if (!isDigit(bytes[at])) return -1;
    while (isDigit(bytes[++at]));
  }
  return at;
}

/** Where the word (`true`, `false`, `null`) at `at` ends, or -1 when the bytes there are not `word`. */
function wordEnd(bytes: Buffer, at: number, word: Uint8Array): number {
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return -1;
  return at + word.length;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/** The closing brackets awaited in the value being scanned, innermost last (one array for all: the scan is synchronous). */
const awaited = new Uint8Array(MAX_DEPTH);
/** Whether the value last scanned had whitespace between its tokens (it is then copied without). */
let spaced = false;

/**
 * Where the value starting at `at` ends, or -1 when it is not well-formed JSON. One loop with the open
 * brackets on a stack, not a function per token: the records of a body are a few small objects each, and
 * calls per member were most of the scan's time (bench/ingest, `--cpu-prof` of serve).
 */
function valueEnd(bytes: Buffer, at: number): number {
  let depth = 0;
  spaced = false;
  for (;;) {
    // a value is wanted at `at`
    const byte = bytes[at];
    if (byte === QUOTE) at = stringEnd(bytes, at + 1);
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (depth === MAX_DEPTH) return -1;
      const closing = byte === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      awaited[depth++] = closing;
      at = afterSpace(bytes, at + 1);
      if (bytes[at] === closing) {
        depth--; // empty: `{}` or `[]`
        at++;
      } else if (closing === CLOSE_ARRAY) continue;
      else {
        at = afterKey(bytes, at);
        if (at < 0) return -1;
        continue;
      }
    } else if (byte === 0x74) at = wordEnd(bytes, at, TRUE);
    else if (byte === 0x66) at = wordEnd(bytes, at, FALSE);
    else if (byte === 0x6e) at = wordEnd(bytes, at, NULL);
    else at = numberEnd(bytes, at);
    if (at < 0) return -1;
    // after a value: close what it ends, or go on to the next member
    for (;;) {
      if (depth === 0) return at;
      at = afterSpace(bytes, at);
      const next = bytes[at];
      const closing = awaited[depth - 1];
      if (next === closing) {
        depth--;
        at++;
        continue;
      }
      if (next !== COMMA) return -1;
      at = afterSpace(bytes, at + 1);
      if (closing === CLOSE_OBJECT) at = afterKey(bytes, at);
      if (at < 0) return -1;
      break;
    }
  }
}

/** Past the whitespace at `at`, noting it (the value is then copied without it). */
function afterSpace(bytes: Buffer, at: number): number {
  if (!isSpace(bytes[at])) return at;
  spaced = true;
  while (isSpace(bytes[++at]));
  return at;
}

/** Past an object member's `"key" :` and the whitespace after it, or -1. */
function afterKey(bytes: Buffer, at: number): number {
  if (bytes[at] !== QUOTE) return -1;
  at = stringEnd(bytes, at + 1);
  if (at < 0) return -1;
  at = afterSpace(bytes, at);
  if (bytes[at] !== COLON) return -1;
  return afterSpace(bytes, at + 1);
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

/** Past plain whitespace (between the array's values, where it is not part of any value). */
function skipSpace(bytes: Buffer, at: number): number {
  while (isSpace(bytes[at])) at++;
  return at;
}

/** The array's values (views of `body`, or compacted copies), or null when `body` is not a well-formed JSON array. */
export function jsonArrayValues(body: Buffer): Buffer[] | null {
  if (!isUtf8(body)) return null;
  const values: Buffer[] = [];
  let at = skipSpace(body, 0);
  if (body[at] !== OPEN_ARRAY) return null;
  at = skipSpace(body, at + 1);
  if (body[at] === CLOSE_ARRAY) at++;
  else
    for (;;) {
      const from = at;
      at = valueEnd(body, at);
      if (at < 0) return null;
      values.push(spaced ? compacted(body.subarray(from, at)) : body.subarray(from, at));
      at = skipSpace(body, at);
      if (body[at] === CLOSE_ARRAY) {
        at++;
        break;
      }
      if (body[at] !== COMMA) return null;
      at = skipSpace(body, at + 1);
    }
  return skipSpace(body, at) === body.length ? values : null;
}
