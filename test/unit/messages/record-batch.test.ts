import { createRecordsBatch, Reader, readRecordsBatches, type MessageRecord as PlatformaticRecord } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '@main/services/messages/filter';
import { decodeBatches, keyBytes, readHeaders, valueBytes, type BatchInfo } from '@main/services/messages/record-batch';
import { describeValue, toMessageRecord } from '@main/services/messages/record-view';

/** Record batches written by another implementation (@platformatic/kafka's producer encoder). */
function batch(baseOffset: number, records: PlatformaticRecord[], compression: 'none' | 'gzip' | 'lz4' | 'snappy' | 'zstd' = 'none'): Buffer {
  const bytes = Buffer.from(createRecordsBatch(records, { compression }).buffer);
  bytes.writeBigInt64BE(BigInt(baseOffset), 0);
  return bytes;
}

const T0 = 1_700_000_000_000n;
const sample = (i: number): PlatformaticRecord => ({
  topic: 't',
  key: i % 4 === 3 ? undefined : Buffer.from(`key-${i}`),
  value: i % 5 === 4 ? (undefined as unknown as Buffer) : Buffer.from(JSON.stringify({ i, garage: i % 2 ? 'Kyrre' : 'Nordre', free: i })),
  headers: new Map([[Buffer.from('n'), Buffer.from(String(i))]]),
  timestamp: T0 + BigInt(i * 1000 + (i === 7 ? 2 ** 33 : 0)),
});

function decodeAll(bytes: Buffer) {
  const seen: { offset: number; timestamp: number; key: string | null; value: string | null; headers: [string, string | null][] }[] = [];
  const batches: BatchInfo[] = [];
  const next = decodeBatches(bytes, {
    batch: (info) => {
      batches.push(info);
      return true;
    },
    record: (cursor) =>
      seen.push({
        offset: cursor.offset,
        timestamp: cursor.timestamp,
        key: keyBytes(cursor)?.toString() ?? null,
        value: valueBytes(cursor)?.toString() ?? null,
        headers: readHeaders(cursor).map((header) => [header.key.toString(), header.value?.toString() ?? null]),
      }),
  });
  return { seen, batches, next };
}

describe('record batch decoding', () => {
  it.each(['none', 'gzip', 'lz4', 'snappy'] as const)('decodes what another encoder wrote (%s), exactly as its own decoder reads it', (compression) => {
    const bytes = Buffer.concat([batch(100, [0, 1, 2, 3, 4].map(sample), compression), batch(105, [5, 6, 7, 8, 9].map(sample), compression)]);
    const { seen, batches, next } = decodeAll(bytes);
    const reference = readRecordsBatches(Reader.from(bytes)).flatMap((b) =>
      b.records.map((record) => ({
        offset: Number(b.firstOffset) + record.offsetDelta,
        timestamp: Number(b.firstTimestamp + record.timestampDelta),
        key: record.key?.toString() ?? null,
        value: record.value?.toString() ?? null,
        headers: record.headers.map(([key, value]) => [key?.toString(), value?.toString() ?? null]),
      })),
    );
    expect(seen).toEqual(reference);
    expect(seen.map((record) => record.offset)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(seen[7].timestamp).toBeGreaterThan(Number(T0) + 2 ** 33);
    expect(seen[3].key).toBeNull();
    expect(seen[4].value).toBeNull();
    expect(batches.map((info) => [info.baseOffset, info.nextOffset, info.recordCount])).toEqual([
      [100, 105, 5],
      [105, 110, 5],
    ]);
    expect(next).toBe(110);
  });

  it('leaves a partial batch at the end for the next fetch', () => {
    const whole = batch(0, [0, 1].map(sample));
    const partial = batch(2, [2, 3].map(sample)).subarray(0, 30);
    const { seen, next } = decodeAll(Buffer.concat([whole, partial]));
    expect(seen).toHaveLength(2);
    expect(next).toBe(2);
    expect(decodeAll(partial).next).toBe(-1);
  });

  it('skips a batch when asked, but still moves past it', () => {
    const bytes = Buffer.concat([batch(0, [0, 1].map(sample)), batch(2, [2, 3].map(sample))]);
    const offsets: number[] = [];
    const next = decodeBatches(bytes, { batch: (info) => info.baseOffset !== 0, record: (cursor) => void offsets.push(cursor.offset) });
    expect(offsets).toEqual([2, 3]);
    expect(next).toBe(4);
  });

  it('turns records into inert text: JSON, text, hex for bytes, base64 for binary keys', () => {
    expect(describeValue(Buffer.from('{"a":1}'))).toEqual({ value: '{"a":1}', valueFormat: 'json' });
    expect(describeValue(Buffer.from('<script>alert(1)</script>'))).toEqual({ value: '<script>alert(1)</script>', valueFormat: 'text' });
    expect(describeValue(Buffer.from('{not json'))).toEqual({ value: '{not json', valueFormat: 'text' });
    expect(describeValue(Buffer.from([0xff, 0x00, 0x10]))).toEqual({ value: 'ff0010', valueFormat: 'binary' });
    expect(describeValue(Buffer.from('ok\u0007bell'))).toMatchObject({ valueFormat: 'binary' });
    expect(describeValue(Buffer.from('ünïcode ✓\n'))).toEqual({ value: 'ünïcode ✓\n', valueFormat: 'text' });
    expect(describeValue(null)).toEqual({ value: null, valueFormat: 'null' });
    const bytes = batch(0, [
      { topic: 't', key: Buffer.from([0, 159, 146, 150]), value: Buffer.from('v'), headers: new Map([[Buffer.from('h'), Buffer.from([0xc3, 0x28])]]) },
    ]);
    const records: ReturnType<typeof toMessageRecord>[] = [];
    decodeBatches(bytes, { record: (cursor) => void records.push(toMessageRecord(3, cursor)) });
    expect(records[0]).toMatchObject({
      partition: 3,
      offset: 0,
      key: 'AJ+Slg==',
      keyEncoding: 'base64',
      headers: [{ key: 'h', value: 'wyg=', valueEncoding: 'base64' }],
      value: 'v',
      valueFormat: 'text',
    });
  });
});

describe('compiled filters on raw records', () => {
  const records = Array.from({ length: 40 }, (_, i) => sample(i));
  const bytes = Buffer.concat([batch(0, records.slice(0, 13)), batch(13, records.slice(13, 27), 'gzip'), batch(27, records.slice(27))]);

  function matching(filter: Parameters<typeof compileFilter>[0]): number[] {
    const compiled = compileFilter(filter);
    const offsets: number[] = [];
    decodeBatches(bytes, { batch: (info) => compiled.batch(info), record: (cursor) => void (compiled.record(0, cursor) && offsets.push(cursor.offset)) });
    return offsets;
  }
  const expected = (test: (i: number) => boolean) => Array.from({ length: 40 }, (_, i) => i).filter(test);
  const hasValue = (i: number) => i % 5 !== 4;

  it('contains on bytes matches exactly the records holding the text, across batches and compression', () => {
    expect(matching({ value: { mode: 'contains', pattern: '"Kyrre"', ignoreCase: false } })).toEqual(expected((i) => hasValue(i) && i % 2 === 1));
    expect(matching({ value: { mode: 'contains', pattern: '"free":1', ignoreCase: false } })).toEqual(
      expected((i) => hasValue(i) && String(i).startsWith('1')),
    );
    expect(matching({ key: { mode: 'contains', pattern: 'key-2', ignoreCase: false } })).toEqual(expected((i) => i % 4 !== 3 && String(i).startsWith('2')));
    expect(matching({ value: { mode: 'contains', pattern: 'kyrre', ignoreCase: true } })).toEqual(expected((i) => hasValue(i) && i % 2 === 1));
  });

  it('regex, headers, time bounds and expressions, all ANDed', () => {
    expect(matching({ key: { mode: 'regex', pattern: '^key-3\\d$', ignoreCase: false } })).toEqual(expected((i) => i >= 30 && i % 4 !== 3));
    expect(matching({ headers: { name: 'n', match: { mode: 'regex', pattern: '^1[0-2]$', ignoreCase: false } } })).toEqual([10, 11, 12]);
    expect(matching({ headers: { match: { mode: 'contains', pattern: 'n=39', ignoreCase: false } } })).toEqual([39]);
    expect(matching({ fromMs: Number(T0) + 35_000 })).toEqual([7, 35, 36, 37, 38, 39]);
    expect(matching({ fromMs: Number(T0) + 5000, toMs: Number(T0) + 9000 })).toEqual([5, 6, 8]);
    expect(matching({ expression: 'value.garage == "Kyrre" && value.free < 10' })).toEqual([1, 3, 5, 7]);
    expect(matching({ expression: 'value.garage == "Kyrre" && value.free < 10', key: { mode: 'contains', pattern: 'key', ignoreCase: false } })).toEqual([
      1, 5,
    ]);
    expect(matching({ expression: 'value == null' })).toEqual(expected((i) => !hasValue(i)));
  });

  it('an expression finds a value whose JSON spells the string with escapes', () => {
    const escaped = batch(0, [
      { topic: 't', value: Buffer.from('{"garage":"\\u004byrre"}') },
      { topic: 't', value: Buffer.from('{"garage":"Kyrre"}') },
      { topic: 't', value: Buffer.from('{"garage":"Nordre"}') },
    ]);
    const compiled = compileFilter({ expression: 'value.garage == "Kyrre"' });
    const offsets: number[] = [];
    decodeBatches(escaped, { record: (cursor) => void (compiled.record(0, cursor) && offsets.push(cursor.offset)) });
    expect(offsets).toEqual([0, 1]);
  });

  it('refuses a bad regex with a clear message', () => {
    expect(() => compileFilter({ value: { mode: 'regex', pattern: '(', ignoreCase: false } })).toThrow(/not a valid regular expression/);
  });
});
