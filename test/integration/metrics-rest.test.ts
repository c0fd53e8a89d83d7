// The seed's GET /api/streaming/metrics/:topic on a real broker with the JMX exporter agent: what a
// known ingest (through the seed's own POST /api/streaming/ingest) shows in its series, checked
// against the broker's own account of the topic (its size on disk) and the ingest's answer.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { METRIC_NAMES, type Point, type StreamingMetrics } from '@shared/metrics';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { NATIVE_DIR } from '../stack';

const shared = inject('sharedStack');
const TOKEN = 'integration-token-metrics-rest-0123';
const TOPIC = 'it.metrics-rest';
const COMPACTED = 'it.metrics-rest-compacted';
const BATCHES = 6;
const PER_BATCH = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The area under a rate series: each point is the rate over the interval before it. */
const areaOf = (points: Point[], since = 0) =>
  points.reduce((sum, [at, value], i) => (at <= since ? sum : sum + value * (i === 0 ? 1 : (at - points[i - 1][0]) / 1000)), 0);

describe('GET /api/streaming/metrics/:topic after a known ingest', () => {
  let backend: Backend;
  let web: WebHost;
  let base: string;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...init.headers } });
  const metrics = async (topic: string, range = '5m') => {
    const response = await call(`/api/streaming/metrics/${encodeURIComponent(topic)}?time_range=${range}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as StreamingMetrics;
  };

  beforeAll(async () => {
    backend = createBackend({
      version: 'test',
      connection: {
        name: 'it',
        kafkaBootstrap: [shared.bootstrap],
        zookeeper: shared.zookeeper,
        flinkUrl: shared.flinkUrl,
        kafkaUiUrl: null,
        prometheusUrl: shared.exporterUrl,
      },
      dataDir: shared.dataDir,
      libDir: `${NATIVE_DIR}/lib`,
      confDir: `${NATIVE_DIR}/conf`,
      kraft: false,
      logger: silentLogger,
    });
    backend.start(); // the samplers, as `streamdesk serve` starts them
    web = await startWebHost({
      api: backend.api,
      bus: backend.bus,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
    base = `http://127.0.0.1:${web.port}`;
    for (const [name, cleanup_policy] of [
      [TOPIC, 'delete'],
      [COMPACTED, 'compact'],
    ]) {
      const created = await call('/api/streaming/topics', {
        method: 'POST',
        body: JSON.stringify({ topic_name: name, config: { partitions: 3, replication_factor: 1, retention_hours: 1, cleanup_policy } }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
    }
  });
  afterAll(async () => {
    await backend.dispose();
    await web.close();
  });

  it('answers messages/s, MB/s and requests/s whose totals are the records ingested and the bytes the broker stored', async () => {
    // asking makes the sampler watch the new topics; two rounds later they have a previous offset
    await metrics(TOPIC);
    await metrics(COMPACTED);
    await sleep(2500);
    for (let batch = 0; batch < BATCHES; batch += 1) {
      const answer = await call(`/api/streaming/ingest/${TOPIC}`, {
        method: 'POST',
        body: JSON.stringify(Array.from({ length: PER_BATCH }, (_, i) => ({ batch, i, reading: Math.sin(i) }))),
      });
      expect(await answer.json()).toEqual({ topic: TOPIC, written: PER_BATCH, failed: 0 });
      await sleep(1000);
    }
    await sleep(2500);
    const answer = await metrics(TOPIC);

    expect(answer).toMatchObject({ topic: TOPIC, time_range: '5m', resolution_ms: 1000, unavailable: [] });
    expect(Object.keys(answer.series).sort()).toEqual([...METRIC_NAMES].sort());
    expect(Object.keys(answer.current).sort()).toEqual([...METRIC_NAMES].sort());
    const sent = BATCHES * PER_BATCH;
    const messages = areaOf(answer.series.messages_per_sec);
    expect(Math.abs(messages - sent) / sent).toBeLessThan(0.05);
    // the burst shows as points of about a batch a second
    expect(Math.max(...answer.series.messages_per_sec.map(([, value]) => value))).toBeGreaterThan(PER_BATCH * 0.5);

    const described = await backend.api['topics:describe']({ name: TOPIC });
    const stored = described.summary.sizeBytes ?? 0;
    const bytesIn = areaOf(answer.series.bytes_in_per_sec);
    console.log(
      `[metrics-rest] ${sent} records ingested: ${messages.toFixed(0)} in the messages/s series; ${bytesIn.toFixed(0)} bytes in the bytes-in series, ${stored} bytes on the broker's disk`,
    );
    expect(stored).toBeGreaterThan(0);
    expect(Math.abs(bytesIn - stored) / stored).toBeLessThan(0.05);
    // each ingest is at least one produce request; the sampler's own reads are not fetches
    expect(areaOf(answer.series.requests_per_sec)).toBeGreaterThanOrEqual(BATCHES);
    expect(areaOf(answer.series.errors_per_sec)).toBe(0);
  });

  it('counts a record the broker refuses as a failed request of its topic and an error response of the cluster', async () => {
    const since = Date.now();
    // a compacted topic refuses a record without a key (INVALID_RECORD): the ingest says so and why, nothing is written
    const refused = await call(`/api/streaming/ingest/${COMPACTED}`, { method: 'POST', body: JSON.stringify({ keyless: true }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/refused the records.*without a key.*INVALID_RECORD/);
    await sleep(2500);
    const topic = await metrics(COMPACTED);
    expect(Math.round(areaOf(topic.series.errors_per_sec))).toBe(1); // one failed produce (the area is a rate times the time between samples)
    const cluster = await backend.api['metrics:cluster']({ time_range: '5m' });
    // rounded as above: a rate times the span it was divided by is 0.9999999999999999 at times
    expect(Math.round(areaOf(cluster.series.errors_per_sec, since))).toBeGreaterThanOrEqual(1);
  });

  it('refuses an unknown topic (404), an unknown range (400) and a request without the token (401)', async () => {
    const unknown = await call('/api/streaming/metrics/it.no-such-topic?time_range=1h');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('it.no-such-topic');
    const badRange = await call(`/api/streaming/metrics/${TOPIC}?time_range=2h`);
    expect(badRange.status).toBe(400);
    expect(((await badRange.json()) as { error: { message: string } }).error.message).toMatch(/time_range/);
    expect((await fetch(`${base}/api/streaming/metrics/${TOPIC}?time_range=1h`)).status).toBe(401);
  });
});
