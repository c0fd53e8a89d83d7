// The SQL workbench against the shared real stack (Kafka, Flink 1.18 with its SQL Gateway): topics
// as tables without DDL, results checked against kcat (an independent client), Flink's messages and
// positions, cancellation checked on Flink's REST API, and the REST route's ndjson. The stack has 2
// slots: every test ends what it started.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Api } from '@shared/contract';
import type { SqlFetchResult } from '@shared/sql';
import { SqlSessionSettings } from '@shared/sql';
import { SaveSqlPipelineArgs, StartPipelineArgs } from '@shared/pipelines';
import { CreateTopicArgs } from '@shared/topics';
import { createApi, type Services } from '@main/api';
import { dispatch } from '@main/core/dispatch';
import { EventBus } from '@main/core/event-bus';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { sqlServices } from './sql-support';
import { cancelAllJobs, waitFor } from './flink-support';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const run = Math.random().toString(36).slice(2, 8);
const tmp = mkdtempSync(join(tmpdir(), 'streamdesk-sql-it-'));
const TOKEN = 'sql-integration-token-0123456789';
// an odd name on purpose: a dot and a dash need the DDL's quoting
const ORDERS = `sql-it.${run}-orders`;
const CUSTOMERS = ['ana', 'bo', 'cy', 'dee', 'eli', 'fay', 'gus'];

const { flink, topics, sql, pipelines } = sqlServices(shared, tmp);
const api: Api = createApi({ sql } as unknown as Services);
let web: WebHost;

const cancelAll = () => cancelAllJobs(flink);

/** Every row of a run until it ends, its changelog folded by the first column (a GROUP BY's key). */
async function drain(runId: string): Promise<{ last: SqlFetchResult; byKey: Map<unknown, unknown[]> }> {
  const byKey = new Map<unknown, unknown[]>();
  for (;;) {
    const f = await sql.fetch({ runId, waitMs: 1000, maxRows: 10_000 });
    for (const row of f.rows) {
      if (row.op === '+I' || row.op === '+U') byKey.set(row.fields[0], row.fields);
      else if (JSON.stringify(byKey.get(row.fields[0])) === JSON.stringify(row.fields)) byKey.delete(row.fields[0]);
    }
    if (f.status !== 'running') return { last: f, byKey };
  }
}

/** Every row of a run until it ends (an insert-only result). */
async function drainAll(runId: string): Promise<{ last: SqlFetchResult; byKey: unknown[][] }> {
  const rows: unknown[][] = [];
  for (;;) {
    const f = await sql.fetch({ runId, waitMs: 1000, maxRows: 10_000 });
    rows.push(...f.rows.map((r) => r.fields));
    if (f.status !== 'running') return { last: f, byKey: rows };
  }
}

/** kcat reads the topic and a counter counts the orders per customer. */
function kcatCounts(topic: string): Map<string, number> {
  const out = execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-t', topic, '-e', '-q', '-f', '%s\n'], { encoding: 'utf8', timeout: 30_000 });
  const counts = new Map<string, number>();
  for (const line of out.split('\n').filter(Boolean)) {
    const customer = (JSON.parse(line) as { customer: string }).customer;
    counts.set(customer, (counts.get(customer) ?? 0) + 1);
  }
  return counts;
}

const settings = (s: Record<string, unknown>) => SqlSessionSettings.parse(s);

beforeAll(async () => {
  await cancelAll();
  await topics.create(CreateTopicArgs.parse({ name: ORDERS, partitions: 3, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' }));
  const producer = kafkaClient(target()).producer();
  await producer.connect();
  try {
    // a pseudo-random but fixed spread: the expected counts come from kcat, not from this loop
    const records = Array.from({ length: 700 }, (_, i) => ({
      key: `order-${i}`,
      value: JSON.stringify({
        order_id: i,
        customer: CUSTOMERS[(i * 5 + Math.floor(i / 7) * 3 + (i % 11)) % CUSTOMERS.length],
        amount: (i % 13) * 1.5,
        paid: i % 3 === 0,
      }),
    }));
    await producer.send({ topic: ORDERS, messages: records });
  } finally {
    await producer.disconnect();
  }
  web = await startWebHost({ api, bus: new EventBus(), token: TOKEN, host: '127.0.0.1', port: 0, rendererDir: '/nonexistent', logger: silentLogger });
}, 120_000);

afterAll(async () => {
  await web?.close();
  await sql.dispose();
  await cancelAll();
  await topics.delete(ORDERS).catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe('SQL workbench on the real stack', () => {
  it('infers the table from the JSON records, with key and metadata columns', async () => {
    const table = await sql.table(ORDERS);
    expect(table.source).toBe('sample');
    expect(table.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'order_id BIGINT',
      'customer STRING',
      'amount DOUBLE',
      'paid BOOLEAN',
      '_key STRING',
      '_partition INT',
      '_offset BIGINT',
      '_timestamp TIMESTAMP_LTZ(3)',
      '_headers MAP<STRING, BYTES>',
    ]);
  });

  it('a GROUP BY over the topic equals the counts kcat reads (batch, and streaming as a changelog)', async () => {
    const expected = kcatCounts(ORDERS);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(700);
    const statement = `SELECT customer, COUNT(*) AS n FROM \`${ORDERS}\` GROUP BY customer`;
    for (const mode of ['batch', 'streaming'] as const) {
      const { sessionId } = await sql.openSession(settings({ mode, scan: { until: 'latest' } }));
      try {
        const { runId } = await sql.run({ sessionId, statement, limit: null });
        const { last, byKey } = await drain(runId);
        expect(last.failure).toBeNull();
        expect(last.status).toBe('done');
        expect(last.columns.map((c) => c.name)).toEqual(['customer', 'n']);
        const got = new Map([...byKey.values()].map((r) => [r[0] as string, Number(r[1])]));
        expect(got).toEqual(expected);
      } finally {
        await sql.closeSession(sessionId);
      }
    }
  });

  it("a wrong statement answers Flink's own message and the position it names", async () => {
    const { sessionId } = await sql.openSession(settings({ mode: 'batch', scan: { until: 'latest' } }));
    try {
      const statement = `SELECT customer,\n  nosuch_column\nFROM \`${ORDERS}\``;
      const { runId } = await sql.run({ sessionId, statement, limit: null });
      const { last } = await drain(runId);
      expect(last.status).toBe('failed');
      expect(last.failure?.message).toMatch(/Column 'nosuch_column' not found/);
      expect(last.failure?.position).toEqual({ line: 2, column: 3 });
      const parse = await drain((await sql.run({ sessionId, statement: `SELECT customer,\nFROM \`${ORDERS}\``, limit: null })).runId);
      expect(parse.last.failure?.message).toMatch(/SQL parse failed/);
      expect(parse.last.failure?.position).toEqual({ line: 2, column: 1 });
    } finally {
      await sql.closeSession(sessionId);
    }
  });

  it("cancelling an unbounded query stops its Flink job (Flink's REST API says CANCELED)", async () => {
    const { sessionId } = await sql.openSession(settings({ mode: 'streaming' }));
    try {
      const { runId } = await sql.run({ sessionId, statement: `SELECT order_id, customer, _partition, _offset FROM \`${ORDERS}\``, limit: null });
      let rows = 0;
      const jobId = await waitFor(
        async () => {
          const f = await sql.fetch({ runId, waitMs: 1000, maxRows: 10_000 });
          rows += f.rows.length;
          return rows > 0 && f.jobId;
        },
        60_000,
        'the first rows',
      );
      expect((await flink.job(jobId)).state).toBe('RUNNING');
      expect(await sql.cancel(runId)).toEqual({ cancelled: true });
      await waitFor(async () => (await flink.job(jobId)).state === 'CANCELED', 30_000, 'the job to be CANCELED');
      expect((await sql.fetch({ runId, waitMs: 0, maxRows: 10 })).status).toBe('cancelled');
    } finally {
      await sql.closeSession(sessionId);
    }
  });

  it('saves a query as a catalog pipeline that runs (RUNNING on Flink)', async () => {
    const { sessionId } = await sql.openSession(settings({ mode: 'streaming' }));
    const sink = `sql-it.${run}-big-orders`;
    try {
      const statement = `SELECT order_id, customer, amount FROM \`${ORDERS}\` WHERE amount > 10`;
      const generated = await sql.pipelineSql({ sessionId, statement, sinkTopic: sink });
      expect(generated.sourceTopics).toEqual([ORDERS]);
      const name = `sql_it_${run}`;
      pipelines.catalog.saveSqlPipeline(SaveSqlPipelineArgs.parse({ name, sql: generated.sql, sourceTopic: ORDERS, sinkTopic: sink }));
      const started = await pipelines.launch.start(StartPipelineArgs.parse({ pipelineName: name, parallelism: 1, checkpointIntervalMs: null }));
      expect((await flink.job(started.jobId)).state).toBe('RUNNING');
      // the sink topic fills with the filtered orders (kcat reads them)
      const expected = kcatCounts(ORDERS);
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      await waitFor(async () => Promise.resolve(kcatCounts(sink).size > 0), 60_000, 'the sink topic to fill');
      expect(total).toBe(700);
      await flink.cancel(started.jobId);
    } finally {
      await sql.closeSession(sessionId);
      await topics.delete(sink).catch(() => undefined);
    }
  });

  it('a tumbling-window query gives the windows the stavanger_parking_realtime pipeline writes', async () => {
    const a = `sql-it-${run}-Kyrre`;
    const b = `sql-it-${run}-Nytorget`;
    // two whole minutes ahead: these windows are ours alone; the record time is the event time, so
    // the query's windows over _timestamp are the pipeline's over event_time
    const m = (Math.floor(Date.now() / 60_000) + 2) * 60_000;
    const rec = (garage: string, capacity: number, occupied: number, t: number, partition?: number) => ({
      key: garage,
      timestamp: String(t),
      ...(partition !== undefined ? { partition } : {}),
      value: JSON.stringify({
        garage,
        capacity,
        occupied,
        free: capacity - occupied,
        occupancy_pct: Math.round((occupied / capacity) * 1000) / 10,
        event_time: t,
      }),
    });
    const started = await pipelines.launch.start(
      StartPipelineArgs.parse({ pipelineName: 'stavanger_parking_realtime', parallelism: 1, checkpointIntervalMs: 2000 }),
    );
    const { sessionId } = await sql.openSession(settings({ mode: 'batch', scan: { until: 'latest' } }));
    try {
      const partitions = (await topics.describe('stavanger_parking_events')).summary.partitions;
      const producer = kafkaClient(target()).producer();
      await producer.connect();
      await producer.send({
        topic: 'stavanger_parking_events',
        messages: [
          rec(a, 150, 97, m + 1_000),
          rec(a, 150, 99, m + 20_000),
          rec(b, 230, 100, m + 30_000),
          rec(a, 150, 101, m + 61_000),
          rec(b, 230, 110, m + 65_000),
          rec(b, 230, 120, m + 119_999),
          // a later record in every partition moves event time past both windows
          ...Array.from({ length: partitions }, (_, p) => rec(`sql-it-${run}-wm`, 1, 0, m + 150_000, p)),
        ],
      });
      await producer.disconnect();
      const written = await waitFor(
        async () => {
          const out = execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-t', 'stavanger_parking_occupancy_1m', '-e', '-q', '-f', '%s\n'], {
            encoding: 'utf8',
            timeout: 30_000,
          });
          const ours = out
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, number | string>)
            .filter((r) => r.garage === a || r.garage === b);
          return Promise.resolve(ours.length >= 4 ? ours : null);
        },
        90_000,
        "the pipeline's four windows",
      );
      const statement = `SELECT garage, window_start, COUNT(*) AS samples, MIN(occupied) AS min_occupied, MAX(occupied) AS max_occupied,
  ROUND(AVG(CAST(occupied AS DOUBLE)), 2) AS avg_occupied, LAST_VALUE(\`free\`) AS last_free
FROM TABLE(TUMBLE(TABLE stavanger_parking_events, DESCRIPTOR(_timestamp), INTERVAL '1' MINUTE))
WHERE garage IN ('${a}', '${b}')
GROUP BY garage, window_start, window_end`;
      const { last, byKey } = await drainAll((await sql.run({ sessionId, statement, limit: null })).runId);
      expect(last.failure).toBeNull();
      const key = (garage: unknown, startMs: number) => `${String(garage)}@${startMs}`;
      const fromSql = new Map([...byKey].map((r) => [key(r[0], Date.parse(`${String(r[1]).replace(' ', 'T')}Z`)), r.slice(2).map(Number)]));
      const fromPipeline = new Map(
        written.map((r) => [key(r.garage, Number(r.window_start_ms)), [r.samples, r.min_occupied, r.max_occupied, r.avg_occupied, r.last_free].map(Number)]),
      );
      expect(fromSql.size).toBe(4);
      expect(fromSql).toEqual(fromPipeline);
    } finally {
      await sql.closeSession(sessionId);
      await flink.cancel(started.jobId).catch(() => undefined);
    }
  });

  describe('REST: POST /api/streaming/sql answers ndjson', () => {
    const post = (body: unknown) =>
      fetch(`http://127.0.0.1:${web.port}/api/streaming/sql`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const lines = async (r: Response) =>
      (await r.text())
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);

    it('a batch GROUP BY: one object per row keyed by column, then {"done": true}', async () => {
      const r = await post({ statement: `SELECT customer, COUNT(*) AS n FROM \`${ORDERS}\` GROUP BY customer`, mode: 'batch' });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const id = r.headers.get('x-query-id');
      const all = await lines(r);
      const last = all.pop()!;
      const expected = kcatCounts(ORDERS);
      expect(last).toMatchObject({ done: true, id, rows: expected.size, limitReached: false, cancelled: false });
      expect(new Map(all.map((row) => [row.customer as string, row.n as number]))).toEqual(expected);
      expect(Object.keys(all[0]).sort()).toEqual(['customer', 'n']);
    });

    it('a streaming query carries "op" per row and stops at the limit', async () => {
      const r = await post({ statement: `SELECT order_id FROM \`${ORDERS}\``, mode: 'streaming', limit: 5 });
      const all = await lines(r);
      expect(all).toHaveLength(6);
      expect(all.slice(0, 5).every((row) => row.op === '+I' && typeof row.order_id === 'number')).toBe(true);
      expect(all[5]).toMatchObject({ done: true, rows: 5, limitReached: true });
      await cancelAll();
    });

    it('a wrong statement ends with {"error": …} carrying the position; a bad body is a 400 naming the field', async () => {
      const all = await lines(await post({ statement: `SELECT nope FROM \`${ORDERS}\``, mode: 'batch' }));
      expect(all).toHaveLength(1);
      expect(all[0].error).toMatchObject({ position: { line: 1, column: 8 } });
      const bad = await post({ statement: 'SELECT 1', mode: 'sideways' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { issues: Array<{ path: string[] }> } }).error.issues[0].path).toEqual(['mode']);
      expect((await post({ statment: 'SELECT 1' })).status).toBe(400);
    });

    it('DELETE /api/streaming/sql/:id cancels: the stream ends with cancelled and the job is CANCELED', async () => {
      const r = await post({ statement: `SELECT order_id FROM \`${ORDERS}\``, mode: 'streaming' });
      const id = r.headers.get('x-query-id')!;
      const reader = r.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      const jobId = (await dispatch(api, 'sql:fetch', { runId: id, waitMs: 0, maxRows: 1 })) as { ok: true; result: SqlFetchResult };
      const del = await fetch(`http://127.0.0.1:${web.port}/api/streaming/sql/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(await del.json()).toEqual({ cancelled: true });
      let rest = '';
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        rest += new TextDecoder().decode(chunk.value as Uint8Array);
      }
      const lastLine = JSON.parse(rest.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(lastLine).toMatchObject({ done: true, cancelled: true, id });
      const job = jobId.result.jobId!;
      await waitFor(async () => (await flink.job(job)).state === 'CANCELED', 30_000, 'the job to be CANCELED');
    });
  });
});
