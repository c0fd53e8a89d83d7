// The JMX exporter's scrape spaced by its own cost and never abandoned, on a recorded scrape of the stack's exporter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExporterScrape } from '@main/services/metrics/exporter-scrape';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);
const recorded = readFileSync(fixture('jmx-exporter-metrics.txt'), 'utf8');
/** A scrape of 10,000 topics with traffic (2.7 MB). */
const large = gunzipSync(readFileSync(fixture('jmx-exporter-10000-topics.txt.gz'))).toString('utf8');

/**
 * A clock the test moves, and an exporter answering a recorded scrape: at once, or (`slow`) `slowAnswer` when the
 * test calls `answer` after moving the clock.
 */
function exporter(slowAnswer = large) {
  const state = { now: 0, asked: 0, slow: false, refuse: false, answer: () => {} };
  const fetcher = (() => {
    state.asked += 1;
    if (state.refuse) return Promise.reject(new TypeError('fetch failed'));
    if (!state.slow) return Promise.resolve(new Response(recorded));
    return new Promise<Response>((resolve) => (state.answer = () => resolve(new Response(slowAnswer))));
  }) as unknown as typeof fetch;
  return {
    state,
    scrape: new ExporterScrape(
      () => 'http://127.0.0.1:7071/metrics',
      fetcher,
      () => state.now,
    ),
  };
}

describe('ExporterScrape', () => {
  it('scrapes every round while the exporter answers at once, and reads the counters', async () => {
    const { state, scrape } = exporter();
    for (let round = 0; round < 5; round++) {
      const result = await scrape.scrape(5000);
      expect(result.state).toBe('scraped');
      if (result.state === 'scraped') expect(result.counters.bytesIn.size).toBeGreaterThan(0);
      state.now += 1000;
    }
    expect(state.asked).toBe(5);
  });

  it('lets a slow scrape run past its round, hands its counters to the round that sees it land, and spaces a large one', async () => {
    const { state, scrape } = exporter();
    state.slow = true;
    expect((await scrape.scrape(10)).state).toBe('not-due'); // started at 0, still running
    state.now += 1000;
    expect((await scrape.scrape(10)).state).toBe('not-due');
    expect(state.asked).toBe(1); // not asked again while it runs
    state.now = 6000;
    state.answer(); // took 6 s
    await Promise.resolve();
    expect((await scrape.scrape(10)).state).toBe('scraped');
    const due: number[] = [];
    for (let second = 7; second <= 130; second++) {
      state.now = second * 1000;
      const before = state.asked;
      await scrape.scrape(10);
      if (state.asked > before) {
        due.push(second);
        state.answer();
      }
    }
    // started at 0 and took 6 s: the next is due twenty times that after its start
    expect(due).toEqual([120]);
  });

  it('asks again every round after a small answer, however long it took (a loaded machine)', async () => {
    const { state, scrape } = exporter(recorded);
    state.slow = true;
    expect((await scrape.scrape(10)).state).toBe('not-due');
    state.now = 3000;
    state.answer(); // 3 s for a small answer
    expect((await scrape.scrape(10)).state).toBe('scraped');
    state.now = 4000;
    await scrape.scrape(10);
    expect(state.asked).toBe(2);
  });

  it('tries again next round after a refused connection, and says so after three in a row', async () => {
    const { state, scrape } = exporter();
    state.refuse = true;
    for (let round = 0; round < 3; round++) {
      expect((await scrape.scrape(5000)).state).toBe('failed');
      state.now += 1000;
    }
    expect(state.asked).toBe(3);
    expect(scrape.problem).toMatch(/does not answer \(fetch failed\)/);
    state.refuse = false;
    expect((await scrape.scrape(5000)).state).toBe('scraped');
    expect(scrape.problem).toBeNull();
  });

  it('says so when no exporter URL is configured', async () => {
    const scrape = new ExporterScrape(() => null);
    expect((await scrape.scrape(5000)).state).toBe('failed');
    expect(scrape.problem).toMatch(/No Prometheus JMX exporter URL/);
  });
});
