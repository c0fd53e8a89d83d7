import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GeneratorStatus } from '@shared/generator';
import { GeneratorService } from '@main/services/generator/generator-service';
import { kafkaClient } from '@main/clients/kafka/kafka-target';

const run = promisify(execFile);
const shared = inject('sharedStack');
const target = { brokers: [shared.bootstrap] };

/** Records in a topic according to kcat (librdkafka), not kafkajs: end − start offset per partition. */
async function kcatOffsets(topic: string, partitions: number): Promise<number[]> {
  const offset = async (partition: number, which: -1 | -2) => {
    const { stdout } = await run('kcat', ['-b', shared.bootstrap, '-Q', '-t', `${topic}:${partition}:${which}`]);
    const match = /offset:?\s*(-?\d+)/.exec(stdout);
    if (!match) throw new Error(`unexpected kcat -Q output: ${stdout}`);
    return Number(match[1]);
  };
  const counts: number[] = [];
  for (let p = 0; p < partitions; p++) counts.push((await offset(p, -1)) - (await offset(p, -2)));
  return counts;
}

/** A second, independent count: consume the whole topic with kcat and count the lines. */
async function kcatConsumedCount(topic: string): Promise<number> {
  const { stdout } = await run('kcat', ['-b', shared.bootstrap, '-C', '-e', '-q', '-o', 'beginning', '-t', topic, '-f', '%p %o\n'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\n').filter(Boolean).length;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(read: () => GeneratorStatus | null, done: (s: GeneratorStatus) => boolean, timeoutMs: number): Promise<GeneratorStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = read();
    if (status && done(status)) return status;
    if (Date.now() > deadline) throw new Error(`generator did not reach the condition in ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await sleep(50);
  }
}

describe('data generator against a real broker', () => {
  let admin: Admin;
  const service = new GeneratorService({ target: () => target });

  beforeAll(async () => {
    admin = kafkaClient(target).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await service.stopAll();
    await admin.disconnect();
  });

  async function freshTopic(prefix: string, partitions: number): Promise<string> {
    const topic = `${prefix}-${Date.now().toString(36)}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    return topic;
  }

  it('streams Stavanger parking events at 500/s with exact, independently confirmed counts', async () => {
    const topic = await freshTopic('gen-parking', 3);
    const progress: GeneratorStatus[] = [];
    const watched = new GeneratorService({ target: () => target, onProgress: (status) => progress.push(status) });
    const started = await watched.start({ topic, kind: 'stavanger-parking', ratePerSec: 500 });
    expect(started).toMatchObject({ state: 'running', topic, sent: 0, failed: 0 });

    await sleep(3000);
    const live = watched.get(started.id)!;
    const final = await watched.stop(started.id);

    const perPartition = await kcatOffsets(topic, 3);
    const consumed = await kcatConsumedCount(topic);
    const seconds = (final.stoppedAt! - final.startedAt) / 1000;
    const average = final.sent / seconds;
    console.log(
      `[generator] 500/s for ${seconds.toFixed(2)} s: sent=${final.sent} failed=${final.failed} live=${live.currentRatePerSec}/s ` +
        `average=${average.toFixed(1)}/s partitions=${perPartition.join('+')} kcat-consumed=${consumed} progress-events=${progress.length}`,
    );

    expect(final).toMatchObject({ state: 'stopped', failed: 0, inFlight: 0, lastError: null });
    expect(final.sent).toBeGreaterThan(0);
    expect(sum(perPartition)).toBe(final.sent);
    expect(consumed).toBe(final.sent);
    expect(perPartition.every((n) => n > 0)).toBe(true); // ten garages as keys spread over all partitions
    expect(live.currentRatePerSec).toBeGreaterThan(500 * 0.85);
    expect(live.currentRatePerSec).toBeLessThan(500 * 1.15);
    expect(average).toBeGreaterThan(500 * 0.85);
    expect(average).toBeLessThan(500 * 1.15);
    // Throttled to about one a second, plus running → stopping → stopped.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds) + 4);
    expect(progress.at(-1)).toMatchObject({ state: 'stopped', sent: final.sent });
  });

  it('stops by itself after maxRecords, with exactly that many records in the topic', async () => {
    const topic = await freshTopic('gen-ticks', 3);
    const started = await service.start({ topic, kind: 'market-ticks', ratePerSec: 2000, maxRecords: 1000, seed: 7 });
    const final = await until(
      () => service.get(started.id),
      (s) => s.state === 'stopped',
      20_000,
    );
    expect(final).toMatchObject({ sent: 1000, failed: 0, inFlight: 0, maxRecords: 1000, seed: 7 });
    expect(sum(await kcatOffsets(topic, 3))).toBe(1000);
    expect(await kcatConsumedCount(topic)).toBe(1000);
  });

  it('runs several generators at once, each counted on its own', async () => {
    const topics = [await freshTopic('gen-iot', 2), await freshTopic('gen-logs', 1)];
    const a = await service.start({ topic: topics[0], kind: 'iot-sensors', ratePerSec: 300, maxRecords: 600 });
    const b = await service.start({ topic: topics[1], kind: 'log-lines', ratePerSec: 400, maxRecords: 500 });
    expect(service.list().map((s) => s.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const [fa, fb] = await Promise.all([
      until(
        () => service.get(a.id),
        (s) => s.state === 'stopped',
        20_000,
      ),
      until(
        () => service.get(b.id),
        (s) => s.state === 'stopped',
        20_000,
      ),
    ]);
    expect([fa.sent, fb.sent]).toEqual([600, 500]);
    expect(await kcatConsumedCount(topics[0])).toBe(600);
    expect(await kcatConsumedCount(topics[1])).toBe(500);
  });

  it('at the top rate stays exact and bounded, and reports the rate it really reaches', async () => {
    const topic = await freshTopic('gen-fast', 3);
    const progress: GeneratorStatus[] = [];
    const fast = new GeneratorService({ target: () => target, onProgress: (status) => progress.push(status) });
    const started = await fast.start({ topic, kind: 'user-activity', ratePerSec: 20_000 });
    await sleep(3000);
    const live = fast.get(started.id)!;
    const final = await fast.stop(started.id);
    const average = final.sent / ((final.stoppedAt! - final.startedAt) / 1000);
    console.log(
      `[generator] 20000/s: sent=${final.sent} failed=${final.failed} live=${live.currentRatePerSec}/s average=${average.toFixed(0)}/s maxInFlight=${Math.max(...progress.map((p) => p.inFlight))}`,
    );
    expect(final.failed).toBe(0);
    expect(sum(await kcatOffsets(topic, 3))).toBe(final.sent);
    // Never more than the bounded batches (4 × 4000 records) awaiting the broker.
    expect(Math.max(live.inFlight, ...progress.map((p) => p.inFlight))).toBeLessThanOrEqual(16_000);
    expect(live.currentRatePerSec).toBeLessThan(20_000 * 1.15);
    expect(Math.abs(live.currentRatePerSec - average)).toBeLessThan(average * 0.3); // the live figure tells the truth
  });

  it("ends in failed, with the broker's reason, when its topic is deleted under it", async () => {
    const topic = await freshTopic('gen-doomed', 1);
    const started = await service.start({ topic, kind: 'log-lines', ratePerSec: 200 });
    await until(
      () => service.get(started.id),
      (s) => s.sent > 0,
      10_000,
    );
    await admin.deleteTopics({ topics: [topic] });
    const final = await until(
      () => service.get(started.id),
      (s) => s.state === 'failed' || s.state === 'stopped',
      60_000,
    );
    console.log(`[generator] topic deleted: ${JSON.stringify(final)}`);
    expect(final.state).toBe('failed');
    expect(final.lastError).toMatch(/topic/i);
    expect(final.failed).toBeGreaterThan(0);
    expect(final.inFlight).toBe(0);
  });

  it('refuses a topic that does not exist, naming it, and creates nothing', async () => {
    const topic = `gen-missing-${Date.now().toString(36)}`;
    const before = service.list().length;
    await expect(service.start({ topic, kind: 'user-activity', ratePerSec: 100 })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining(`"${topic}"`) as string,
    });
    expect(service.list().length).toBe(before);
    await sleep(500);
    expect(await admin.listTopics()).not.toContain(topic);
  });
});
