// End-to-end latency of running pipelines on the shared real stack (Flink 1.18 + Kafka 3.9):
// records with known event times go in, the service's figure is compared with the latency the
// test computes itself from the output topic, read with kafkajs (arrival = Kafka timestamp).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PipelineLatency } from '@shared/flink';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { TopicsService } from '@main/services/topics/topics-service';
import { MessagesService } from '@main/services/messages/messages-service';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { createPipelineServices, PipelineCatalog, topicsServiceEnsurer } from '@main/services/pipelines';
import { SaveSqlPipelineArgs, StartPipelineArgs } from '@shared/pipelines';
import { cancelAllJobs, waitFor } from './flink-support';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const run = Math.random().toString(36).slice(2, 8);
const tmp = mkdtempSync(join(tmpdir(), 'streamdesk-latency-it-'));

const flink = new FlinkRestClient({ fetch, baseUrl: shared.flinkUrl });
const topics = new TopicsService(target);
const messages = new MessagesService(target);
const service = createPipelineServices({
  flink,
  gateway: new SqlGatewayClient({ fetch, baseUrl: shared.sqlGatewayUrl }),
  catalog: new PipelineCatalog(join(tmp, 'pipelines.json')),
  topics: topicsServiceEnsurer(topics),
  kafkaBootstrap: shared.bootstrap,
  savepointsDir: null,
  newestRecords: async (topic, limit) => (await messages.browse({ topic, partition: null, from: { kind: 'end', count: limit }, limit })).records,
});

const cancelAll = () => cancelAllJobs(flink);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function produce(topic: string, values: Array<Record<string, unknown>>): Promise<void> {
  const producer = kafkaClient(target()).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: values.map((v) => ({ value: JSON.stringify(v) })) });
  } finally {
    await producer.disconnect();
  }
}

/** Every record of a topic as kafkajs hands it over: its Kafka timestamp and JSON value. */
async function readAll(topic: string, expected: number): Promise<Array<{ timestamp: number; value: Record<string, number> }>> {
  const consumer = kafkaClient(target()).consumer({ groupId: `it-latency-reader-${run}-${Math.random().toString(36).slice(2)}` });
  const out: Array<{ timestamp: number; value: Record<string, number> }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        out.push({ timestamp: Number(message.timestamp), value: JSON.parse(message.value!.toString()) as Record<string, number> });
        return Promise.resolve();
      },
    });
    // joining a fresh consumer group takes a while on a loaded machine
    await waitFor(() => Promise.resolve(out.length >= expected), 90_000, `${expected} records in ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

const medianOf = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function latencyOf(jobId: string, samples: number): Promise<PipelineLatency> {
  return waitFor(
    async () => {
      const job = (await service.insight.jobs()).find((j) => j.id === jobId);
      return job?.latency && job.latency.samples >= samples ? job.latency : null;
    },
    60_000,
    `a latency figure over ${samples} results`,
  );
}

beforeAll(cancelAll, 90_000);
afterAll(async () => {
  await cancelAll();
  rmSync(tmp, { recursive: true, force: true });
}, 90_000);

describe('end-to-end latency on the real stack', () => {
  it("a 1:1 pipeline: arrival minus each input's event time, as read independently from the output topic", async () => {
    const input = `it_${run}_lat_in`;
    const output = `it_${run}_lat_out`;
    await topics.create({ name: input, partitions: 2, replicationFactor: 1, retentionHours: 24, cleanupPolicy: 'delete', configs: {} });
    const name = `it-${run}-lat`;
    service.catalog.saveSqlPipeline(
      SaveSqlPipelineArgs.parse({
        name,
        sourceTopic: input,
        sinkTopic: output,
        resultEventTimeField: 'event_time',
        sql: `
        CREATE TEMPORARY TABLE src (id INT, event_time BIGINT) WITH ('connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '{{bootstrap}}',
          'properties.group.id' = 'streamdesk-{{pipeline}}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
        CREATE TEMPORARY TABLE snk (id INT, event_time BIGINT) WITH ('connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '{{bootstrap}}', 'format' = 'json');
        INSERT INTO snk SELECT id, event_time FROM src;`,
      }),
    );
    const started = await service.launch.start(StartPipelineArgs.parse({ pipelineName: name, parallelism: 1, checkpointIntervalMs: null }));
    try {
      // each record's event time lies 3 s before it is produced: every latency is at least 3 s
      const producedAt = Date.now();
      await produce(
        input,
        Array.from({ length: 10 }, (_, i) => ({ id: i, event_time: producedAt - 3_000 - i * 100 })),
      );

      const latency = await latencyOf(started.jobId, 10);
      const observed = await readAll(output, 10);
      const each = observed.map((r) => r.timestamp - r.value.event_time);
      expect(each.every((l) => l >= 3_000)).toBe(true);
      expect(latency).toMatchObject({ sinkTopic: output, eventTimeField: 'event_time', samples: 10, note: null, oldestInputP50Ms: null });
      expect(latency.p50Ms).toBeGreaterThan(0);
      expect(latency.minMs).toBe(Math.min(...each));
      expect(latency.maxMs).toBe(Math.max(...each));
      expect(latency.p50Ms).toBe(medianOf(each));
      expect(latency.newestArrivalAt).toBe(Math.max(...observed.map((r) => r.timestamp)));

      const detail = await service.insight.job(started.jobId);
      expect(detail.pipelineName).toBe(name);
      expect(detail.latency?.p50Ms).toBe(latency.p50Ms);
    } finally {
      await service.operations.cancel(started.jobId);
    }
    // a job that no longer runs has no live figure
    await waitFor(async () => ((await flink.job(started.jobId)).state === 'CANCELED' ? true : null), 30_000, 'the job cancelled');
    expect((await service.insight.jobs()).find((j) => j.id === started.jobId)?.latency).toBeNull();
  });

  it('a windowed pipeline: the figure from the newest input includes the wait for the window to close; from the oldest, the whole window', async () => {
    await cancelAll();
    const input = `it_${run}_win_in`;
    const output = `it_${run}_win_out`;
    await topics.create({ name: input, partitions: 1, replicationFactor: 1, retentionHours: 24, cleanupPolicy: 'delete', configs: {} });
    const name = `it-${run}-win`;
    service.catalog.saveSqlPipeline(
      SaveSqlPipelineArgs.parse({
        name,
        sourceTopic: input,
        sinkTopic: output,
        resultEventTimeField: 'newest_ms',
        resultOldestEventTimeField: 'oldest_ms',
        sql: `
        CREATE TEMPORARY TABLE src (n INT, event_time BIGINT, ts AS TO_TIMESTAMP_LTZ(event_time, 3), WATERMARK FOR ts AS ts) WITH ('connector' = 'kafka', 'topic' = '${input}',
          'properties.bootstrap.servers' = '{{bootstrap}}', 'properties.group.id' = 'streamdesk-{{pipeline}}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
        CREATE TEMPORARY TABLE snk (samples BIGINT, newest_ms BIGINT, oldest_ms BIGINT) WITH ('connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '{{bootstrap}}', 'format' = 'json');
        INSERT INTO snk SELECT COUNT(*), MAX(event_time), MIN(event_time) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '4' SECOND)) GROUP BY window_start, window_end;`,
      }),
    );
    const started = await service.launch.start(StartPipelineArgs.parse({ pipelineName: name, parallelism: 1, checkpointIntervalMs: null }));
    try {
      // a record every 500 ms stamped with the time it is sent: a 4 s window closes when the first record past its end arrives
      for (let i = 0; i < 26; i++) {
        await produce(input, [{ n: i, event_time: Date.now() }]);
        await sleep(500);
      }
      const observed = await waitFor(
        async () => {
          const all = (await messages.browse({ topic: output, partition: null, from: { kind: 'beginning' }, limit: 100 })).records;
          return all.length >= 2 ? all.length : null;
        },
        30_000,
        'two window results',
      );
      const results = await readAll(output, observed);
      const latency = await latencyOf(started.jobId, results.length);
      const fromNewest = results.map((r) => r.timestamp - r.value.newest_ms);
      const fromOldest = results.map((r) => r.timestamp - r.value.oldest_ms);
      expect(latency.p50Ms).toBe(medianOf(fromNewest));
      expect(latency.oldestInputP50Ms).toBe(medianOf(fromOldest));
      expect(latency.p50Ms).toBeGreaterThan(0);
      // the oldest input of a full window waited about the window's length (≈3.5 s of 4) longer than the newest
      expect(latency.oldestInputP50Ms! - latency.p50Ms!).toBeGreaterThan(2_500);
    } finally {
      await service.operations.cancel(started.jobId);
    }
  });
});
