import type { ExportFormat, MessageRecord } from './messages';

/**
 * Exported files, made where the records already are (the UI), so an export of 100,000
 * matches never crosses the bridge again; both hosts save it as a browser download.
 * Pure text formatting: no I/O, usable by the back end and its tests as well.
 */

type Side = 'key' | 'value';

/** The side as shown: a decoded side's JSON (text), else its bytes as stored (text, base64 or hex). */
function shownText(record: MessageRecord, side: Side): string | null {
  const decoding = side === 'key' ? record.keyDecoding : record.valueDecoding;
  if (decoding?.status !== 'decoded') return record[side];
  // a plain reading (string, hex) is shown as its text, not as a JSON string literal
  return decoding.format === 'string' || decoding.format === 'hex' ? (JSON.parse(decoding.json) as string) : decoding.json;
}

/** What the decoding of a side adds to a JSON Lines row: its schema id, subject and version, or the reason it is raw. */
function decodedFields(record: MessageRecord, side: Side): Record<string, unknown> {
  const decoding = side === 'key' ? record.keyDecoding : record.valueDecoding;
  if (!decoding) return {};
  if (decoding.status === 'raw') return { [`${side}Reason`]: decoding.reason };
  return {
    [side]: JSON.parse(decoding.json) as unknown,
    [`${side}Format`]: decoding.format,
    [`${side}SchemaId`]: decoding.schemaId,
    [`${side}Subject`]: decoding.subject,
    [`${side}Version`]: decoding.version,
  };
}

/**
 * Records as JSON Lines: one record per line, the fields the UI shows. A decoded side's `key` or
 * `value` is its decoded value (JSON, not text), with `…Format`, `…SchemaId`, `…Subject` and
 * `…Version` beside it; a side left raw keeps its bytes as shown and says why in `…Reason`.
 */
export function toJsonLines(records: readonly MessageRecord[]): string {
  return (
    records
      .map((record) => {
        const { keyDecoding, valueDecoding, ...plain } = record;
        if (!keyDecoding && !valueDecoding) return JSON.stringify(plain);
        return JSON.stringify({ ...plain, ...decodedFields(record, 'key'), ...decodedFields(record, 'value') });
      })
      .join('\n') + (records.length ? '\n' : '')
  );
}

const CSV_COLUMNS = [
  'partition',
  'offset',
  'timestamp',
  'key',
  'headers',
  'value_format',
  'value',
  'key_schema_id',
  'value_schema_id',
  'decode_reason',
] as const;

/** RFC 4180: every text field quoted, quotes doubled, CRLF between rows; null is an empty field. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

function schemaIdOf(record: MessageRecord, side: Side): number | null {
  const decoding = side === 'key' ? record.keyDecoding : record.valueDecoding;
  return decoding?.status === 'decoded' ? decoding.schemaId : null;
}

/** Why a side was left raw, for the CSV's one reason column. */
function reasons(record: MessageRecord): string | null {
  const said = (['key', 'value'] as const).flatMap((side) => {
    const decoding = side === 'key' ? record.keyDecoding : record.valueDecoding;
    return decoding?.status === 'raw' ? [`${side}: ${decoding.reason}`] : [];
  });
  return said.length ? said.join('; ') : null;
}

/**
 * Records as CSV; headers as a JSON object in one column (binary values as base64, as shown). A
 * decoded side is its JSON text, `value_format` its format (avro, protobuf…), with the schema ids.
 */
export function toCsv(records: readonly MessageRecord[]): string {
  const rows = records.map((record) =>
    [
      record.partition,
      record.offset,
      record.timestamp,
      shownText(record, 'key'),
      record.headers.length ? JSON.stringify(Object.fromEntries(record.headers.map((header) => [header.key, header.value]))) : null,
      record.valueDecoding?.status === 'decoded' ? record.valueDecoding.format : record.valueFormat,
      shownText(record, 'value'),
      schemaIdOf(record, 'key'),
      schemaIdOf(record, 'value'),
      reasons(record),
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** The file for a download: `<topic>-<n>-records.jsonl|csv`, named so it sorts by topic. */
export function exportFile(topic: string, records: readonly MessageRecord[], format: ExportFormat): ExportFile {
  const fileName = `${topic}-${records.length}-record${records.length === 1 ? '' : 's'}.${format}`;
  return format === 'csv'
    ? { fileName, mimeType: 'text/csv;charset=utf-8', text: toCsv(records) }
    : { fileName, mimeType: 'application/x-ndjson;charset=utf-8', text: toJsonLines(records) };
}
