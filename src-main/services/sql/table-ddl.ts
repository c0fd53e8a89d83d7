// The CREATE TABLE of a topic: its value columns, the record key, Kafka's metadata columns and a
// watermark on the record timestamp (so windows work without more DDL). Pure: unit-tested on the text.
import { invalidField } from '@shared/errors';
import type { SqlScan, SqlTableColumn, SqlValueFormat } from '@shared/sql';
import { sqlString } from '../pipelines/sql-settings';
import { quoteIdentifier } from './json-inference';

/** Kafka's metadata as columns; a value field of the same name wins and the metadata column is left out. */
const METADATA_COLUMNS: Array<{ name: string; type: string; from: string }> = [
  { name: '_partition', type: 'INT', from: 'partition' },
  { name: '_offset', type: 'BIGINT', from: 'offset' },
  { name: '_timestamp', type: 'TIMESTAMP_LTZ(3)', from: 'timestamp' },
  { name: '_headers', type: 'MAP<STRING, BYTES>', from: 'headers' },
];
const KEY_COLUMN = '_key';
const TIME_COLUMN = '_timestamp';

/** The columns a topic's table has besides its value's fields. */
export function extraColumns(valueNames: Set<string>): SqlTableColumn[] {
  const out: SqlTableColumn[] = [];
  if (!valueNames.has(KEY_COLUMN)) out.push({ name: KEY_COLUMN, type: 'STRING', kind: 'key' });
  for (const m of METADATA_COLUMNS) if (!valueNames.has(m.name)) out.push({ name: m.name, type: m.type, kind: 'metadata' });
  return out;
}

export interface TableTarget {
  /** Kafka bootstrap servers as Flink's TaskManagers reach them (or `{{bootstrap}}` in a pipeline). */
  bootstrap: string;
  /** Null: a query's table (read from explicit positions, no group). */
  groupId: string | null;
  /** Null: unbounded from the earliest offset (a pipeline's source). */
  scan: SqlScan | null;
  temporary: boolean;
}

function scanOptions(scan: SqlScan | null): string[] {
  if (!scan) return [`'scan.startup.mode' = 'earliest-offset'`];
  const out =
    scan.from === 'timestamp'
      ? [`'scan.startup.mode' = 'timestamp'`, `'scan.startup.timestamp-millis' = '${scan.fromTimestampMs}'`]
      : [`'scan.startup.mode' = '${scan.from}-offset'`];
  if (scan.until === 'latest') out.push(`'scan.bounded.mode' = 'latest-offset'`);
  if (scan.until === 'timestamp') out.push(`'scan.bounded.mode' = 'timestamp'`, `'scan.bounded.timestamp-millis' = '${scan.untilTimestampMs}'`);
  return out;
}

function columnLine(c: SqlTableColumn): string {
  const metadata = METADATA_COLUMNS.find((m) => m.name === c.name);
  if (c.kind === 'metadata' && metadata) return `${quoteIdentifier(c.name)} ${c.type} METADATA FROM '${metadata.from}' VIRTUAL`;
  return `${quoteIdentifier(c.name)} ${c.type}`;
}

function valueOptions(topic: string, value: SqlValueFormat): string[] {
  switch (value.format) {
    case 'json':
      // a record that is not JSON is skipped, not the end of the query
      return [`'value.format' = 'json'`, `'value.json.ignore-parse-errors' = 'true'`];
    case 'avro-confluent':
      // the subject's own schema as the reader schema: its record names and enums resolve exactly (a schema made from the columns would not)
      return [
        `'value.format' = 'avro-confluent'`,
        `'value.avro-confluent.url' = ${sqlString(value.registryUrl)}`,
        `'value.avro-confluent.schema' = ${sqlString(value.schema)}`,
      ];
    case 'unreadable':
      throw invalidField(['statement'], `the topic "${topic}" cannot be read in SQL: ${value.reason}`);
  }
}

/** `CREATE [TEMPORARY] TABLE IF NOT EXISTS `topic` (…) WITH (…)` for the Kafka connector, a raw key and the values' format. */
export function topicTableDdl(topic: string, columns: SqlTableColumn[], target: TableTarget, value: SqlValueFormat = { format: 'json' }): string {
  const values = valueOptions(topic, value);
  const hasKey = columns.some((c) => c.kind === 'key');
  const hasTime = columns.some((c) => c.name === TIME_COLUMN && c.kind === 'metadata');
  const lines = columns.map(columnLine);
  if (hasTime) lines.push(`WATERMARK FOR ${quoteIdentifier(TIME_COLUMN)} AS ${quoteIdentifier(TIME_COLUMN)} - INTERVAL '5' SECOND`);
  const options = [
    `'connector' = 'kafka'`,
    `'topic' = ${sqlString(topic)}`,
    `'properties.bootstrap.servers' = ${sqlString(target.bootstrap)}`,
    ...(target.groupId ? [`'properties.group.id' = ${sqlString(target.groupId)}`] : []),
    ...scanOptions(target.scan),
    ...(hasKey
      ? [`'key.format' = 'raw'`, `'key.fields' = ${sqlString(columns.find((c) => c.kind === 'key')!.name)}`, `'value.fields-include' = 'EXCEPT_KEY'`]
      : []),
    ...values,
  ];
  return [
    `CREATE ${target.temporary ? 'TEMPORARY ' : ''}TABLE IF NOT EXISTS ${quoteIdentifier(topic)} (`,
    lines.map((l) => `  ${l}`).join(',\n'),
    `) WITH (`,
    options.map((o) => `  ${o}`).join(',\n'),
    `)`,
  ].join('\n');
}
