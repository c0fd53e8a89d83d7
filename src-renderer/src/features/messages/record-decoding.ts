// How a record's decoded sides are shown: the table's format cell, the panel's summary line, the
// decoded JSON or the bytes as stored (hex). Pure, so it is tested beside its file.
import type { MessageRecord, SideDecoding } from '@shared/messages';

type Side = 'key' | 'value';

export function decodingOf(record: MessageRecord, side: Side): SideDecoding | undefined {
  return side === 'key' ? record.keyDecoding : record.valueDecoding;
}

/** The table's format cell: the decoded format, `raw` when a framed side could not be decoded, else the bytes' kind. */
export function formatLabel(record: MessageRecord): { text: string; title: string; raw: boolean } {
  const decoding = record.valueDecoding;
  if (decoding?.status === 'raw') return { text: 'raw', title: `Not decoded: ${decoding.reason}`, raw: true };
  if (decoding?.status === 'decoded') return { text: decoding.format, title: summary(decoding), raw: false };
  return { text: record.valueFormat, title: 'Not framed for a Schema Registry', raw: false };
}

/** "avro · schema id 7 · garages-value v2", or why the side is raw. */
export function summary(decoding: SideDecoding): string {
  if (decoding.status === 'raw') return `raw: ${decoding.reason}`;
  const parts: string[] = [decoding.format];
  if (decoding.schemaId !== null) parts.push(`schema id ${decoding.schemaId}`);
  if (decoding.subject !== null) parts.push(decoding.version === null ? decoding.subject : `${decoding.subject} v${decoding.version}`);
  return parts.join(' · ');
}

/** A side's text in a row: its decoded JSON when decoded, else as stored. */
export function shownText(record: MessageRecord, side: Side): string | null {
  const decoding = decodingOf(record, side);
  if (decoding?.status !== 'decoded') return record[side];
  // a plain reading (string, hex) is shown as its text, not as a JSON string literal
  return decoding.format === 'string' || decoding.format === 'hex' ? (JSON.parse(decoding.json) as string) : decoding.json;
}

/** A side's bytes as stored, in hex (text and base64 sides converted), spaced by byte. */
export function storedHex(record: MessageRecord, side: Side): string | null {
  const text = record[side];
  if (text === null) return null;
  let hex: string;
  if (side === 'value' && record.valueFormat === 'binary') hex = text;
  else if (side === 'key' && record.keyEncoding === 'base64') hex = Array.from(atob(text), (char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  else hex = Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

/** Decoded JSON pretty-printed. */
export function prettyDecoded(decoding: SideDecoding & { status: 'decoded' }): string {
  try {
    return JSON.stringify(JSON.parse(decoding.json), null, 2);
  } catch {
    return decoding.json;
  }
}
