import { BROKER_COUNTER_PREFIXES, brokerCounters, parsePrometheusText, type BrokerCounters } from './prometheus-text';
import { httpFetch } from '@main/clients/http-fetch';

/** How long a round waits for a scrape it started (a small broker answers in milliseconds); a slower one lands in a later round. */
const ROUND_WAIT_MS = 2_000;
/** A scrape not answered by then is given up, and the exporter reported as not answering. */
const GIVE_UP_MS = 30_000;
/** A large cluster's scrape takes the broker at most one part in this many of its time (5 %). */
const SCRAPE_SHARE = 20;
/**
 * An answer this large is a cluster with thousands of topics' counters, and spaced out; a smaller one is asked for
 * every round, however long it took (a small broker's scrape took over a second on a loaded machine, and spacing it
 * left a test's bytes-in series without a point).
 */
const LARGE_ANSWER_BYTES = 256 * 1024;
const FAILURES_BEFORE_UNAVAILABLE = 3;

/** What a round got from the exporter: counters; nothing because none was due (or one is still running); nothing because it failed. */
export type ScrapeResult = { state: 'scraped'; counters: BrokerCounters } | { state: 'not-due' } | { state: 'failed' };

type Outcome = { counters: BrokerCounters; bytes: number } | { error: Error };

/**
 * The JMX exporter's scrape, spaced by its own cost and never abandoned. The agent reads every BrokerTopicMetrics
 * MBean in the broker's JVM for each scrape: on bench/topics' stack, once every one of its 10,000 topics had
 * traffic, one scrape answered 2.7 MB after 6 s and cost the broker 5.4 s of CPU. Every sampler round asked for
 * one and gave up after 2 s, while the broker went on computing the answer nobody read, round after round.
 * Now a scrape runs until it answers (up to GIVE_UP_MS) while the rounds go on without it, its counters go to the
 * round that sees it land, and after a large answer the next one is due once the time since it started is
 * SCRAPE_SHARE times what it took. A small broker is scraped every round, as before.
 */
export class ExporterScrape {
  private running: Promise<Outcome> | null = null;
  private landed: Outcome | null = null;
  private lastStartedAt = -Infinity;
  /** How long the last scrape took (a given-up one: GIVE_UP_MS). */
  private lastTookMs = 0;
  private failures = 0;
  /** Why the exporter's figures are unavailable (null while it answers). */
  problem: string | null = null;

  constructor(
    private readonly url: () => string | null,
    private readonly fetcher: typeof fetch = httpFetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** The counters of a scrape that landed by now, waiting at most `waitMs` (and ROUND_WAIT_MS) for a running one. */
  async scrape(waitMs: number): Promise<ScrapeResult> {
    const url = this.url();
    if (!url) {
      this.problem = 'No Prometheus JMX exporter URL is configured for this connection';
      return { state: 'failed' };
    }
    if (!this.running && !this.landed) {
      if (this.now() - this.lastStartedAt < this.lastTookMs * SCRAPE_SHARE) return { state: 'not-due' };
      this.start(url);
    }
    await this.landing(Math.min(waitMs, ROUND_WAIT_MS));
    const outcome = this.landed;
    if (!outcome) return { state: 'not-due' };
    this.landed = null;
    if ('counters' in outcome) {
      this.problem = null;
      this.failures = 0;
      return { state: 'scraped', counters: outcome.counters };
    }
    // One slow or refused scrape on a busy machine is a gap in the chart, not "no exporter": say so after a few in a
    // row, or at once when one was given up after GIVE_UP_MS.
    this.failures += 1;
    if (this.failures >= FAILURES_BEFORE_UNAVAILABLE || outcome.error.name === 'TimeoutError')
      this.problem = `The JMX exporter at ${url} does not answer (${outcome.error.message})`;
    return { state: 'failed' };
  }

  private start(url: string): void {
    const started = this.now();
    this.lastStartedAt = started;
    this.running = this.read(url).then((outcome) => {
      // a small answer or a refused connection: again next round; a large answer or a given-up one is spaced by what it took
      const large = 'error' in outcome ? outcome.error.name === 'TimeoutError' : outcome.bytes > LARGE_ANSWER_BYTES;
      this.lastTookMs = large ? this.now() - started : 0;
      this.landed = outcome;
      this.running = null;
      return outcome;
    });
  }

  private async read(url: string): Promise<Outcome> {
    try {
      const response = await this.fetcher(url, { signal: AbortSignal.timeout(GIVE_UP_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      return { counters: brokerCounters(parsePrometheusText(text, BROKER_COUNTER_PREFIXES)), bytes: text.length };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** Resolves when the running scrape lands or after `ms`, whichever comes first. */
  private async landing(ms: number): Promise<void> {
    const running = this.running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
}
