import type { z } from 'zod';
import { invalidField } from '@shared/errors';
import type { SearchFilter, TextMatch } from '@shared/messages';
import { evaluate, parseExpression, requiredValueStrings, rootsOf, type ExpressionRecord } from './expression';
import { readHeaders, type BatchInfo, type RecordCursor } from './record-batch';
import type { ValueRegion } from './record-view';
import type { ReadRecord } from './record-view';

/** The record's sides as decoded (registry or override), when the search decodes. */
export type RecordReading = (partition: number, cursor: RecordCursor) => ReadRecord;

/** How a decoding search reads records, and where in a value a byte pre-check is sound. */
export interface RecordDecoding {
  read: RecordReading;
  /**
   * The part of the value (in `cursor.buf`) a string the filter asks for must be in as UTF-8:
   * `plain` for a value read as its bytes, else a schema's payload that keeps its strings raw;
   * null when no such check is sound (the value is decoded from something else).
   */
  valueRegion(cursor: RecordCursor): ValueRegion | null;
  /**
   * Whether the value is read as its plain bytes (not decoded): then it is matched on its bytes
   * and its region is the whole value. Cheap: a scan asks it of every record before anything else.
   */
  plainValue: (cursor: RecordCursor) => boolean;
}

/**
 * Compiles a search filter into a test on the raw record under a cursor. The cheap checks run
 * first and on bytes (time, then byte-level "contains"), so most records of a scan are
 * rejected without a string, a regex or a JSON parse ever being made.
 */

export interface CompiledFilter {
  /** False when no record of the batch can match (it is then counted, not decoded). */
  batch(info: BatchInfo): boolean;
  record(partition: number, cursor: RecordCursor): boolean;
}

type FieldTest = (buf: Buffer, start: number, length: number) => boolean;

/**
 * Byte search that walks each fetched buffer once: the next occurrence is remembered, so a
 * run of records without the needle costs one indexOf over all of them, not one per record.
 */
function bytesContain(needle: Buffer): FieldTest {
  let lastBuf: Buffer | null = null;
  let searchedFrom = 0;
  let hit = -1;
  return (buf, start, length) => {
    if (length < needle.length) return false;
    if (buf !== lastBuf || start < searchedFrom || (hit !== -1 && hit < start)) {
      lastBuf = buf;
      searchedFrom = start;
      hit = buf.indexOf(needle, start);
    }
    return hit !== -1 && hit + needle.length <= start + length;
  };
}

function textTest(match: z.output<typeof TextMatch>): (text: string) => boolean {
  if (match.mode === 'regex') {
    let regex: RegExp;
    try {
      regex = new RegExp(match.pattern, match.ignoreCase ? 'i' : '');
    } catch (error) {
      throw invalidField(['pattern'], `is not a valid regular expression: ${(error as Error).message}`);
    }
    return (text) => regex.test(text);
  }
  const pattern = match.ignoreCase ? match.pattern.toLowerCase() : match.pattern;
  return match.ignoreCase ? (text) => text.toLowerCase().includes(pattern) : (text) => text.includes(pattern);
}

function fieldTest(match: z.output<typeof TextMatch>): FieldTest {
  if (match.mode === 'contains' && !match.ignoreCase) return bytesContain(Buffer.from(match.pattern, 'utf8'));
  const test = textTest(match);
  return (buf, start, length) => test(buf.toString('utf8', start, start + length));
}

function headerMap(cursor: RecordCursor): Record<string, string | null> {
  // No prototype: a header named "__proto__" or "constructor" is just a header.
  const headers = Object.create(null) as Record<string, string | null>;
  for (const header of readHeaders(cursor)) headers[header.key.toString('utf8')] = header.value?.toString('utf8') ?? null;
  return headers;
}

function parseValue(buf: Buffer, start: number, length: number): unknown {
  const text = buf.toString('utf8', start, start + length);
  const first = text.trimStart()[0];
  if (first === '{' || first === '[' || first === '"') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

const BACKSLASH = 0x5c;

/** Whether a field holds a backslash: the buffer's next one remembered as in bytesContain, no view made per record. */
function backslashTest(): FieldTest {
  return bytesContain(Buffer.of(BACKSLASH));
}

type Test = (partition: number, cursor: RecordCursor) => boolean;

/** contains/regex on a side: on its decoded JSON text when it was decoded, else on its bytes. */
function sideTest(match: z.output<typeof TextMatch>, side: 'key' | 'value', decoding: RecordDecoding | undefined): Test {
  const bytes = fieldTest(match);
  const text = textTest(match);
  const start = side === 'key' ? 'keyStart' : 'valueStart';
  const length = side === 'key' ? 'keyLength' : 'valueLength';
  // a value read as its bytes is matched on them without being read (most records of a JSON topic)
  const plain = side === 'value' ? decoding?.plainValue : undefined;
  const read = decoding?.read;
  return (partition, cursor) => {
    if (cursor[start] < 0) return false;
    if (plain?.(cursor)) return bytes(cursor.buf, cursor[start], cursor[length]);
    const decoding = read?.(partition, cursor)[side].decoding;
    if (decoding?.status === 'decoded') return text(decoding.json);
    return bytes(cursor.buf, cursor[start], cursor[length]);
  };
}

/** Text of a decoded value's JSON that is not its strings' bytes: numbers, literals, a float's words. */
const NON_STRING_TEXT = ['true', 'false', 'null', 'NaN', '-Infinity'];

/**
 * A case-sensitive "contains" on a decoded value, checked on the payload's bytes first where that
 * is sound, so most records of a scan are rejected without being decoded. The schema keeps every
 * string raw in the payload (Avro without enums, bytes or fixed; JSON Schema), and the needle is
 * cut at JSON's punctuation (`"tag":"needle"` → `tag`, `needle`): a piece that can only lie inside
 * a string of the JSON text — not a number or literal, not part of a field name (field names are in
 * the text, not in Avro's bytes) — must be in the payload. Records it lets through are still
 * tested on the decoded JSON text; null when no piece qualifies.
 */
function decodedContainsPreCheck(match: z.output<typeof TextMatch>, decoding: RecordDecoding): Test | null {
  // a backslash or control character is spelled differently in JSON text than in the bytes
  // eslint-disable-next-line no-control-regex -- those are what is looked for
  if (match.mode !== 'contains' || match.ignoreCase || /[\\\u0000-\u001f\u007f\ufffd]/.test(match.pattern)) return null;
  const pieces = match.pattern
    .split(/["{}[\]:,]/)
    .filter((piece) => piece.length > 0 && !/^[-+.0-9eE]+$/.test(piece) && !NON_STRING_TEXT.some((word) => word.includes(piece)));
  if (pieces.length === 0) return null;
  const required = new WeakMap<readonly string[], ((buf: Buffer, start: number, length: number) => boolean)[]>();
  const requiredFor = (names: readonly string[]) => {
    let tests = required.get(names);
    if (!tests)
      required.set(
        names,
        (tests = pieces.filter((piece) => !names.some((name) => name.includes(piece))).map((piece) => bytesContain(Buffer.from(piece, 'utf8')))),
      );
    return tests;
  };
  const hasBackslash = backslashTest();
  return (_, cursor) => {
    if (decoding.plainValue(cursor)) return true; // read as its bytes: the side test decides
    const region = decoding.valueRegion(cursor);
    if (!region || region.plain) return true; // not decoded from a raw-string payload: the side test decides
    const tests = requiredFor(region.names);
    const { start, length } = region;
    // JSON Schema payloads may spell text with escapes: then only the decoded text can tell
    if (tests.length === 0 || hasBackslash(cursor.buf, start, length)) return true;
    return tests.every((test) => test(cursor.buf, start, length));
  };
}

/**
 * `read`: how the search decodes sides (registry, override). Text conditions and expressions then
 * see a decoded side's value; a side that is not decoded is matched on its bytes as before.
 */
export function compileFilter(filter: z.output<typeof SearchFilter>, decoding?: RecordDecoding): CompiledFilter {
  const tests: Test[] = [];
  const { fromMs, toMs } = filter;
  if (fromMs !== undefined) tests.push((_, cursor) => cursor.timestamp >= fromMs);
  if (toMs !== undefined) tests.push((_, cursor) => cursor.timestamp < toMs);
  if (filter.key) tests.push(sideTest(filter.key, 'key', decoding));
  if (filter.value) {
    const preCheck = decoding ? decodedContainsPreCheck(filter.value, decoding) : null;
    if (preCheck) tests.push(preCheck);
    tests.push(sideTest(filter.value, 'value', decoding));
  }
  if (filter.headers) {
    const test = textTest(filter.headers.match);
    const name = filter.headers.name;
    tests.push((_, cursor) => {
      if (cursor.headerCount === 0) return false;
      return readHeaders(cursor).some((header) => {
        const value = header.value?.toString('utf8') ?? '';
        return name === undefined ? test(`${header.key.toString('utf8')}=${value}`) : header.key.toString('utf8') === name && test(value);
      });
    });
  }
  if (filter.expression !== undefined) tests.push(expressionTest(filter.expression, decoding));
  return {
    batch: (info) => fromMs === undefined || info.maxTimestamp >= fromMs,
    record: (partition, cursor) => {
      for (const test of tests) if (!test(partition, cursor)) return false;
      return true;
    },
  };
}

/** Text a decoder may make from something else than the same bytes: a long past 2^53, a float's NaN. */
const NUMERIC_TEXT = /^(-?\d+|NaN|-?Infinity)$/;

function expressionTest(expression: string, decoding: RecordDecoding | undefined): Test {
  const tree = parseExpression(expression);
  const roots = rootsOf(tree);
  // Byte pre-check: a value equal to "Kyrre" somewhere must hold the bytes Kyrre, unless the
  // JSON spells it with escapes, in which case the value has a backslash and is parsed anyway.
  // A decoded value only where its schema keeps strings raw (RecordDecoding.valueRegion).
  const strings = requiredValueStrings(tree);
  const required = strings.map((text) => bytesContain(Buffer.from(text, 'utf8')));
  const requiredRaw = strings.filter((text) => !NUMERIC_TEXT.test(text)).map((text) => bytesContain(Buffer.from(text, 'utf8')));
  const read = decoding?.read;
  const hasBackslash = backslashTest();
  return (partition, cursor) => {
    const { buf, valueStart, valueLength } = cursor;
    if (required.length && valueStart >= 0) {
      const region = !decoding || decoding.plainValue(cursor) ? { start: valueStart, length: valueLength, plain: true } : decoding.valueRegion(cursor);
      const tests = region?.plain ? required : requiredRaw;
      if (region && tests.length && !hasBackslash(buf, region.start, region.length)) {
        if (!tests.every((test) => test(buf, region.start, region.length))) return false;
      }
    }
    const sides = read?.(partition, cursor);
    const value = sides?.value.decoding?.status === 'decoded' ? sides.value : null;
    const key = sides?.key.decoding?.status === 'decoded' ? sides.key : null;
    const record: ExpressionRecord = {
      value: !roots.has('value') || valueStart < 0 ? null : value ? value.value : parseValue(buf, valueStart, valueLength),
      key: !roots.has('key') || cursor.keyStart < 0 ? null : key ? key.value : buf.toString('utf8', cursor.keyStart, cursor.keyStart + cursor.keyLength),
      headers: roots.has('headers') ? headerMap(cursor) : {},
      partition,
      offset: cursor.offset,
      timestamp: cursor.timestamp,
    };
    return evaluate(tree, record);
  };
}
