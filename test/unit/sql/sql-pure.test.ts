import { describe, expect, it } from 'vitest';
import { SqlSessionSettings } from '@shared/sql';
import { inferJsonColumns, quoteIdentifier } from '@main/services/sql/json-inference';
import { extraColumns, topicTableDdl } from '@main/services/sql/table-ddl';
import { identifiersOf, topicsNamedIn } from '@main/services/sql/statement-topics';
import { sqlFailure } from '@main/services/sql/sql-failure';
import { insertTarget, pipelineSqlOf } from '@main/services/sql/pipeline-sql';
import { typeOfColumn, withEmptyTablesHint } from '@main/services/sql/sql-run';

describe('schema inference from JSON samples', () => {
  it('merges the types over the sample: integers and fractions make DOUBLE, disagreement STRING, nulls take the other type', () => {
    const { columns, skipped } = inferJsonColumns([
      '{"id": 1, "price": 2, "name": "a", "ok": true, "tags": ["x"], "at": null, "nested": {"a": 1, "b": {"c": "d"}}}',
      '{"id": 2, "price": 2.5, "name": 7, "ok": false, "tags": [], "at": "2026-01-01", "extra": 1}',
      'not json',
      '[1, 2]',
      null,
    ]);
    expect(skipped).toBe(2);
    expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id BIGINT',
      'price DOUBLE',
      'name STRING',
      'ok BOOLEAN',
      'tags ARRAY<STRING>',
      'at STRING',
      'nested ROW<`a` BIGINT, `b` ROW<`c` STRING>>',
      'extra BIGINT',
    ]);
  });

  it('keeps objects deeper than three levels as their JSON text', () => {
    const { columns } = inferJsonColumns(['{"a": {"b": {"c": {"d": 1}}}}']);
    expect(columns[0].type).toBe('ROW<`b` ROW<`c` STRING>>');
  });

  it('finds no columns in an empty sample', () => {
    expect(inferJsonColumns([]).columns).toEqual([]);
  });
});

describe('DDL of a topic table', () => {
  const scan = SqlSessionSettings.parse({ mode: 'batch', scan: { until: 'latest' } }).scan;

  it('quotes odd topic and column names (dots, dashes, backticks) and quotes the topic option as a string', () => {
    expect(quoteIdentifier('we`ird.na-me')).toBe('`we``ird.na-me`');
    const columns = [{ name: 'a`b', type: 'STRING', kind: 'value' as const }, ...extraColumns(new Set(['a`b']))];
    const ddl = topicTableDdl("orders.v1-it's", columns, { bootstrap: 'k:9092', groupId: null, scan, temporary: false });
    expect(ddl).toBe(
      [
        "CREATE TABLE IF NOT EXISTS `orders.v1-it's` (",
        '  `a``b` STRING,',
        '  `_key` STRING,',
        "  `_partition` INT METADATA FROM 'partition' VIRTUAL,",
        "  `_offset` BIGINT METADATA FROM 'offset' VIRTUAL,",
        "  `_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,",
        "  `_headers` MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL,",
        "  WATERMARK FOR `_timestamp` AS `_timestamp` - INTERVAL '5' SECOND",
        ') WITH (',
        "  'connector' = 'kafka',",
        "  'topic' = 'orders.v1-it''s',",
        "  'properties.bootstrap.servers' = 'k:9092',",
        "  'scan.startup.mode' = 'earliest-offset',",
        "  'scan.bounded.mode' = 'latest-offset',",
        "  'key.format' = 'raw',",
        "  'key.fields' = '_key',",
        "  'value.fields-include' = 'EXCEPT_KEY',",
        "  'value.format' = 'json',",
        "  'value.json.ignore-parse-errors' = 'true'",
        ')',
      ].join('\n'),
    );
  });

  it('a value field named like a metadata column wins; time ranges become timestamp modes', () => {
    expect(extraColumns(new Set(['_offset', '_key'])).map((c) => c.name)).toEqual(['_partition', '_timestamp', '_headers']);
    const ranged = SqlSessionSettings.parse({ scan: { from: 'timestamp', fromTimestampMs: 1000, until: 'timestamp', untilTimestampMs: 2000 } }).scan;
    const ddl = topicTableDdl('t', [{ name: 'a', type: 'INT', kind: 'value' }], { bootstrap: 'b', groupId: 'g', scan: ranged, temporary: true });
    expect(ddl).toContain('CREATE TEMPORARY TABLE IF NOT EXISTS `t`');
    expect(ddl).toContain("'properties.group.id' = 'g'");
    expect(ddl).toContain("'scan.startup.mode' = 'timestamp',\n  'scan.startup.timestamp-millis' = '1000'");
    expect(ddl).toContain("'scan.bounded.mode' = 'timestamp',\n  'scan.bounded.timestamp-millis' = '2000'");
    expect(ddl).not.toContain('key.format');
  });

  it('settings: batch mode needs a bounded scan, a timestamp start needs its time (issues name the field)', () => {
    const batch = SqlSessionSettings.safeParse({ mode: 'batch' });
    expect(batch.success).toBe(false);
    expect(batch.error?.issues[0].path).toEqual(['scan', 'until']);
    const from = SqlSessionSettings.safeParse({ scan: { from: 'timestamp' } });
    expect(from.error?.issues[0].path).toEqual(['scan', 'fromTimestampMs']);
  });
});

describe('the topics a statement names', () => {
  it('reads bare and backticked identifiers, not strings or comments', () => {
    const s = "SELECT a FROM `odd.topic-1` JOIN plain -- `commented`\nWHERE x = 'plain2' /* `also` */ AND `we``ird` = 1";
    expect([...identifiersOf(s)]).toEqual(['SELECT', 'a', 'FROM', 'odd.topic-1', 'JOIN', 'plain', 'WHERE', 'x', 'AND', 'we`ird']);
    expect(topicsNamedIn(s, ['commented', 'odd.topic-1', 'plain', 'plain2', 'we`ird'])).toEqual(['odd.topic-1', 'plain', 'we`ird']);
  });
});

describe("Flink's failure and its position", () => {
  it('a parse error names one position, a validation error a range', () => {
    expect(sqlFailure('SQL parse failed. Encountered "FROM" at line 2, column 1.\nWas expecting one of: ...').position).toEqual({ line: 2, column: 1 });
    const v = sqlFailure("SQL validation failed. From line 2, column 3 to line 2, column 15: Column 'nosuch_column' not found in any table");
    expect(v.position).toEqual({ line: 2, column: 3 });
    expect(v.endPosition).toEqual({ line: 2, column: 15 });
    expect(sqlFailure('Table sink does not support consuming update changes').position).toBeNull();
  });

  it('result column types read back as DDL writes them', () => {
    expect(typeOfColumn({ type: 'VARCHAR', length: 2147483647 })).toBe('STRING');
    expect(typeOfColumn({ type: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE', precision: 3 })).toBe('TIMESTAMP_LTZ(3)');
    expect(typeOfColumn({ type: 'BIGINT' })).toBe('BIGINT');
  });
});

describe('a query as pipeline SQL', () => {
  const table = (topic: string) => ({
    topic,
    source: 'sample' as const,
    value: { format: 'json' as const },
    columns: [{ name: 'a', type: 'BIGINT', kind: 'value' as const }],
    sampled: 1,
    note: null,
  });

  it('finds the target of an INSERT, quoted or not, with a catalog path', () => {
    expect(insertTarget('INSERT INTO `out.topic` SELECT 1')).toBe('out.topic');
    expect(insertTarget('-- c\ninsert into streamdesk.`default`.sink select 1')).toBe('sink');
    expect(insertTarget('SELECT 1')).toBeNull();
  });

  it('a SELECT goes into a sink table of its result columns; sources are read unbounded by the pipeline group', () => {
    const out = pipelineSqlOf('SELECT a FROM `in.t`;', [table('in.t')], 'out.t', [{ name: 'a', type: 'BIGINT', kind: 'value' }]);
    expect(out.sourceTopics).toEqual(['in.t']);
    expect(out.sinkTopic).toBe('out.t');
    expect(out.sql).toContain('CREATE TEMPORARY TABLE IF NOT EXISTS `in.t`');
    expect(out.sql).toContain("'properties.group.id' = 'streamdesk-{{pipeline}}'");
    expect(out.sql).not.toContain('scan.bounded.mode');
    expect(out.sql).toContain('CREATE TEMPORARY TABLE `out.t` (\n  `a` BIGINT\n) WITH (');
    expect(out.sql.trim().endsWith('INSERT INTO `out.t`\nSELECT a FROM `in.t`;')).toBe(true);
  });

  it('an INSERT is kept as written; a SELECT without a sink topic, or another statement, is refused naming the field', () => {
    const out = pipelineSqlOf('INSERT INTO sink SELECT a FROM src', [table('sink'), table('src')], null, []);
    expect(out.sinkTopic).toBe('sink');
    expect(out.sourceTopics).toEqual(['src']);
    expect(() => pipelineSqlOf('SELECT 1', [], null, [])).toThrow(/sinkTopic: is required/);
    expect(() => pipelineSqlOf('DROP TABLE x', [], 'x', [])).toThrow(/statement: a pipeline runs an INSERT INTO or a SELECT/);
    expect(() => pipelineSqlOf('INSERT INTO a SELECT 1', [], 'b', [])).toThrow(/sinkTopic: the INSERT writes to "a"/);
  });

  it("says why a column is missing when a named topic had no records to infer from, and keeps Flink's position", () => {
    // Flink 1.18's answer to the join template run before data_quality_alerts had a record
    const flink = "ValidationException: SQL validation failed. From line 4, column 8 to line 4, column 13: Column 'garage' not found in table 'a'";
    const hinted = withEmptyTablesHint(flink, ['data_quality_alerts']);
    expect(hinted).toContain('"data_quality_alerts" had no records when the statement ran, so its table has only the key and metadata columns');
    expect(sqlFailure(hinted)).toMatchObject({ position: { line: 4, column: 8 }, endPosition: { line: 4, column: 13 } });
    expect(withEmptyTablesHint(flink, [])).toBe(flink);
    expect(withEmptyTablesHint("ValidationException: Object 'x' not found", ['t'])).toBe("ValidationException: Object 'x' not found");
  });
});
