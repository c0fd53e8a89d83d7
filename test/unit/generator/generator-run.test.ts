import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GeneratorStatus } from '@shared/generator';
import { GeneratorRun, type OutgoingMessage, type RunEdges } from '@main/services/generator/generator-run';

// The producer is an injected edge: here a function we resolve or reject by hand, to drive the
// run's bookkeeping (back-pressure, exact counts). The real producer is in the integration test.
interface Harness {
  run: GeneratorRun;
  batches: { messages: OutgoingMessage[]; resolve: () => void; reject: (e: Error) => void }[];
  progress: GeneratorStatus[];
  closed: number;
}

function harness(settings: { ratePerSec: number; maxRecords?: number }, edges: Partial<RunEdges> = {}, autoAck = true): Harness {
  const h: Harness = { run: null as unknown as GeneratorRun, batches: [], progress: [], closed: 0 };
  h.run = new GeneratorRun(
    { id: 'gen-t', topic: 't', kind: 'market-ticks', ratePerSec: settings.ratePerSec, maxRecords: settings.maxRecords ?? null, seed: 1 },
    {
      now: () => Date.now(),
      send: (messages) =>
        new Promise<void>((resolve, reject) => {
          h.batches.push({ messages, resolve, reject });
          if (autoAck) resolve();
        }),
      close: () => {
        h.closed++;
        return Promise.resolve();
      },
      onProgress: (status) => h.progress.push(status),
      ...edges,
    },
  );
  return h;
}

const counted = (s: GeneratorStatus) => s.sent + s.failed + s.inFlight;

describe('generator run', () => {
  beforeEach(() => void vi.useFakeTimers({ now: Date.UTC(2025, 0, 6, 9) }));
  afterEach(() => void vi.useRealTimers());

  it('produces rate × time in batches, reports at most once a second, and stops with exact counts', async () => {
    const h = harness({ ratePerSec: 500 });
    h.run.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.run.status()).toMatchObject({ state: 'running', sent: 1500, failed: 0, inFlight: 0 });
    expect(h.run.status().currentRatePerSec).toBeCloseTo(500, -1);
    expect(Math.max(...h.batches.map((b) => b.messages.length))).toBeLessThanOrEqual(100);
    expect(h.progress.length).toBeLessThanOrEqual(5); // start + ~1/s
    const final = await h.run.stop();
    expect(final).toMatchObject({ state: 'stopped', sent: 1500, inFlight: 0, currentRatePerSec: 0 });
    expect(final.stoppedAt).toBe(Date.now());
    expect(h.closed).toBe(1);
    expect(h.progress.map((p) => p.state).slice(-2)).toEqual(['stopping', 'stopped']);
    expect(h.batches.flatMap((b) => b.messages).every((m) => (JSON.parse(String(m.value)) as { event_time: number }).event_time === Number(m.timestamp))).toBe(
      true,
    );
  });

  it('falls behind instead of queueing when the broker does not answer (bounded batches in flight)', async () => {
    const h = harness({ ratePerSec: 1000 }, { maxPendingBatches: 4 }, false);
    h.run.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.batches.length).toBe(4);
    const stalled = h.run.status();
    expect(stalled.inFlight).toBeLessThanOrEqual(4 * 200);
    expect(stalled.sent).toBe(0);
    expect(stalled.currentRatePerSec).toBe(0);
    // The broker recovers: batches are acknowledged and production resumes without a 10-second burst.
    h.batches.forEach((b) => b.resolve());
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 20; i++) {
      h.batches.forEach((b) => b.resolve());
      await vi.advanceTimersByTimeAsync(100);
    }
    h.batches.forEach((b) => b.resolve());
    const final = await h.run.stop();
    expect(final.sent).toBe(h.batches.reduce((n, b) => n + b.messages.length, 0));
    expect(final.sent).toBeLessThan(1000 * 2 + 4 * 200 + 1000 + 1); // never the 12 000 the clock alone would ask for
    expect(final.inFlight).toBe(0);
  });

  it('sends a rejected batch again (same records) until acknowledged, keeps the message, and loses nothing', async () => {
    let n = 0;
    const delivered: OutgoingMessage[][] = [];
    const h = harness(
      { ratePerSec: 100 },
      {
        send: (messages) => {
          if (++n % 3 === 0) return Promise.reject(Object.assign(new Error('The request timed out'), { type: 'REQUEST_TIMED_OUT' }));
          delivered.push(messages);
          return Promise.resolve();
        },
      },
    );
    h.run.start();
    await vi.advanceTimersByTimeAsync(2000);
    const status = h.run.status();
    expect(status.state).toBe('running');
    expect(status.failed).toBe(0);
    expect(status.lastError).toBe('The request timed out (retrying the batch)');
    const final = await h.run.stop();
    expect(final).toMatchObject({ failed: 0, inFlight: 0 });
    const ids = delivered.flat().map((m) => (JSON.parse(String(m.value)) as { trade_id: number }).trade_id);
    expect(ids).toEqual(Array.from({ length: final.sent }, (_, i) => i + 1)); // every record once, in order
  });

  it('gives up on a batch the broker never acknowledges once stopping, after the grace period, and says so', async () => {
    const h = harness(
      { ratePerSec: 100 },
      {
        stopGraceMs: 3000,
        send: () => Promise.reject(Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9'), { name: 'KafkaJSConnectionError' })),
      },
    );
    h.run.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.run.status()).toMatchObject({ state: 'running', sent: 0, failed: 0 });
    const stopped = h.run.stop();
    await vi.advanceTimersByTimeAsync(5000);
    const final = await stopped;
    expect(final).toMatchObject({ state: 'stopped', sent: 0, inFlight: 0 });
    expect(final.failed).toBeGreaterThan(0);
    expect(final.lastError).toMatch(/ECONNREFUSED .*unacknowledged when the generator stopped; they may or may not be in the topic/);
  });

  it('ends in failed when the topic disappears, after the batches in flight settled', async () => {
    const h = harness(
      { ratePerSec: 100 },
      {
        send: () => Promise.reject(Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' })),
      },
    );
    h.run.start();
    await vi.advanceTimersByTimeAsync(500);
    const status = h.run.status();
    expect(status).toMatchObject({ state: 'failed', sent: 0, inFlight: 0, lastError: 'This server does not host this topic-partition' });
    expect(status.failed).toBeGreaterThan(0);
    expect(h.closed).toBe(1);
    expect(counted(await h.run.stop())).toBe(status.failed);
  });

  it('stops by itself after maxRecords, exactly', async () => {
    const h = harness({ ratePerSec: 20000, maxRecords: 1234 });
    h.run.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.run.status()).toMatchObject({ state: 'stopped', sent: 1234, failed: 0, inFlight: 0 });
    expect(h.batches.reduce((sum, b) => sum + b.messages.length, 0)).toBe(1234);
    expect(h.closed).toBe(1);
  });
});
