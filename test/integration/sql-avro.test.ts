// Avro topics as SQL tables on a real stack (Kafka, Flink 1.18 with the avro-confluent format, Apicurio
// Registry): records written by avsc with Confluent framing and an id the registry's own REST API gave
// (none of StreamDesk's encoder), the table typed from the subject, and a SELECT and a GROUP BY through
// sql:run compared with what a plain kafkajs consumer and avsc decode. A JSON Schema subject's topic
// is refused with the reason, not read as empty JSON.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlFetchResult } from '@shared/sql';
import { SqlSessionSettings } from '@shared/sql';
import { SaveSqlPipelineArgs, StartPipelineArgs } from '@shared/pipelines';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { registryOfCluster } from '@main/clients/schema-registry/registry-of-cluster';
import { startTestStack, type TestStack } from '@test/stack';
import { readRaw, registryApi, unframe } from './schema-readback';
import { cancelAllJobs, waitFor } from './flink-support';
import { sqlServices, type SqlServices } from './sql-support';

const ORDERS = 'sql-avro.orders';
const CARS = 'sql-avro.cars';
const PARTS = 'sql-avro.parts';
const CAR_SCHEMA = {
  type: 'object',
  properties: {
    plate: { type: 'string' },
    seats: { type: 'integer' },
    price: { type: 'number' },
    electric: { type: 'boolean' },
    owner: { type: 'object', properties: { name: { type: 'string' } } },
  },
};
const CAR_COUNT = 300;
const carOf = (i: number) => ({
  plate: `EV ${10_000 + i}`,
  seats: [2, 4, 5, 7][i % 4],
  price: 15_000 + (i % 11) * 1250.5,
  electric: i % 3 !== 0,
  owner: { name: `ówner-${i % 5}` },
});
const CUSTOMERS = ['ana', 'bo', 'cy', 'dee', 'eli'];
const COUNT = 600;

const ORDER_SCHEMA = {
  type: 'record',
  name: 'Order',
  namespace: 'it.shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['NEW', 'PAID', 'SENT'] } },
    { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    {
      name: 'address',
      type: {
        type: 'record',
        name: 'Address',
        fields: [
          { name: 'city', type: 'string' },
          { name: 'zip', type: ['null', 'string'] },
        ],
      },
    },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

let stack: TestStack;
let sql: SqlServices['sql'];
let pipelines: SqlServices['pipelines'];
let flink: SqlServices['flink'];
let tmp: string;

function orderOf(i: number) {
  return {
    id: i,
    customer: CUSTOMERS[(i * 7 + Math.floor(i / 5)) % CUSTOMERS.length],
    amount: (i % 9) * 2.5,
    state: ['NEW', 'PAID', 'SENT'][i % 3],
    // avsc without logical types writes the long itself
    placedAt: 1_700_000_000_000 + i * 1000,
    address: { city: `city-${i % 6}`, zip: i % 4 === 0 ? null : `40${i % 7}` },
    tags: i % 2 === 0 ? ['a', `t${i % 5}`] : [],
    note: i % 10 === 0 ? `note ${i}` : null,
  };
}

function framed(id: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, payload]);
}

/** Every row of a bounded run (a batch result: inserts only). */
async function drain(runId: string): Promise<{ last: SqlFetchResult; rows: unknown[][] }> {
  const rows: unknown[][] = [];
  for (;;) {
    const f = await sql.fetch({ runId, waitMs: 1000, maxRows: 10_000 });
    rows.push(...f.rows.map((r) => r.fields));
    if (f.status !== 'running') return { last: f, rows };
  }
}

beforeAll(async () => {
  stack = await startTestStack({
    schemaRegistry: true,
    only: ['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway', 'schema-registry'],
  });
  tmp = mkdtempSync(join(tmpdir(), 'streamdesk-sql-avro-'));
  const registry = registryApi(stack.schemaRegistryUrl!);
  const { id } = await registry.register(`${ORDERS}-value`, { schema: JSON.stringify(ORDER_SCHEMA), schemaType: 'AVRO' });
  const { id: carsId } = await registry.register(`${CARS}-value`, { schema: JSON.stringify(CAR_SCHEMA), schemaType: 'JSON' });
  await registry.register(`${PARTS}-value`, { schema: 'syntax = "proto3";\nmessage Part { string name = 1; }\n', schemaType: 'PROTOBUF' });
  const kafka = kafkaClient({ brokers: [stack.bootstrap] });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [ORDERS, CARS, PARTS].map((topic) => ({ topic, numPartitions: 2 })), waitForLeaders: true, timeout: 60_000 });
  await admin.disconnect();
  const type = avro.Type.forSchema(ORDER_SCHEMA as avro.Schema);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: ORDERS,
    acks: -1,
    messages: Array.from({ length: COUNT }, (_, i) => ({ key: `o-${i}`, value: framed(id, type.toBuffer(orderOf(i))) })),
  });
  // JSON Schema records framed by hand (magic 0, the id the registry gave), as the serdes write them; one unframed record is skipped
  await producer.send({
    topic: CARS,
    acks: -1,
    messages: [
      ...Array.from({ length: CAR_COUNT }, (_, i) => ({ key: `c-${i}`, value: framed(carsId, Buffer.from(JSON.stringify(carOf(i)))) })),
      { key: 'plain', value: Buffer.from(JSON.stringify(carOf(0))) },
    ],
  });
  await producer.disconnect();

  ({ sql, pipelines, flink } = sqlServices(
    stack,
    tmp,
    registryOfCluster(() => ({ url: stack.schemaRegistryUrl! })),
  ));
}, 600_000);

afterAll(async () => {
  await sql?.dispose();
  if (flink) await cancelAllJobs(flink);
  await stack?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

/** What an independent reader finds: a plain kafkajs consumer, unframed by hand, decoded by avsc with the writer schema. */
async function independentOrders(): Promise<Array<ReturnType<typeof orderOf>>> {
  const type = avro.Type.forSchema(ORDER_SCHEMA as avro.Schema);
  const raw = await readRaw(stack.bootstrap, ORDERS, COUNT);
  return raw.map((r) => type.fromBuffer(unframe(r.value).payload) as ReturnType<typeof orderOf>);
}

const batch = () => SqlSessionSettings.parse({ mode: 'batch', scan: { until: 'latest' } });

describe('Avro topics as tables', () => {
  it('types the table from the subject, exactly as the avro-confluent format expects', async () => {
    const table = await sql.table(ORDERS);
    expect(table.source).toBe('registry');
    expect(table.value).toMatchObject({ format: 'avro-confluent', subject: `${ORDERS}-value`, version: 1 });
    expect(table.columns.filter((c) => c.kind === 'value').map((c) => `${c.name} ${c.type}`)).toEqual([
      'id BIGINT NOT NULL',
      'customer STRING NOT NULL',
      'amount DOUBLE NOT NULL',
      'state STRING NOT NULL',
      'placedAt TIMESTAMP(3) NOT NULL',
      'address ROW<`city` STRING NOT NULL, `zip` STRING> NOT NULL',
      'tags ARRAY<STRING NOT NULL> NOT NULL',
      'note STRING',
    ]);
  });

  it('a SELECT reads every record as avsc decodes it, and a GROUP BY equals the independent counts', async () => {
    const expected = await independentOrders();
    const { sessionId } = await sql.openSession(batch());
    try {
      const select = await drain(
        (
          await sql.run({
            sessionId,
            statement: `SELECT id, customer, amount, state, address.city, address.zip, CARDINALITY(tags), note FROM \`${ORDERS}\``,
            limit: null,
          })
        ).runId,
      );
      expect(select.last.failure).toBeNull();
      const got = select.rows.map((r) => JSON.stringify(r)).sort();
      const want = expected.map((o) => JSON.stringify([o.id, o.customer, o.amount, o.state, o.address.city, o.address.zip, o.tags.length, o.note])).sort();
      expect(got).toEqual(want);

      const grouped = await drain(
        (await sql.run({ sessionId, statement: `SELECT customer, COUNT(*) AS n, SUM(amount) AS total FROM \`${ORDERS}\` GROUP BY customer`, limit: null }))
          .runId,
      );
      expect(grouped.last.failure).toBeNull();
      const counts = new Map<string, [number, number]>();
      for (const o of expected) {
        const [n, total] = counts.get(o.customer) ?? [0, 0];
        counts.set(o.customer, [n + 1, total + o.amount]);
      }
      expect(new Map(grouped.rows.map((r) => [String(r[0]), [Number(r[1]), Number(r[2])]]))).toEqual(counts);
    } finally {
      await sql.closeSession(sessionId);
    }
  });

  it('a JSON Schema topic is a table typed from its subject: a SELECT and a GROUP BY equal what an independent reader finds', async () => {
    const table = await sql.table(CARS);
    expect(table.source).toBe('registry');
    expect(table.value).toMatchObject({ format: 'json-registry', subject: `${CARS}-value`, version: 1 });
    expect(table.columns.filter((c) => c.kind === 'value').map((c) => `${c.name} ${c.type}`)).toEqual([
      'plate STRING',
      'seats BIGINT',
      'price DOUBLE',
      'electric BOOLEAN',
      'owner STRING',
    ]);
    // the independent reading: a plain kafkajs consumer, the framing checked and cut by hand, JSON.parse
    const raw = await readRaw(stack.bootstrap, CARS, CAR_COUNT + 1);
    const cars = raw.filter((r) => r.value[0] === 0).map((r) => JSON.parse(unframe(r.value).payload.toString('utf8')) as ReturnType<typeof carOf>);
    expect(cars).toHaveLength(CAR_COUNT);
    const { sessionId } = await sql.openSession(batch());
    try {
      const select = await drain(
        (await sql.run({ sessionId, statement: `SELECT plate, seats, price, electric, JSON_VALUE(owner, '$.name') FROM \`${CARS}\``, limit: null })).runId,
      );
      expect(select.last.failure).toBeNull();
      expect(select.rows.map((r) => JSON.stringify(r)).sort()).toEqual(
        cars.map((c) => JSON.stringify([c.plate, c.seats, c.price, c.electric, c.owner.name])).sort(),
      );
      const grouped = await drain(
        (
          await sql.run({
            sessionId,
            statement: `SELECT seats, COUNT(*) AS n, SUM(price) AS total FROM \`${CARS}\` WHERE electric GROUP BY seats`,
            limit: null,
          })
        ).runId,
      );
      expect(grouped.last.failure).toBeNull();
      const counts = new Map<number, [number, number]>();
      for (const c of cars.filter((car) => car.electric)) {
        const [n, total] = counts.get(c.seats) ?? [0, 0];
        counts.set(c.seats, [n + 1, total + c.price]);
      }
      expect(new Map(grouped.rows.map((r) => [Number(r[0]), [Number(r[1]), Number(r[2])]]))).toEqual(counts);
    } finally {
      await sql.closeSession(sessionId);
    }
  });

  it('a Protobuf subject makes the table unreadable, with the reason, and a statement on it is refused', async () => {
    const table = await sql.table(PARTS);
    expect(table.value).toMatchObject({ format: 'unreadable', reason: expect.stringMatching(/Protobuf subject: Flink 1.18 has no format/) as string });
    const { sessionId } = await sql.openSession(batch());
    try {
      await expect(sql.run({ sessionId, statement: `SELECT * FROM \`${PARTS}\``, limit: null })).rejects.toThrow(
        /the topic "sql-avro[^"]*.parts" cannot be read in SQL/,
      );
    } finally {
      await sql.closeSession(sessionId);
    }
  });

  it('a GROUP BY saved as a pipeline runs into an upsert topic whose latest value per key (kcat) is the independent count', async () => {
    const expected = new Map<string, number>();
    for (const o of await independentOrders()) expected.set(o.customer, (expected.get(o.customer) ?? 0) + 1);
    const { sessionId } = await sql.openSession(SqlSessionSettings.parse({ mode: 'streaming' }));
    const sink = 'sql-avro.counts';
    try {
      const statement = `SELECT customer, COUNT(*) AS n FROM \`${ORDERS}\` GROUP BY customer`;
      const generated = await sql.pipelineSql({ sessionId, statement, sinkTopic: sink });
      expect(generated.sql).toContain("'connector' = 'upsert-kafka'");
      expect(generated.sql).toContain('PRIMARY KEY (`customer`) NOT ENFORCED');
      expect(generated.sql).toContain("'value.format' = 'avro-confluent'");
      pipelines.catalog.saveSqlPipeline(SaveSqlPipelineArgs.parse({ name: 'sql_avro_counts', sql: generated.sql, sourceTopic: ORDERS, sinkTopic: sink }));
      const started = await pipelines.launch.start(StartPipelineArgs.parse({ pipelineName: 'sql_avro_counts', parallelism: 1, checkpointIntervalMs: 2000 }));
      expect((await flink.job(started.jobId)).state).toBe('RUNNING');
      // kcat, not StreamDesk, reads the sink: the last value of each key is the count
      const latest = () => {
        const out = execFileSync('kcat', ['-b', stack.bootstrap, '-C', '-t', sink, '-e', '-q', '-f', '%k\t%s\n'], { encoding: 'utf8', timeout: 30_000 });
        const byKey = new Map<string, number>();
        for (const line of out.split('\n').filter(Boolean)) {
          const [key, value] = line.split('\t');
          const { customer } = JSON.parse(key) as { customer: string };
          const { n } = JSON.parse(value) as { n: number };
          byKey.set(customer, n);
        }
        return byKey;
      };
      await waitFor(
        async () => Promise.resolve(JSON.stringify([...latest()].sort()) === JSON.stringify([...expected].sort())),
        120_000,
        'the counts in the sink',
      );
      expect(latest()).toEqual(expected);
      await flink.cancel(started.jobId);
    } finally {
      await sql.closeSession(sessionId);
    }
  }, 240_000);
});
