import { BROKER_COUNTER_PREFIXES, brokerCounters, parsePrometheusText, type BrokerCounters } from './prometheus-text';

/** A scrape waits at least this long (a small broker answers in milliseconds; a busy machine needs the slack). */
const BASE_TIMEOUT_MS = 2_000;
/** The longest wait for a scrape: a broker that takes longer is reported as not answering. */
const MAX_TIMEOUT_MS = 30_000;
/** The broker spends at most one part in this many of its time answering scrapes (5 %). */
const SCRAPE_SHARE = 20;
const FAILURES_BEFORE_UNAVAILABLE = 3;

/** What a round got from the exporter: counters, nothing because no scrape was due, or nothing because it failed. */
export type ScrapeResult = { state: 'scraped'; counters: BrokerCounters } | { state: 'not-due' } | { state: 'failed' };

/**
 * The JMX exporter's scrape, spaced by its own cost. The agent reads every BrokerTopicMetrics MBean in the broker's
 * JVM for each scrape: on bench/topics' stack, once every one of its 10,000 topics had traffic, a scrape answered
 * 2 MB after 13 s and cost the broker about 6 s of CPU (load ~18). Every round asked for one and gave up after 2 s,
 * while the broker went on computing the answer nobody read. Now a scrape is due once the time since the last one
 * is SCRAPE_SHARE times what it took, and it is waited for three times as long as the last one took, so whatever
 * the broker computes is read and it spends at most a twentieth of its time on it. A small broker answers in
 * milliseconds and is scraped every round, as before.
 */
export class ExporterScrape {
  private lastStartedAt = -Infinity;
  /** How long the last scrape took (a timed-out one: at least its timeout). */
  private lastTookMs = 0;
  private timeoutMs = BASE_TIMEOUT_MS;
  private failures = 0;
  /** Why the exporter's figures are unavailable (null while it answers). */
  problem: string | null = null;

  constructor(
    private readonly url: () => string | null,
    private readonly fetcher: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** The counters, when a scrape is due and answers within the timeout (never longer than `capMs`). */
  async scrape(capMs: number): Promise<ScrapeResult> {
    const url = this.url();
    if (!url) {
      this.problem = 'No Prometheus JMX exporter URL is configured for this connection';
      return { state: 'failed' };
    }
    const started = this.now();
    if (started - this.lastStartedAt < this.lastTookMs * SCRAPE_SHARE) return { state: 'not-due' };
    this.lastStartedAt = started;
    const timeoutMs = Math.min(this.timeoutMs, Math.max(BASE_TIMEOUT_MS, capMs));
    try {
      const response = await this.fetcher(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const counters = brokerCounters(parsePrometheusText(await response.text(), BROKER_COUNTER_PREFIXES));
      this.lastTookMs = this.now() - started;
      this.timeoutMs = Math.min(MAX_TIMEOUT_MS, Math.max(BASE_TIMEOUT_MS, this.lastTookMs * 3));
      this.problem = null;
      this.failures = 0;
      return { state: 'scraped', counters };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      // the broker computed the answer anyway: count its cost, and wait longer next time so that it is read
      this.lastTookMs = timedOut ? timeoutMs : 0;
      if (timedOut) this.timeoutMs = Math.min(MAX_TIMEOUT_MS, timeoutMs * 2);
      // One slow scrape on a busy machine is a gap in the chart, not "no exporter": say so after a few in a row.
      this.failures += 1;
      if (this.failures >= FAILURES_BEFORE_UNAVAILABLE) this.problem = `The JMX exporter at ${url} does not answer (${(error as Error).message})`;
      return { state: 'failed' };
    }
  }
}
