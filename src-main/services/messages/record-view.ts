import { isUtf8 } from 'node:buffer';
import type { MessageRecord, RecordHeader, ValueFormat } from '@shared/messages';
import { keyBytes, readHeaders, valueBytes, type RecordCursor } from './record-batch';

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

/** Copies the record under the cursor out into what crosses the contract. */
export function toMessageRecord(partition: number, cursor: RecordCursor): MessageRecord {
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
  };
}

/** Timestamp, then partition, then offset: the order records are listed in. */
export function compareRecords(a: MessageRecord, b: MessageRecord): number {
  return a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset;
}
