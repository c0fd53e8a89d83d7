// Pipelines against the shared real stack: Flink 1.18 (JobManager, one TaskManager with 2 slots,
// SQL Gateway) and Kafka 3.9. The stack has 2 slots, so every test cancels what it started and
// the file cancels everything before and after.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Api } from '@shared/contract';
import { StreamdeskError } from '@shared/errors';
import { dispatch } from '@main/core/dispatch';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { TopicsService } from '@main/services/topics/topics-service';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { createPipelineServices, PipelineCatalog, topicsServiceEnsurer } from '@main/services/pipelines';
import { ResumePipelineArgs, SaveJarPipelineArgs, SaveSqlPipelineArgs, StartPipelineArgs } from '@shared/pipelines';
import { localPath } from '@main/services/pipelines/savepoints';
import { cancelAllJobs, waitFor } from './flink-support';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const run = Math.random().toString(36).slice(2, 8);
const tmp = mkdtempSync(join(tmpdir(), 'streamdesk-flink-it-'));

const flink = new FlinkRestClient({ fetch, baseUrl: shared.flinkUrl });
const topics = new TopicsService(target);
const service = createPipelineServices({
  flink,
  gateway: new SqlGatewayClient({ fetch, baseUrl: shared.sqlGatewayUrl }),
  catalog: new PipelineCatalog(join(tmp, 'pipelines.json')),
  topics: topicsServiceEnsurer(topics),
  kafkaBootstrap: shared.bootstrap,
  savepointsDir: join(shared.dataDir, 'flink', 'savepoints'),
});

const cancelAll = () => cancelAllJobs(flink);

async function produce(topic: string, messages: Array<{ key: string; value: unknown; partition?: number }>): Promise<void> {
  const producer = kafkaClient(target()).producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value), ...(m.partition !== undefined ? { partition: m.partition } : {}) })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** kcat, an independent client, reads a whole topic: key and value of each record. */
function kcatRecords(topic: string): Array<{ key: string; value: string }> {
  const out = execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-t', topic, '-e', '-q', '-f', '%k\t%s\n'], { encoding: 'utf8', timeout: 30_000 });
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ key: l.slice(0, l.indexOf('\t')), value: l.slice(l.indexOf('\t') + 1) }));
}

beforeAll(cancelAll, 90_000);
afterAll(async () => {
  await cancelAll();
  rmSync(tmp, { recursive: true, force: true });
}, 90_000);

describe('Flink pipelines on the real stack', () => {
  it('reports the cluster: version, one TaskManager, 2 slots', async () => {
    const c = await service.insight.cluster();
    expect(c.flinkVersion).toBe('1.18.1');
    expect(c.taskmanagers).toBe(1);
    expect(c.slotsTotal).toBe(2);
  });

  it('stavanger_parking_realtime turns known parking records into per-garage one-minute windows', async () => {
    const a = `it-${run}-Kyrre`;
    const b = `it-${run}-Nytorget`;
    // two whole minutes ahead of now: nothing else in the topic is that late, so these windows are ours alone
    const m = (Math.floor(Date.now() / 60_000) + 2) * 60_000;
    const rec = (garage: string, capacity: number, occupied: number, t: number) => ({
      key: garage,
      value: { garage, capacity, occupied, free: capacity - occupied, occupancy_pct: Math.round((occupied / capacity) * 1000) / 10, event_time: t },
    });
    const started = await service.launch.start(
      StartPipelineArgs.parse({ pipelineName: 'stavanger_parking_realtime', parallelism: 1, checkpointIntervalMs: 2000 }),
    );
    try {
      expect(started.jobId).toMatch(/^[0-9a-f]{32}$/);
      expect(started.warning).toBeNull();
      await produce('stavanger_parking_events', [
        rec(a, 150, 97, m + 1_000),
        rec(a, 150, 99, m + 20_000),
        rec(b, 230, 100, m + 30_000),
        rec(a, 150, 101, m + 61_000),
        rec(b, 230, 110, m + 65_000),
        rec(b, 230, 120, m + 119_999),
      ]);
      // a later record in every partition moves event time past both windows (watermark = max seen - 5 s, min over partitions)
      const partitions = (await topics.describe('stavanger_parking_events')).summary.partitions;
      await produce(
        'stavanger_parking_events',
        Array.from({ length: partitions }, (_, p) => ({ ...rec(`it-${run}-wm`, 1, 0, m + 150_000), partition: p })),
      );

      const windows = await waitFor(
        () => {
          const ours = kcatRecords('stavanger_parking_occupancy_1m').filter((r) => r.key === a || r.key === b);
          return Promise.resolve(ours.length >= 4 ? ours : null);
        },
        60_000,
        'four window results',
      );
      const rows = windows
        .map((w) => JSON.parse(w.value) as Record<string, unknown>)
        .sort((x, y) => String(x.garage).localeCompare(String(y.garage)) || Number(x.window_start_ms) - Number(y.window_start_ms));
      expect(
        rows.map((r) => [r.garage, Number(r.window_start_ms) - m, r.samples, r.avg_occupied, r.min_occupied, r.max_occupied, r.avg_occupancy_pct]),
      ).toEqual([
        [a, 0, 2, 98, 97, 99, 65.3],
        [a, 60_000, 1, 101, 101, 101, 67.3],
        [b, 0, 1, 100, 100, 100, 43.5],
        [b, 60_000, 2, 115, 110, 120, 50],
      ]);
      expect(rows[0].window_start).toBe(new Date(m).toISOString().replace('.000', ''));

      const detail = await service.insight.job(started.jobId);
      expect(detail.state).toBe('RUNNING');
      expect(detail.vertices.length).toBeGreaterThan(0);
      expect(detail.dashboardUrl).toBe(`${shared.flinkUrl}/#/job/${started.jobId}/overview`);
      await waitFor(async () => ((await service.insight.job(started.jobId)).checkpoints.completed > 0 ? true : null), 30_000, 'a completed checkpoint');
      // the list names the newest checkpoint, which may be the next one already IN_PROGRESS: wait for a completed one there too
      const summary = await waitFor(
        async () => {
          const job = (await service.insight.jobs()).find((j) => j.id === started.jobId);
          return job?.lastCheckpoint?.status === 'COMPLETED' ? job : null;
        },
        30_000,
        'a completed checkpoint in the jobs list',
      );
      expect(summary.lastCheckpoint?.status).toBe('COMPLETED');
    } finally {
      await service.operations.cancel(started.jobId);
    }
  });

  it("runs Flink's own StateMachineExample jar from Maven Central, uploaded through /jars/upload, at parallelism 2", async () => {
    await cancelAll();
    const dir = join(tmp, 'jars');
    const r = spawnSync('mvn', ['-q', '-B', 'dependency:copy', '-Dartifact=org.apache.flink:flink-examples-streaming:1.18.1', `-DoutputDirectory=${dir}`], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const jar = join(dir, 'flink-examples-streaming-1.18.1.jar');
    expect(existsSync(jar), r.stdout + r.stderr).toBe(true);

    const def = await service.catalog.uploadJarPipeline(
      SaveJarPipelineArgs.parse({ name: `it-${run}-statemachine`, entryClass: 'org.apache.flink.streaming.examples.statemachine.StateMachineExample' }),
      { fileName: 'flink-examples-streaming-1.18.1.jar', bytes: new Uint8Array(readFileSync(jar)) },
    );
    expect((await flink.jars()).files?.map((f) => f.id)).toContain(def.jarId);
    const started = await service.launch.start(StartPipelineArgs.parse({ pipelineName: def.name, parallelism: 2, checkpointIntervalMs: 5000 }));
    try {
      const detail = await waitFor(
        async () => {
          const d = await service.insight.job(started.jobId);
          return d.state === 'RUNNING' && d.vertices.every((v) => v.status === 'RUNNING') ? d : null;
        },
        60_000,
        'all vertices RUNNING',
      );
      expect(detail.parallelism).toBe(2);
      // the keyed state machine runs at the requested parallelism
      expect(detail.vertices.filter((v) => v.parallelism === 2).length).toBeGreaterThan(0);
      // a jar names its own job (env.execute("State machine job")): pipeline.name does not override it
      expect(detail.name).toBe('State machine job');
    } finally {
      await service.operations.cancel(started.jobId);
      await service.catalog.deletePipeline(def.name);
    }
    expect((await flink.jars()).files?.map((f) => f.id)).not.toContain(def.jarId);
  });

  it('stop-with-savepoint, then resume at parallelism 2: nothing lost, nothing counted twice', async () => {
    await cancelAll();
    const input = `it_${run}_count_in`;
    const output = `it_${run}_count_out`;
    await topics.create({ name: input, partitions: 2, replicationFactor: 1, retentionHours: 24, cleanupPolicy: 'delete', configs: {} });
    const name = `it-${run}-count`;
    service.catalog.saveSqlPipeline(
      SaveSqlPipelineArgs.parse({
        name,
        sourceTopic: input,
        sinkTopic: output,
        sql: `
        CREATE TEMPORARY TABLE src (k STRING, n INT) WITH ('connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '{{bootstrap}}',
          'properties.group.id' = 'streamdesk-{{pipeline}}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
        CREATE TEMPORARY TABLE snk (k STRING, cnt BIGINT, total BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = '${output}',
          'properties.bootstrap.servers' = '{{bootstrap}}', 'key.format' = 'json', 'value.format' = 'json');
        -- one row per key: how many records and the sum of n
        INSERT INTO snk SELECT k, COUNT(*), SUM(n) FROM src GROUP BY k;`,
      }),
    );
    const keys = ['a', 'b', 'c', 'd', 'e'];
    let seq = 0;
    const batch = (perKey: number) => keys.flatMap((k) => Array.from({ length: perKey }, () => ({ key: k, value: { k, n: ++seq } })));
    const produced = new Map<string, { cnt: number; total: number }>();
    const record = (msgs: Array<{ key: string; value: { n: number } }>) => {
      for (const m of msgs) {
        const p = produced.get(m.key) ?? { cnt: 0, total: 0 };
        produced.set(m.key, { cnt: p.cnt + 1, total: p.total + m.value.n });
      }
    };
    /** The latest upsert per key, as kcat reads it. */
    const latest = () => {
      const out = new Map<string, { cnt: number; total: number }>();
      for (const r of kcatRecords(output)) {
        const v = JSON.parse(r.value) as { k: string; cnt: number; total: number } | null;
        if (v) out.set(v.k, { cnt: v.cnt, total: v.total });
      }
      return out;
    };
    const matches = () => keys.every((k) => latest().get(k)?.cnt === produced.get(k)?.cnt && latest().get(k)?.total === produced.get(k)?.total);

    const b1 = batch(40);
    record(b1);
    await produce(input, b1);
    const first = await service.launch.start(StartPipelineArgs.parse({ pipelineName: name, parallelism: 1, checkpointIntervalMs: 1000 }));
    let second: string | null = null;
    try {
      await waitFor(() => Promise.resolve(matches()), 60_000, 'counts of batch 1');
      // batch 2 arrives while the job runs and is stopped mid-way; batch 3 while it is stopped
      const b2 = batch(40);
      record(b2);
      await produce(input, b2);
      const sp = await service.operations.stopWithSavepoint(first.jobId);
      expect(sp.path).toContain(join(shared.dataDir, 'flink', 'savepoints'));
      expect((await flink.job(first.jobId)).state).toBe('FINISHED');
      const b3 = batch(40);
      record(b3);
      await produce(input, b3);

      const listed = await service.operations.listSavepoints();
      expect(listed.map((s) => localPath(s.path))).toContain(localPath(sp.path));

      const resumed = await service.launch.resume(
        ResumePipelineArgs.parse({ savepointPath: sp.path, pipelineName: name, parallelism: 2, checkpointIntervalMs: 1000 }),
      );
      second = resumed.jobId;
      expect(resumed.resumedFrom).toBe(sp.path);
      expect(resumed.settings.parallelism).toBe(2);
      await waitFor(() => Promise.resolve(matches()), 60_000, 'counts of all three batches');
      const detail = await service.insight.job(resumed.jobId);
      expect(detail.checkpoints.restored).toBe(1);
      expect(Math.max(...detail.vertices.map((v) => v.parallelism))).toBe(2);
      // a little later still exactly the produced figures: 120 per key, nothing replayed twice
      await new Promise((r) => setTimeout(r, 3000));
      expect(Object.fromEntries(latest())).toEqual(Object.fromEntries(produced));
      expect([...produced.values()].every((p) => p.cnt === 120)).toBe(true);

      await service.operations.cancel(resumed.jobId);
      second = null;
      await service.operations.disposeSavepoint(sp.path);
      expect(existsSync(localPath(sp.path))).toBe(false);
      expect((await service.operations.listSavepoints()).map((s) => localPath(s.path))).not.toContain(localPath(sp.path));
    } finally {
      if (second) await service.operations.cancel(second).catch(() => undefined);
      await service.operations.cancel(first.jobId).catch(() => undefined);
    }
  });

  it('rejects an unknown pipeline, bad settings and bad SQL with clear messages, and starts nothing', async () => {
    const before = ((await flink.jobsOverview()).jobs ?? []).length;
    await expect(service.launch.start(StartPipelineArgs.parse({ pipelineName: 'no_such_pipeline' }))).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('pipelineName: no pipeline named "no_such_pipeline"') as string,
    });
    // Bad settings are the contract's to refuse (the service trusts what the dispatcher parsed).
    const api = { 'pipelines:start': (args: Parameters<typeof service.launch.start>[0]) => service.launch.start(args) } as unknown as Api;
    const bad = await dispatch(api, 'pipelines:start', { pipelineName: 'stavanger_parking_realtime', parallelism: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toEqual(['parallelism']);

    service.catalog.saveSqlPipeline(
      SaveSqlPipelineArgs.parse({ name: `it-${run}-bad`, sql: "CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen'); INSERT INTO t SELEC 1" }),
    );
    const e = await service.launch.start(StartPipelineArgs.parse({ pipelineName: `it-${run}-bad` })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StreamdeskError);
    expect((e as StreamdeskError).code).toBe('invalid-argument');
    expect((e as StreamdeskError).message).toMatch(/statement \d+ of \d+ was rejected by Flink: SqlParserException: SQL parse failed/);

    service.catalog.saveSqlPipeline(
      SaveSqlPipelineArgs.parse({
        name: `it-${run}-bad2`,
        sql: "CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen'); INSERT INTO t SELECT b FROM t",
      }),
    );
    await expect(service.launch.start(StartPipelineArgs.parse({ pipelineName: `it-${run}-bad2` }))).rejects.toThrow(/Column 'b' not found/);
    expect(((await flink.jobsOverview()).jobs ?? []).length).toBe(before);
  });
});
