import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXPORTER_METRICS, type ResourceMetrics } from '@shared/metrics';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { createPipelineServices, PipelineCatalog, topicsServiceEnsurer } from '@main/services/pipelines';
import { StartPipelineArgs } from '@shared/pipelines';
import { withKafkaAdmin } from '@main/clients/kafka/admin-session';
import { TopicsService } from '@main/services/topics/topics-service';
import { MetricsSampler } from '@main/services/metrics/metrics-sampler';
import { ResourceSampler } from '@main/services/metrics/resource-sampler';
import { readPidFile } from '@main/services/stack/native/proc';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const TOPIC = 'it.metrics-rate';
const QUIET_TOPIC = 'it.metrics-quiet';
const RATE = 200;
const SECONDS = 12;

/**
 * kcat writes RATE lines a second for SECONDS seconds (fed on a fixed schedule), so the rate is
 * known independently of StreamDesk.
 */
function produceWithKcat(): Promise<number> {
  return new Promise((resolve, reject) => {
    const kcat = spawn('kcat', ['-b', shared.bootstrap, '-P', '-t', TOPIC, '-X', 'linger.ms=5'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let sent = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      const owed = Math.min(RATE * SECONDS, Math.floor(((Date.now() - started) / 1000) * RATE));
      const lines: string[] = [];
      while (sent < owed) lines.push(JSON.stringify({ n: sent++, event_time: Date.now() }));
      if (lines.length) kcat.stdin.write(lines.join('\n') + '\n');
      if (sent >= RATE * SECONDS) {
        clearInterval(timer);
        kcat.stdin.end();
      }
    }, 20);
    kcat.on('error', reject);
    kcat.on('exit', (code) => (code === 0 ? resolve(sent) : reject(new Error(`kcat exited with ${code}`))));
  });
}

describe('metrics sampler on a real broker', () => {
  const sampler = new MetricsSampler({ target, prometheusUrl: () => null, intervalMs: 1000 });

  beforeAll(async () => {
    await withKafkaAdmin(target(), 'create topics', (admin) =>
      admin.createTopics({
        topics: [
          { topic: TOPIC, numPartitions: 3, replicationFactor: 1 },
          { topic: QUIET_TOPIC, numPartitions: 1, replicationFactor: 1 },
        ],
        waitForLeaders: true,
      }),
    );
    sampler.start();
  });
  afterAll(() => sampler.stop());

  it(`measures ${RATE} messages/s produced by kcat within 10%, and the series shows the burst`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sent = await produceWithKcat();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const metrics = await sampler.topicMetrics(TOPIC, '5m');
    const values = metrics.series.messages_per_sec.map(([, value]) => value);
    // The middle of the burst: skip the first and last seconds, where a sample straddles its edges.
    const steady = values.filter((value) => value > 0).slice(2, -2);
    expect(steady.length).toBeGreaterThanOrEqual(SECONDS - 5);
    const mean = steady.reduce((sum, value) => sum + value, 0) / steady.length;
    console.log(`[metrics] kcat sent ${sent} at ${RATE}/s; StreamDesk measured a mean of ${mean.toFixed(1)}/s over ${steady.length} samples`);
    expect(Math.abs(mean - RATE) / RATE).toBeLessThan(0.1);
    // Everything that was sent is accounted for: the area under the curve is the message count
    // (each point is the rate over the second before it).
    const total = metrics.series.messages_per_sec.reduce((sum, [, value], i, all) => sum + value * (i === 0 ? 1 : (all[i][0] - all[i - 1][0]) / 1000), 0);
    expect(Math.abs(total - sent) / sent).toBeLessThan(0.05);
    expect(metrics.unavailable).toEqual([...EXPORTER_METRICS]);
  });

  it('sends the topics with recent traffic in each sample and leaves quiet ones out', async () => {
    const sample = await sampler.sample();
    expect(sample?.topics[TOPIC]).toBeDefined(); // it had traffic in the test before
    expect(sample?.topics[QUIET_TOPIC]).toBeUndefined(); // known to the sampler since its start, never written
    expect(sample?.cluster.messages_per_sec).not.toBeNull();
  });

  it('answers an unknown topic with not-found', async () => {
    await expect(sampler.topicMetrics('it.no-such-topic', '1h')).rejects.toThrow(/does not exist/);
  });

  it('lists its topics from a borrowed listing when offered one, yet finds a topic created since it (read afresh)', async () => {
    // the health poll's scan as a big cluster lends it: a listing taken before the topic below existed
    const borrowed = { topics: [{ name: QUIET_TOPIC, partitions: [{ partitionId: 0 }] }], at: Date.now() };
    const lent: string[] = [];
    const borrower = new MetricsSampler({
      target,
      prometheusUrl: () => null,
      sharedTopics: (asked) => {
        lent.push(asked.brokers.join(','));
        return borrowed;
      },
    });
    const created = `it.metrics-after-scan-${Date.now()}`;
    try {
      await borrower.sample();
      expect(lent).toEqual([shared.bootstrap]); // its first round asked the lender, with its own target
      await withKafkaAdmin(target(), 'create a topic', (admin) => admin.createTopics({ topics: [{ topic: created, numPartitions: 1, replicationFactor: 1 }] }));
      // without reading afresh, the lent listing (which lacks it) would answer not-found
      const answer = await borrower.topicMetrics(created, '5m');
      expect(answer.topic).toBe(created);
      expect(lent).toHaveLength(1);
    } finally {
      await borrower.stop();
      await withKafkaAdmin(target(), 'delete a topic', (admin) => admin.deleteTopics({ topics: [created] }));
    }
  });
});

/** kcat writes `count` parking records to `topic` at `rate` a second (a fixed schedule, as above). */
function produceParkingWithKcat(topic: string, rate: number, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const kcat = spawn('kcat', ['-b', shared.bootstrap, '-P', '-t', topic, '-K', '\t'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let sent = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      const owed = Math.min(count, Math.floor(((Date.now() - started) / 1000) * rate));
      const lines: string[] = [];
      for (; sent < owed; sent += 1)
        lines.push(
          `it-metrics\t${JSON.stringify({ garage: 'it-metrics', capacity: 100, occupied: sent % 100, free: 100 - (sent % 100), occupancy_pct: sent % 100, event_time: Date.now() })}`,
        );
      if (lines.length) kcat.stdin.write(lines.join('\n') + '\n');
      if (sent >= count) {
        clearInterval(timer);
        kcat.stdin.end();
      }
    }, 20);
    kcat.on('error', reject);
    kcat.on('exit', (code) => (code === 0 ? resolve(sent) : reject(new Error(`kcat exited with ${code}`))));
  });
}

const series = (metrics: ResourceMetrics, key: string) => metrics.series.find((entry) => entry.key === key);

describe('Flink, ZooKeeper and process figures on the real stack', () => {
  const flink = new FlinkRestClient({ fetch, baseUrl: shared.flinkUrl });
  const tmp = mkdtempSync(join(tmpdir(), 'streamdesk-metrics-it-'));
  const pipelines = createPipelineServices({
    flink,
    gateway: new SqlGatewayClient({ fetch, baseUrl: shared.sqlGatewayUrl }),
    catalog: new PipelineCatalog(join(tmp, 'pipelines.json')),
    topics: topicsServiceEnsurer(new TopicsService(target)),
    kafkaBootstrap: shared.bootstrap,
    savepointsDir: join(shared.dataDir, 'flink', 'savepoints'),
  });
  const services = ['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager'];
  const resources = new ResourceSampler({
    flink: () => flink,
    zookeeper: () => shared.zookeeper,
    // The stack harness is the native runner: its pid files are where the app's stack service reads them.
    processes: () =>
      Promise.resolve({
        available: true,
        processes: services.flatMap((service) => {
          const pid = readPidFile(join(shared.dataDir, 'run', `${service}.pid`));
          return pid === null ? [] : [{ service, pid }];
        }),
      }),
    intervalMs: 2000,
  });
  let jobId: string | null = null;

  afterAll(async () => {
    resources.stop();
    if (jobId) await flink.cancel(jobId).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it("reads a running pipeline's records/s, checkpoints and restarts, TaskManager CPU and heap, ZooKeeper latency, process CPU and memory", async () => {
    const started = await pipelines.launch.start(
      StartPipelineArgs.parse({ pipelineName: 'stavanger_parking_realtime', parallelism: 1, checkpointIntervalMs: 2000 }),
    );
    jobId = started.jobId;
    resources.start();
    const RATE = 50;
    const producing = produceParkingWithKcat('stavanger_parking_events', RATE, RATE * 40);
    // Flink's metric fetcher refreshes every 10 s and its rates are meters over a minute: wait for them to show.
    const deadline = Date.now() + 60_000;
    let metrics = resources.metrics('5m');
    while (Date.now() < deadline) {
      metrics = resources.metrics('5m');
      const recordsIn = series(metrics, 'flink||records_in_per_sec')?.current ?? 0;
      const recordsOut = series(metrics, `flink-job|${jobId}|records_out_per_sec`)?.current ?? 0;
      const checkpoint = series(metrics, 'flink||checkpoint_size_bytes')?.current ?? 0;
      if (recordsIn > 0 && recordsOut > 0 && checkpoint > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await producing;
    const current = (key: string) => series(metrics, key)?.current ?? null;
    console.log(`[metrics] ${metrics.series.map((entry) => `${entry.key}=${entry.current === null ? '—' : Number(entry.current.toFixed(3))}`).join(' ')}`);
    expect(metrics.unavailable).toEqual([]);
    // records/s: the source reads what kcat writes (a one-minute meter, so it ramps up; never above the rate)
    const recordsIn = current('flink||records_in_per_sec')!;
    expect(recordsIn).toBeGreaterThan(0);
    expect(recordsIn).toBeLessThanOrEqual(RATE * 1.2);
    expect(current(`flink-job|${jobId}|records_in_per_sec`)).toBe(recordsIn);
    expect(current(`flink-job|${jobId}|records_out_per_sec`)).toBeGreaterThan(0);
    expect(current('flink||backpressured_ratio')).toBeGreaterThanOrEqual(0);
    expect(current('flink||checkpoint_duration_ms')).toBeGreaterThanOrEqual(0);
    expect(current('flink||checkpoint_size_bytes')).toBeGreaterThan(0);
    expect(current(`flink-job|${jobId}|restarts`)).toBe(0);
    const tm = metrics.series.filter((entry) => entry.group === 'taskmanager');
    const load = tm.find((entry) => entry.metric === 'cpu_load')!.current!;
    expect(load).toBeGreaterThanOrEqual(0);
    expect(load).toBeLessThanOrEqual(1);
    const heapUsed = tm.find((entry) => entry.metric === 'heap_used_bytes')!.current!;
    expect(heapUsed).toBeGreaterThan(0);
    expect(heapUsed).toBeLessThanOrEqual(tm.find((entry) => entry.metric === 'heap_max_bytes')!.current!);
    const zkAvg = current(`zookeeper|${shared.zookeeper}|avg_latency_ms`)!;
    expect(zkAvg).toBeGreaterThanOrEqual(0);
    expect(current(`zookeeper|${shared.zookeeper}|max_latency_ms`)).toBeGreaterThanOrEqual(zkAvg);
    expect(current(`zookeeper|${shared.zookeeper}|round_trip_ms`)).toBeGreaterThanOrEqual(0);
    for (const service of services) {
      expect(current(`process|${service}|rss_bytes`), service).toBeGreaterThan(50 * 1024 * 1024);
      expect(current(`process|${service}|cpu_percent`), service).toBeGreaterThanOrEqual(0);
    }
    // Kafka and the JVMs did work while records flowed: some process used CPU
    expect(Math.max(...services.map((service) => current(`process|${service}|cpu_percent`)!))).toBeGreaterThan(0);
    // starting a SQL pipeline (SQL Gateway, job submission) and a minute of Flink's meters take their time on a busy machine
  }, 300_000);

  it('says which figures it cannot read and why, and keeps reading the others', async () => {
    const remote = new ResourceSampler({
      flink: () => new FlinkRestClient({ fetch, baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 }),
      zookeeper: () => null,
      processes: () => Promise.resolve({ available: false, reason: 'Only measured for the local stack; this connection is a remote cluster' }),
    });
    const sample = await remote.sample();
    expect(sample.values).toEqual([]);
    expect(sample.unavailable.map((entry) => entry.source).sort()).toEqual(['flink', 'process', 'zookeeper']);
    expect(sample.unavailable.find((entry) => entry.source === 'process')!.reason).toMatch(/local stack/);
    expect(sample.unavailable.find((entry) => entry.source === 'zookeeper')!.reason).toMatch(/KRaft/);
    expect(sample.unavailable.find((entry) => entry.source === 'flink')!.reason).toMatch(/127\.0\.0\.1:1/);
    const withZookeeper = new ResourceSampler({
      flink: () => null,
      zookeeper: () => shared.zookeeper,
      processes: () => Promise.resolve({ available: false, reason: 'remote' }),
    });
    const zk = await withZookeeper.sample();
    expect(zk.values.map((entry) => entry.metric).sort()).toEqual(['avg_latency_ms', 'max_latency_ms', 'round_trip_ms']);
    expect(zk.unavailable.find((entry) => entry.source === 'flink')!.reason).toMatch(/no Flink REST URL/);
  });
});
