// The ingest path's JSON array scanner: it must accept exactly what JSON.parse accepts as an array
// (else invalid JSON would be written, or a good body sent down the slow path) and hand back each
// value's bytes, compact, meaning what JSON.parse would have read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayValues } from '@main/services/messages/json-array-split';

const split = (text: string) => jsonArrayValues(Buffer.from(text, 'utf8'))?.map((value) => value.toString('utf8')) ?? null;

function parsesAsArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

describe('jsonArrayValues', () => {
  it('hands back each value as it was sent, whitespace between tokens dropped', () => {
    expect(split('[{"id": 1}, {"id":2}]')).toEqual(['{"id":1}', '{"id":2}']);
    expect(split(' [ 1 , "a b" , true,false,null , [ ] , { } ]\n')).toEqual(['1', '"a b"', 'true', 'false', 'null', '[]', '{}']);
    expect(split('[]')).toEqual([]);
    // what a parse would lose stays: the integer past 2^53, the number's spelling, the escapes
    expect(split('[12345678901234567890, 1.50, 1E+2, "\\u00e6\\n\\"x\\\\"]')).toEqual(['12345678901234567890', '1.50', '1E+2', '"\\u00e6\\n\\"x\\\\"']);
    expect(split('[{"s": "a \\" b  c", "t" : [1, {"u":"\\\\"}]}]')).toEqual(['{"s":"a \\" b  c","t":[1,{"u":"\\\\"}]}']);
    expect(split('["æøå €"]')).toEqual(['"æøå €"']);
  });

  it('refuses what JSON.parse refuses, and what is not an array', () => {
    const refused = ['', ' ', '{"a":1}', '1', '"x"', '[', ']', '[1,]', '[,1]', '[1 2]', '[01]', '[1.]', '[.5]', '[-]', '[1e]', '[+1]'];
    refused.push('[tru]', '[nul]', '["a]', '["\\x"]', '["\\u12g4"]', '["tab\there"]', '[{"a"}]', '[{"a":}]', '[{1:2}]', '[{"a":1,}]');
    refused.push('[1]x', '[1][2]', '\uFEFF[1]', '[NaN]', '[Infinity]', "['a']", '[1]\u00a0', '[{"a":1 "b":2}]');
    for (const text of refused) expect(split(text), text).toBeNull();
    expect(jsonArrayValues(Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toBeNull(); // not UTF-8
    expect(split('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull(); // no stack overflow: the parsing path explains
  });

  it('agrees with JSON.parse on generated arrays, spaced or not', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), (values, spaced) => {
        const text = JSON.stringify(values, null, spaced ? 2 : undefined);
        const split = jsonArrayValues(Buffer.from(text, 'utf8'));
        expect(split?.map((value) => JSON.parse(value.toString('utf8')) as unknown)).toEqual(JSON.parse(text));
        expect(split?.map((value) => value.toString('utf8'))).toEqual((JSON.parse(text) as unknown[]).map((value) => JSON.stringify(value)));
      }),
      { numRuns: 100 },
    );
  });

  it('never accepts a broken body: each accepted one parses as an array', () => {
    const pieces = fc.constantFrom('[', ']', '{', '}', ',', ':', '"', '\\', 'a', '1', '-', '.', 'e', ' ', 'true', 'null', '"k"', '\\u00', '0');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        if (jsonArrayValues(Buffer.from(text, 'utf8'))) expect(parsesAsArray(text), text).toBe(true);
        else if (parsesAsArray(text)) expect.fail(`refused a well-formed array: ${text}`);
      }),
      { numRuns: 5000 },
    );
  });
});
