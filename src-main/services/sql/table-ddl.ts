// The CREATE TABLE of a topic: its value columns, the record key, Kafka's metadata columns and a
// watermark on the record timestamp (so windows work without more DDL). Pure: unit-tested on the text.
import { invalidField } from '@shared/errors';
import type { SqlScan, SqlTableColumn, SqlValueFormat } from '@shared/sql';
import { sqlString } from '../pipelines/sql-settings';
import { quoteIdentifier } from './json-inference';
import { jsonSchemaColumns } from './json-schema-columns';

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
    case 'json-registry':
      // the whole framed value as one column: the view over this table unframes it (framedJsonView)
      return [`'value.format' = 'raw'`];
    case 'unreadable':
      throw invalidField(['statement'], `the topic "${topic}" cannot be read in SQL: ${value.reason}`);
  }
}

/**
 * The statements that make a topic's table: one CREATE TABLE, or for JSON behind the registry's framing a
 * table of the raw values (named like the topic plus " (framed)", a name no topic can have) and a view named
 * like the topic whose columns are read from the JSON by path.
 */
export function topicTableStatements(topic: string, columns: SqlTableColumn[], target: TableTarget, value: SqlValueFormat = { format: 'json' }): string[] {
  if (value.format !== 'json-registry') return [topicTableDdl(topic, columns, target, value)];
  const raw = framedTableName(topic);
  const framedColumns = [{ name: FRAMED_COLUMN, type: 'BYTES', kind: 'value' as const }, ...columns.filter((c) => c.kind !== 'value')];
  return [kafkaTableDdl(raw, topic, framedColumns, target, value), framedJsonView(topic, raw, columns, value.schema, target.temporary)];
}

/** What undoes `created` (the statements topicTableStatements gave, joined): the view first, then the table(s) under it. */
export function dropStatements(topic: string, created: string): string[] {
  const name = quoteIdentifier(topic);
  return created.includes(`VIEW IF NOT EXISTS ${name} AS`)
    ? [`DROP VIEW IF EXISTS ${name}`, `DROP TABLE IF EXISTS ${quoteIdentifier(framedTableName(topic))}`]
    : [`DROP TABLE IF EXISTS ${name}`];
}

const FRAMED_COLUMN = '_framed';
/** The raw table under a framed-JSON topic's view: a space is in no Kafka topic's name, so no topic's table has it. */
const framedTableName = (topic: string) => `${topic} (framed)`;
/** Bytes as ISO-8859-1 text are one character per byte: the payload starts at character 6 (magic byte, 4-byte schema id). */
const LATIN1 = `DECODE(${quoteIdentifier(FRAMED_COLUMN)}, 'ISO-8859-1')`;
const PAYLOAD = `DECODE(ENCODE(SUBSTRING(${LATIN1} FROM 6), 'ISO-8859-1'), 'UTF-8')`;

/** A JSON path to a top-level property, whatever its name holds. */
function propertyPath(name: string): string {
  return sqlString(`$['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);
}

/**
 * A property read from `_json` as its column's type: a scalar as its text, cast (null where it does not fit).
 * Not `RETURNING`: Flink 1.18's JSON_VALUE returns only STRING, BOOLEAN, INTEGER and DOUBLE, and RETURNING
 * DOUBLE fails the job on a whole number (ClassCastException: Integer to Double).
 */
function jsonRead(path: string, type: string, read: 'value' | 'query'): string {
  if (read === 'query') return `JSON_QUERY(\`_json\`, ${path})`;
  if (type === 'STRING') return `JSON_VALUE(\`_json\`, ${path})`;
  return `TRY_CAST(JSON_VALUE(\`_json\`, ${path}) AS ${type})`;
}

/** The view named like the topic: each value column read from the unframed JSON, the key and metadata columns as they are. */
function framedJsonView(topic: string, raw: string, columns: SqlTableColumn[], schema: string, temporary: boolean): string {
  const parsed = jsonSchemaColumns(schema);
  const reads = new Map(parsed.status === 'ok' ? parsed.columns.map((c) => [c.name, c.read]) : []);
  const fields = columns.map((c) => {
    if (c.kind !== 'value') return quoteIdentifier(c.name);
    return `${jsonRead(propertyPath(c.name), c.type, reads.get(c.name) ?? 'value')} AS ${quoteIdentifier(c.name)}`;
  });
  const passed = columns.filter((c) => c.kind !== 'value').map((c) => quoteIdentifier(c.name));
  return [
    `CREATE ${temporary ? 'TEMPORARY ' : ''}VIEW IF NOT EXISTS ${quoteIdentifier(topic)} AS`,
    `SELECT ${fields.join(', ')}`,
    `FROM (`,
    `  SELECT ${[`${PAYLOAD} AS \`_json\``, ...passed].join(', ')}`,
    `  FROM ${quoteIdentifier(raw)}`,
    // a record without the framing (magic byte 0 and a schema id) is skipped, as the JSON format skips what is not JSON
    `  WHERE CHAR_LENGTH(${LATIN1}) > 5 AND SUBSTRING(${LATIN1} FROM 1 FOR 1) = CHR(0)`,
    `)`,
  ].join('\n');
}

/** `CREATE [TEMPORARY] TABLE IF NOT EXISTS `topic` (…) WITH (…)` for the Kafka connector, a raw key and the values' format. */
export function topicTableDdl(topic: string, columns: SqlTableColumn[], target: TableTarget, value: SqlValueFormat = { format: 'json' }): string {
  return kafkaTableDdl(topic, topic, columns, target, value);
}

function kafkaTableDdl(table: string, topic: string, columns: SqlTableColumn[], target: TableTarget, value: SqlValueFormat): string {
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
    `CREATE ${target.temporary ? 'TEMPORARY ' : ''}TABLE IF NOT EXISTS ${quoteIdentifier(table)} (`,
    lines.map((l) => `  ${l}`).join(',\n'),
    `) WITH (`,
    options.map((o) => `  ${o}`).join(',\n'),
    `)`,
  ].join('\n');
}
