import { describe, expect, it } from 'vitest';
import { jsonSchemaColumns } from '@main/services/sql/json-schema-columns';
import { extraColumns, dropStatements, topicTableStatements } from '@main/services/sql/table-ddl';
import { pipelineSqlOf } from '@main/services/sql/pipeline-sql';
import type { SqlTableSchema } from '@shared/sql';

const SCHEMA = JSON.stringify({
  type: 'object',
  definitions: { Money: { type: 'number' } },
  properties: {
    plate: { type: 'string' },
    seats: { type: 'integer' },
    price: { $ref: '#/definitions/Money' },
    electric: { type: ['boolean', 'null'] },
    colour: { enum: ['red', 'blue'] },
    owner: { type: 'object', properties: { name: { type: 'string' } } },
    "it's": { type: 'array', items: { type: 'string' } },
    either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
  },
});

const value = { format: 'json-registry' as const, subject: 'cars-value', version: 2, schema: SCHEMA };

describe('JSON Schema subjects as SQL tables', () => {
  it('types each top-level property as JSON_VALUE can read it, the rest as their JSON text', () => {
    const parsed = jsonSchemaColumns(SCHEMA);
    expect(parsed.status).toBe('ok');
    if (parsed.status !== 'ok') return;
    expect(parsed.columns.map((c) => `${c.name} ${c.type} ${c.read}`)).toEqual([
      'plate STRING value',
      'seats BIGINT value',
      'price DOUBLE value',
      'electric BOOLEAN value',
      'colour STRING value',
      'owner STRING query',
      "it's STRING query",
      'either STRING query',
    ]);
  });

  it('refuses a schema without top-level properties, naming why', () => {
    expect(jsonSchemaColumns('{"type":"string"}')).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/no top-level properties/) as string });
    expect(jsonSchemaColumns('{nope')).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/not JSON/) as string });
  });

  it('reads the raw values into a table and unframes them in a view named like the topic', () => {
    const parsed = jsonSchemaColumns(SCHEMA);
    if (parsed.status !== 'ok') throw new Error('schema');
    const columns = [...parsed.columns.map(({ name, type, kind }) => ({ name, type, kind })), ...extraColumns(new Set())];
    const [table, view] = topicTableStatements('cars', columns, { bootstrap: 'b:1', groupId: null, scan: null, temporary: false }, value);
    expect(table).toMatch(/^CREATE TABLE IF NOT EXISTS `cars \(framed\)` \(/);
    expect(table).toContain("'topic' = 'cars'");
    expect(table).toContain("'value.format' = 'raw'");
    expect(table).toContain('`_framed` BYTES');
    expect(table).toContain('WATERMARK FOR `_timestamp`');
    expect(table).not.toContain('`plate`');
    expect(view).toMatch(/^CREATE VIEW IF NOT EXISTS `cars` AS/);
    expect(view).toContain("JSON_VALUE(`_json`, '$[''plate'']') AS `plate`");
    expect(view).toContain("TRY_CAST(JSON_VALUE(`_json`, '$[''seats'']') AS BIGINT) AS `seats`");
    expect(view).toContain("TRY_CAST(JSON_VALUE(`_json`, '$[''price'']') AS DOUBLE) AS `price`");
    expect(view).toContain("TRY_CAST(JSON_VALUE(`_json`, '$[''electric'']') AS BOOLEAN) AS `electric`");
    expect(view).toContain("JSON_QUERY(`_json`, '$[''it\\''s'']') AS `it's`");
    expect(view).toContain('`_key`, `_partition`, `_offset`, `_timestamp`, `_headers`');
    expect(view).toContain("SUBSTRING(DECODE(`_framed`, 'ISO-8859-1') FROM 1 FOR 1) = CHR(0)");
    expect(dropStatements('cars', `${table};\n${view}`)).toEqual(['DROP VIEW IF EXISTS `cars`', 'DROP TABLE IF EXISTS `cars (framed)`']);
    expect(dropStatements('cars', 'CREATE TABLE IF NOT EXISTS `cars` (…)')).toEqual(['DROP TABLE IF EXISTS `cars`']);
  });

  it('a pipeline reads such a topic through temporary statements, and refuses to INSERT INTO it', () => {
    const cars: SqlTableSchema = {
      topic: 'cars',
      source: 'registry',
      value,
      columns: [{ name: 'plate', type: 'STRING', kind: 'value' }, ...extraColumns(new Set())],
      sampled: 0,
      note: null,
    };
    const sql = pipelineSqlOf('SELECT plate FROM cars', [cars], 'plates', [{ name: 'plate', type: 'STRING', kind: 'value' }]).sql;
    expect(sql).toContain('CREATE TEMPORARY TABLE IF NOT EXISTS `cars (framed)`');
    expect(sql).toContain('CREATE TEMPORARY VIEW IF NOT EXISTS `cars` AS');
    expect(() => pipelineSqlOf('INSERT INTO cars SELECT plate FROM other', [cars], null, [])).toThrow(/statement: "cars" has a JSON Schema subject/);
  });
});
