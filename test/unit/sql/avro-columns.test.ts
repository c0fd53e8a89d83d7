import { describe, expect, it } from 'vitest';
import { avroColumns } from '@main/services/sql/avro-columns';
import { topicTableDdl } from '@main/services/sql/table-ddl';

const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['NEW', 'PAID'] } },
    {
      name: 'address',
      type: {
        type: 'record',
        name: 'Address',
        fields: [
          { name: 'city', type: 'string' },
          { name: 'zip', type: ['string', 'null'] },
        ],
      },
    },
    { name: 'billing', type: 'Address' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: ['null', 'long'] } },
    { name: 'digest', type: { type: 'fixed', name: 'Digest', size: 16 } },
    { name: 'previous', type: ['null', 'State'] },
  ],
};

describe('Avro schema → Flink columns (as AvroSchemaConverter types them)', () => {
  it('types every kind of field, NOT NULL unless a union with null', () => {
    const out = avroColumns(JSON.stringify(ORDER));
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(Object.fromEntries(out.columns.map((c) => [c.name, c.type]))).toEqual({
      id: 'BIGINT NOT NULL',
      customer: 'STRING NOT NULL',
      amount: 'DOUBLE NOT NULL',
      note: 'STRING',
      placedAt: 'TIMESTAMP(3) NOT NULL',
      day: 'DATE NOT NULL',
      price: 'DECIMAL(10, 2) NOT NULL',
      state: 'STRING NOT NULL',
      address: 'ROW<`city` STRING NOT NULL, `zip` STRING> NOT NULL',
      billing: 'ROW<`city` STRING NOT NULL, `zip` STRING> NOT NULL',
      tags: 'ARRAY<STRING NOT NULL> NOT NULL',
      attributes: 'MAP<STRING NOT NULL, BIGINT> NOT NULL',
      digest: 'VARBINARY(16) NOT NULL',
      previous: 'STRING',
    });
    expect(out.columns.every((c) => c.kind === 'value')).toBe(true);
  });

  it('says why a schema has no table: a union of two types, a recursive record, a reference, not a record', () => {
    const withField = (type: unknown) => JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'f', type }] });
    expect(avroColumns(withField(['null', 'string', 'long']))).toMatchObject({
      status: 'unsupported',
      reason: expect.stringMatching(/union of 3 types/) as string,
    });
    expect(avroColumns(JSON.stringify({ type: 'record', name: 'Node', fields: [{ name: 'next', type: { type: 'array', items: 'Node' } }] }))).toMatchObject({
      status: 'unsupported',
      reason: expect.stringMatching(/contains itself/) as string,
    });
    expect(avroColumns(withField(['null', { type: 'record', name: 'A', fields: [{ name: 'x', type: 'int' }] }]))).toMatchObject({
      status: 'unsupported',
      reason: expect.stringMatching(/a record that may be null/) as string,
    });
    expect(avroColumns(withField('other.Thing'))).toMatchObject({
      status: 'unsupported',
      reason: expect.stringMatching(/not defined in the schema/) as string,
    });
    expect(avroColumns('"string"')).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/not an Avro record/) as string });
    expect(avroColumns('{nope')).toMatchObject({ status: 'unsupported' });
  });

  it("writes the avro-confluent DDL with the subject's schema as the reader schema, and refuses an unreadable topic", () => {
    const schema = JSON.stringify({ type: 'record', name: 'R', doc: "it's", fields: [{ name: 'a', type: 'long' }] });
    const ddl = topicTableDdl(
      't',
      [{ name: 'a', type: 'BIGINT NOT NULL', kind: 'value' }],
      { bootstrap: 'b', groupId: null, scan: null, temporary: false },
      {
        format: 'avro-confluent',
        registryUrl: 'http://r:1/apis/ccompat/v7',
        subject: 't-value',
        version: 1,
        schema,
      },
    );
    expect(ddl).toContain("'value.format' = 'avro-confluent'");
    expect(ddl).toContain("'value.avro-confluent.url' = 'http://r:1/apis/ccompat/v7'");
    expect(ddl).toContain(`'value.avro-confluent.schema' = '${schema.replace(/'/g, "''")}'`);
    expect(ddl).not.toContain('json');
    expect(() => topicTableDdl('t', [], { bootstrap: 'b', groupId: null, scan: null, temporary: false }, { format: 'unreadable', reason: 'because' })).toThrow(
      /statement: the topic "t" cannot be read in SQL: because/,
    );
  });
});
