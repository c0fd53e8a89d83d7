import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '@shared/messages';
import { formatLabel, prettyDecoded, shownText, storedHex, summary } from './record-decoding';

const plain: MessageRecord = {
  partition: 0,
  offset: 1,
  timestamp: 0,
  key: 'k',
  keyEncoding: 'text',
  headers: [],
  value: '{"a":1}',
  valueFormat: 'json',
  sizeBytes: 10,
};
const avro: MessageRecord = {
  ...plain,
  value: '00000000070a4b79',
  valueFormat: 'binary',
  valueDecoding: { status: 'decoded', format: 'avro', schemaId: 7, subject: 'garages-value', version: 2, json: '{"garage":"Kyrre"}' },
};
const unknown: MessageRecord = { ...plain, value: '0000001234', valueFormat: 'binary', valueDecoding: { status: 'raw', reason: 'schema id 4660: not found' } };

describe('record decoding as shown', () => {
  it('labels the format: decoded, raw with the reason, or the bytes kind', () => {
    expect(formatLabel(avro)).toEqual({ text: 'avro', title: 'avro · schema id 7 · garages-value v2', raw: false });
    expect(formatLabel(unknown)).toEqual({ text: 'raw', title: 'Not decoded: schema id 4660: not found', raw: true });
    expect(formatLabel(plain).text).toBe('json');
    expect(summary({ status: 'decoded', format: 'protobuf', schemaId: null, subject: null, version: null, json: '{}' })).toBe('protobuf');
  });

  it('shows decoded JSON, and the stored bytes as hex', () => {
    expect(shownText(avro, 'value')).toBe('{"garage":"Kyrre"}');
    expect(shownText(unknown, 'value')).toBe('0000001234');
    expect(storedHex(avro, 'value')).toBe('00 00 00 00 07 0a 4b 79');
    expect(storedHex(plain, 'value')).toBe('7b 22 61 22 3a 31 7d');
    expect(storedHex({ ...plain, key: 'AAE=', keyEncoding: 'base64' }, 'key')).toBe('00 01');
    expect(prettyDecoded(avro.valueDecoding as never)).toBe('{\n  "garage": "Kyrre"\n}');
  });
});
