import type { ExportFormat, MessageRecord } from './messages';

/**
 * Exported files, made where the records already are (the UI), so an export of 100,000
 * matches never crosses the bridge again; both hosts save it as a browser download.
 * Pure text formatting: no I/O, usable by the back end and its tests as well.
 */

/** Records as JSON Lines: one record per line, exactly the fields the UI shows. */
export function toJsonLines(records: readonly MessageRecord[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + (records.length ? '\n' : '');
}

const CSV_COLUMNS = ['partition', 'offset', 'timestamp', 'key', 'headers', 'value_format', 'value'] as const;

/** RFC 4180: every text field quoted, quotes doubled, CRLF between rows; null is an empty field. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

/** Records as CSV; headers as a JSON object in one column (binary values as base64, as shown). */
export function toCsv(records: readonly MessageRecord[]): string {
  const rows = records.map((record) =>
    [
      record.partition,
      record.offset,
      record.timestamp,
      record.key,
      record.headers.length ? JSON.stringify(Object.fromEntries(record.headers.map((header) => [header.key, header.value]))) : null,
      record.valueFormat,
      record.value,
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
