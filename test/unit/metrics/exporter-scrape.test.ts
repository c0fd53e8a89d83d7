// The JMX exporter's scrape spaced by its own cost, on a recorded scrape of the stack's exporter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExporterScrape } from '@main/services/metrics/exporter-scrape';

const recorded = readFileSync(path.join(__dirname, '..', 'fixtures', 'jmx-exporter-metrics.txt'), 'utf8');

/** A clock the test moves, and an exporter answering the recorded text after `tookMs` of that clock. */
function exporterTaking() {
  const clock = { now: 0, tookMs: 10, asked: 0, fail: null as Error | null };
  const fetcher = (() => {
    clock.asked += 1;
    if (clock.fail) return Promise.reject(clock.fail);
    clock.now += clock.tookMs;
    return Promise.resolve(new Response(recorded));
  }) as unknown as typeof fetch;
  return {
    clock,
    scrape: new ExporterScrape(
      () => 'http://127.0.0.1:7071/metrics',
      fetcher,
      () => clock.now,
    ),
  };
}

describe('ExporterScrape', () => {
  it('scrapes every round while the exporter answers quickly, and reads the counters', async () => {
    const { clock, scrape } = exporterTaking();
    for (let round = 0; round < 5; round++) {
      const result = await scrape.scrape(5000);
      expect(result.state).toBe('scraped');
      if (result.state === 'scraped') expect(result.counters.bytesIn.size).toBeGreaterThan(0);
      clock.now += 1000;
    }
    expect(clock.asked).toBe(5);
  });

  it('spaces a slow scrape to a twentieth of the time: not due until twenty times what it took has passed', async () => {
    const { clock, scrape } = exporterTaking();
    clock.tookMs = 3000;
    expect((await scrape.scrape(30_000)).state).toBe('scraped');
    const results = [];
    for (let second = 1; second <= 70; second++) {
      clock.now += 1000;
      results.push((await scrape.scrape(30_000)).state);
    }
    // started at 0, took 3 s: due again at 60 s, i.e. 57 s after it ended
    expect(results.indexOf('scraped')).toBe(56);
    expect(results.filter((state) => state === 'scraped')).toHaveLength(1);
    expect(clock.asked).toBe(2);
  });

  it('after a timeout, waits twice as long next time (never past the cap) and says so after three in a row', async () => {
    const { clock, scrape } = exporterTaking();
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    clock.fail = timeout;
    const asked: number[] = [];
    for (let second = 0; second < 400; second++) {
      const before = clock.asked;
      expect((await scrape.scrape(10_000)).state).toMatch(/failed|not-due/);
      if (clock.asked > before) asked.push(clock.now);
      clock.now += 1000;
    }
    // 2 s, then 4 s, 8 s and 10 s (the cap): each attempt spaced by twenty times the last timeout
    expect(asked.slice(0, 4)).toEqual([0, 40_000, 120_000, 280_000]);
    expect(scrape.problem).toMatch(/does not answer/);
    clock.fail = null;
    clock.now = 1_000_000;
    expect((await scrape.scrape(10_000)).state).toBe('scraped');
    expect(scrape.problem).toBeNull();
  });

  it('tries again next round after a refused connection (it cost the broker nothing)', async () => {
    const { clock, scrape } = exporterTaking();
    clock.fail = new TypeError('fetch failed');
    expect((await scrape.scrape(5000)).state).toBe('failed');
    clock.now += 1000;
    expect((await scrape.scrape(5000)).state).toBe('failed');
    expect(clock.asked).toBe(2);
  });

  it('says so when no exporter URL is configured', async () => {
    const scrape = new ExporterScrape(() => null);
    expect((await scrape.scrape(5000)).state).toBe('failed');
    expect(scrape.problem).toMatch(/No Prometheus JMX exporter URL/);
  });
});
