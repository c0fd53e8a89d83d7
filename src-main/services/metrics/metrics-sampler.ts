import { StreamdeskError } from '@shared/errors';
import {
  EXPORTER_METRICS,
  METRIC_NAMES,
  TIME_RANGE_MS,
  type MetricName,
  type MetricsCurrent,
  type MetricsSample,
  type StreamingMetrics,
  type TimeRange,
} from '@shared/metrics';
import { withKafkaAdmin } from '@main/clients/kafka/admin-session';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { EndOffsetReader } from '@main/clients/kafka/platformatic-admin';
import { committedOffsets, lagEndOffsets, listGroups, type CommittedOffsets } from '@main/clients/kafka/group-offsets';
import { readClusterMetadata } from '@main/clients/kafka/cluster-metadata';
import { isInternalTopic } from '../topics/topic-summary';
import type { BrokerCounters } from './prometheus-text';
import { ExporterScrape, type ScrapeResult } from './exporter-scrape';
import { MetricSeries } from './ring-buffer';
import { offsetRates, topicListAge, topicsAdded } from './offset-rates';

export interface MetricsSamplerOptions {
  target: () => KafkaTarget;
  /** The broker's Prometheus JMX exporter (…/metrics); null when there is none. */
  prometheusUrl: () => string | null;
  fetch?: typeof fetch;
  now?: () => number;
  intervalMs?: number;
  onSample?: (sample: MetricsSample) => void;
  /** Another reader's recent listing of every topic of `target` (the health poll's partition scan), read instead when usable. */
  sharedTopics?: (target: KafkaTarget) => { topics: { name: string; partitions: { partitionId: number }[] }[]; at: number } | null;
}

/** Per-topic series are kept for the most recently active topics only: memory stays bounded with 10,000 topics. */
const MAX_TOPIC_SERIES = 300;
const LAG_REFRESH_MS = 5_000;
const SAMPLE_DEADLINE_MS = 5_000;
/**
 * A round's deadline: 5 s and 1 ms more per partition. At 30,000 partitions on a busy machine the offsets alone took
 * longer than 5 s; every round was dropped at its deadline (its connection with it), and the sampler had no point at all.
 */
function sampleDeadline(partitions: number): number {
  return SAMPLE_DEADLINE_MS + partitions;
}
/** The sampler keeps the broker busy at most 1 part in this many (one round of a second: a sample every 4 s). */
const BUSY_SHARE = 4;
/**
 * Beyond this many partitions a round is spaced to a twentieth of the time instead. On bench/topics' stack (30,057
 * partitions, 5,001 groups) the rounds' ListOffsets (20 slices of 500 topics a round, 9 requests a second on one
 * broker) and the lag rounds' FindCoordinator and OffsetFetch cost the brokers 24 % of a core with serve idle,
 * against the 5 % a console may take of a cluster it watches; a point every 20-30 s is the price there.
 */
const LARGE_CLUSTER_PARTITIONS = 5_000;
const LARGE_CLUSTER_BUSY_SHARE = 20;

/** The share of its time the sampler may keep a cluster of `partitions` busy (1 in the number returned). */
export function busyShare(partitions: number): number {
  return partitions > LARGE_CLUSTER_PARTITIONS ? LARGE_CLUSTER_BUSY_SHARE : BUSY_SHARE;
}

/**
 * The wait before the next round: the interval, or longer when rounds are slow — the last two, not
 * just one. Listing the end offsets of 10,000 partitions took the broker about a second each round;
 * asked every second it was never idle. One slow round says nothing of the sort: the first opens the
 * sampler's connections (1.8–2.3 s with no topic to list, on a loaded 2-core machine), and backing
 * off after it left the live series without a point for 7 s, so a topic watched meanwhile got its
 * first point over 7–9 s (metrics-rest: a known ingest's records showed 14–30 % short).
 */
export function nextSampleDelay(intervalMs: number, roundMs: number, previousRoundMs: number | null, share = BUSY_SHARE): number {
  const slow = previousRoundMs === null ? 0 : Math.min(roundMs, previousRoundMs);
  return Math.max(intervalMs, slow * share - slow);
}
/** Per-group lag history (one point per lag refresh): every point for an hour, then 5-minute averages for a day. */
const MAX_GROUP_SERIES = 300;
const groupSeries = () => new MetricSeries(3600, 300_000, 288);

type SeriesKey = `${string}|${MetricName}`;
/** Every group's committed offsets, and how long reading them took. */
type Committed = { committed: CommittedOffsets; tookMs: number };
/** The figures read from the JMX exporter's counters. */
type ExporterRates = Pick<MetricsCurrent, 'bytes_in_per_sec' | 'bytes_out_per_sec' | 'requests_per_sec' | 'errors_per_sec'>;
/** A round's figures but messages/s: what goes into the series (`point`), and the exporter's rates the sample shows. */
type Figures = { point: Omit<MetricsCurrent, 'messages_per_sec'>; shown: ExporterRates };

/**
 * The one sampler in the back end, however many windows or browsers watch: messages/s from
 * offset deltas, bytes and requests per second from the JMX exporter's counters, consumer lag
 * from committed offsets.
 */
export class MetricsSampler {
  private readonly series = new Map<SeriesKey, MetricSeries>();
  private readonly lastActive = new Map<string, number>();
  private readonly reader: EndOffsetReader;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private topics: { name: string; partitions: number[] }[] = [];
  private topicsAt = 0;
  private previousEnds: Map<string, number> | null = null;
  private previousCounters: BrokerCounters | null = null;
  /** When previousCounters were scraped (the offset reading's time of their round). */
  private previousCountersAt = 0;
  private previousAt = 0;
  /** Topics listed since the sampler began that no offsets reading has had yet: they count from offset 0. */
  private readonly addedTopics = new Set<string>();
  private lag = new Map<string | null, number>();
  private lagAt = 0;
  /** The wait between lag rounds: LAG_REFRESH_MS, longer when a round is slow (thousands of groups). */
  private lagEveryMs = LAG_REFRESH_MS;
  /** How long the last lag refresh took (null before the first): two slow ones in a row space the next out. */
  private lastLagMs: number | null = null;
  private readonly groupLagSeries = new Map<string, MetricSeries>();
  private lastMessageAt: number | null = null;
  private readonly exporter: ExporterScrape;
  /** The exporter's last rates per topic (null: the cluster), shown while no scrape is due (a large cluster's are spaced out). */
  private readonly exporterRates = new Map<string | null, ExporterRates>();
  private latest: MetricsSample | null = null;

  constructor(private readonly options: MetricsSamplerOptions) {
    this.now = options.now ?? Date.now;
    this.reader = new EndOffsetReader(options.target, this.now);
    this.exporter = new ExporterScrape(options.prometheusUrl, options.fetch);
  }

  start(): void {
    if (this.timer) return;
    let previousRoundMs: number | null = null;
    const tick = () => {
      const started = Date.now();
      void this.sampleWithin()
        .catch(() => undefined)
        .finally(() => {
          const roundMs = Date.now() - started;
          const delay = nextSampleDelay(this.options.intervalMs ?? 1000, roundMs, previousRoundMs, busyShare(this.partitionCount()));
          if (this.timer) this.timer = setTimeout(tick, delay);
          previousRoundMs = roundMs;
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.reader.close();
  }

  /**
   * A sample that cannot hang the sampler: when a broker dies mid-request the client may never
   * answer, so after the deadline the connection is dropped and the next tick starts afresh.
   */
  private async sampleWithin(): Promise<MetricsSample | null> {
    // the topic list and committed offsets are bounded by their requests' own timeouts; the deadline is the offsets'
    const committed = await this.prepare();
    const ms = sampleDeadline(this.partitionCount());
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no metrics sample within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([this.measure(committed, ms), deadline]);
    } catch (error) {
      await this.reader.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private partitionCount(): number {
    return this.topics.reduce((sum, topic) => sum + topic.partitions.length, 0);
  }

  latestSample(): MetricsSample | null {
    return this.latest;
  }

  /** The seed's `get_streaming_metrics(topic, time_range)`. */
  async topicMetrics(topic: string, range: TimeRange): Promise<StreamingMetrics> {
    if (!this.topics.some((known) => known.name === topic)) {
      // read afresh, not the health poll's scan: the topic may have been created since it
      await this.refreshTopics(false);
      if (!this.topics.some((known) => known.name === topic)) throw new StreamdeskError('not-found', `topic: "${topic}" does not exist`);
    }
    this.lastActive.set(topic, this.now());
    return this.window(topic, range);
  }

  clusterMetrics(range: TimeRange): StreamingMetrics {
    return this.window(null, range);
  }

  private window(topic: string | null, range: TimeRange): StreamingMetrics {
    const now = this.now();
    let resolution = 1000;
    const seriesOf = (name: MetricName) => {
      const found = this.series.get(`${topic ?? ''}|${name}`);
      if (!found) return [];
      const { points, resolutionMs } = found.window(now, TIME_RANGE_MS[range]);
      resolution = resolutionMs;
      return points;
    };
    const series = Object.fromEntries(METRIC_NAMES.map((name) => [name, seriesOf(name)])) as StreamingMetrics['series'];
    const current = Object.fromEntries(
      METRIC_NAMES.map((name) => [name, this.series.get(`${topic ?? ''}|${name}`)?.fine.last()?.[1] ?? null]),
    ) as StreamingMetrics['current'];
    const unavailable = this.exporter.problem ? [...EXPORTER_METRICS] : [];
    return { topic: topic ?? '(cluster)', time_range: range, resolution_ms: resolution, current, series, unavailable };
  }

  /** One round: offsets (always), exporter counters and lag (when due). Never throws past start(). */
  async sample(): Promise<MetricsSample | null> {
    return this.measure(await this.prepare());
  }

  /** The topic list when it is old, and every group's committed offsets when lag is due. */
  private async prepare(): Promise<Committed | null> {
    const now = this.now();
    if (now - this.topicsAt > topicListAge(this.topics.length)) await this.refreshTopics();
    // committed offsets before the end offsets, as a lag reading must be (an end read first would be passed by the commit)
    return now - this.lagAt > this.lagEveryMs ? await this.readCommitted().catch(() => null) : null;
  }

  private async measure(committed: Committed | null, deadlineMs = SAMPLE_DEADLINE_MS): Promise<MetricsSample | null> {
    // the scrape ends a second before the round's deadline, so a slow one is not what drops the round
    const [read, scraped] = await Promise.all([this.reader.read(this.topics), this.exporter.scrape(deadlineMs - 1000)]);
    const counters = scraped.state === 'scraped' ? scraped.counters : null;
    if (committed) await this.refreshLag(committed, read.partitions).catch(() => undefined);
    // Rates over the time between the offset readings, not between the rounds' starts. The
    // exporter's counters are divided by the same span: the points' spacing, so a series' area is
    // exactly what the counters counted (a scrape's own time moves more under load, and dividing by
    // it lost a fifth of a test's bytes-in on a busy machine).
    const dt = (read.at - this.previousAt) / 1000;
    // A failed scrape leaves no point in the exporter's series; the next good one counts from the last
    // good counters over the time since them, so what the counters counted meanwhile is not lost (the
    // round after a failed scrape had no previous counters and drew 0: a burst in those two rounds vanished).
    const countersDt = (read.at - this.previousCountersAt) / 1000;
    const figuresOf = (key: string | null): Figures => {
      const perSecond = (counter: keyof BrokerCounters) => rateOf(counters?.[counter], this.previousCounters?.[counter], key, countersDt);
      const rates: ExporterRates = {
        bytes_in_per_sec: perSecond('bytesIn'),
        bytes_out_per_sec: perSecond('bytesOut'),
        requests_per_sec: perSecond('requests'),
        errors_per_sec: perSecond('failedRequests'),
      };
      return { point: { ...rates, consumer_lag: this.lag.get(key) ?? null }, shown: this.shownRates(key, rates, scraped) };
    };
    // before the second round there are no rates yet
    const sample: MetricsSample = {
      at: read.at,
      cluster: {
        messages_per_sec: null,
        bytes_in_per_sec: null,
        bytes_out_per_sec: null,
        consumer_lag: this.lag.get(null) ?? null,
        requests_per_sec: null,
        errors_per_sec: null,
      },
      topics: {},
      idle_ms: null,
    };
    if (this.previousEnds && dt > 0) this.addRates(sample, this.previousEnds, read.ends, dt, figuresOf);
    sample.idle_ms = this.lastMessageAt === null ? null : read.at - this.lastMessageAt;
    this.previousEnds = read.ends;
    for (const topic of read.ends.keys()) this.addedTopics.delete(topic);
    if (counters) {
      this.previousCounters = counters;
      this.previousCountersAt = read.at;
    }
    this.previousAt = read.at;
    this.evictQuietTopics();
    this.latest = sample;
    this.options.onSample?.(sample);
    return sample;
  }

  private addRates(
    sample: MetricsSample,
    previousEnds: Map<string, number>,
    ends: Map<string, number>,
    dt: number,
    figuresOf: (key: string | null) => Figures,
  ): void {
    let total = 0;
    for (const [topic, rate] of offsetRates(previousEnds, ends, dt, (name) => this.addedTopics.has(name))) {
      total += rate;
      if (rate > 0) this.lastActive.set(topic, sample.at);
      // Only topics with recent traffic go into the event: 10,000 quiet topics made each one
      // 741 KB a second (bench/topics), and an absent topic reads as no traffic.
      if (this.lastActive.has(topic)) {
        const { point, shown } = figuresOf(topic);
        sample.topics[topic] = { ...point, ...shown, messages_per_sec: rate };
        this.record(topic, sample.at, { ...point, messages_per_sec: rate });
      }
    }
    if (total > 0) this.lastMessageAt = sample.at;
    const { point, shown } = figuresOf(null);
    sample.cluster = { ...point, ...shown, messages_per_sec: total };
    this.record(null, sample.at, { ...point, messages_per_sec: total });
  }

  private record(topic: string | null, at: number, values: Record<MetricName, number | null>): void {
    for (const name of METRIC_NAMES) {
      const value = values[name];
      if (value === null) continue;
      const key: SeriesKey = `${topic ?? ''}|${name}`;
      let series = this.series.get(key);
      if (!series) this.series.set(key, (series = new MetricSeries()));
      series.push(at, value);
    }
  }

  private evictQuietTopics(): void {
    if (this.lastActive.size <= MAX_TOPIC_SERIES) return;
    const quietest = [...this.lastActive.entries()].sort((a, b) => a[1] - b[1]).slice(0, this.lastActive.size - MAX_TOPIC_SERIES);
    for (const [topic] of quietest) {
      this.lastActive.delete(topic);
      this.exporterRates.delete(topic);
      for (const name of METRIC_NAMES) this.series.delete(`${topic}|${name}`);
    }
  }

  private async refreshTopics(mayBorrow = true): Promise<void> {
    // one Metadata request where the broker offers v12 (kafkajs reads the whole cluster's metadata twice)
    const target = this.options.target();
    const shared = mayBorrow ? this.options.sharedTopics?.(target) : null;
    const metadata =
      shared ?? (await readClusterMetadata(target)) ?? (await withKafkaAdmin(target, 'read topics for metrics', (admin) => admin.fetchTopicMetadata()));
    const listed = metadata.topics
      .filter((topic) => !isInternalTopic(topic.name))
      .map((topic) => ({ name: topic.name, partitions: topic.partitions.map((partition) => partition.partitionId) }));
    // a topic created and deleted between two readings is forgotten with the listing that lacks it
    const names = new Set(listed.map((topic) => topic.name));
    for (const name of this.addedTopics) if (!names.has(name)) this.addedTopics.delete(name);
    for (const name of topicsAdded(this.topicsAt === 0 ? null : this.topics, listed)) this.addedTopics.add(name);
    this.topics = listed;
    // a shared listing is as old as it is: the next is due when it ages out, not a full age after it was borrowed
    this.topicsAt = shared?.at ?? this.now();
  }

  /**
   * The exporter's rates a sample shows: this round's, or, when no scrape was due, the last ones (a point only goes
   * into the series when scraped, so their areas stay what the counters counted).
   */
  private shownRates(key: string | null, rates: ExporterRates, scraped: ScrapeResult): ExporterRates {
    if (scraped.state === 'scraped') this.exporterRates.set(key, rates);
    if (scraped.state !== 'not-due') return rates;
    return this.exporterRates.get(key) ?? rates;
  }

  /** A consumer group's total lag over time, as sampled with the per-topic lag (every LAG_REFRESH_MS). */
  groupLag(groupId: string, range: TimeRange): { groupId: string; resolution_ms: number; points: [number, number][] } {
    const series = this.groupLagSeries.get(groupId);
    if (!series) return { groupId, resolution_ms: LAG_REFRESH_MS, points: [] };
    const { points, resolutionMs } = series.window(this.now(), TIME_RANGE_MS[range]);
    return { groupId, resolution_ms: Math.max(LAG_REFRESH_MS, resolutionMs), points };
  }

  /**
   * Every group's committed offsets in a few requests (a slice of groups per OffsetFetch), not one request per group
   * and topic: with 5,000 groups that was thousands of requests every refresh.
   */
  private async readCommitted(): Promise<Committed> {
    const started = Date.now();
    this.lagAt = this.now();
    const target = this.options.target();
    const committed = await committedOffsets(
      target,
      (await listGroups(target)).map((group) => group.groupId),
    );
    return { committed, tookMs: Date.now() - started };
  }

  /**
   * Total lag per topic over every consumer group (committed offset to end offset), and per group. The end offsets
   * are the round's own reading; only partitions it lacks are listed. The next round waits longer when this one was
   * slow, so the broker spends at most a quarter of its time on it.
   */
  private async refreshLag({ committed, tookMs }: Committed, read: Map<string, Map<number, number>>): Promise<void> {
    const lag = new Map<string | null, number>();
    const byGroup = new Map<string, number>();
    const started = Date.now();
    const ends = await lagEndOffsets(this.options.target(), committed, read);
    const lagMs = tookMs + Date.now() - started;
    this.lagEveryMs = nextSampleDelay(LAG_REFRESH_MS, lagMs, this.lastLagMs, busyShare(this.partitionCount()));
    this.lastLagMs = lagMs;
    for (const [groupId, topics] of committed) {
      for (const [topic, partitions] of topics) {
        for (const [partition, offset] of partitions) {
          if (offset === null) continue;
          const behind = Math.max(0, (ends.get(topic)?.get(partition) ?? offset) - offset);
          lag.set(topic, (lag.get(topic) ?? 0) + behind);
          lag.set(null, (lag.get(null) ?? 0) + behind);
          byGroup.set(groupId, (byGroup.get(groupId) ?? 0) + behind);
        }
      }
    }
    // no group with committed offsets: nothing is behind (a topic no group reads keeps no lag figure)
    if (!lag.has(null)) lag.set(null, 0);
    this.lag = lag;
    this.recordGroupLag(byGroup);
  }

  private recordGroupLag(byGroup: Map<string, number>): void {
    recordBounded(this.groupLagSeries, byGroup, MAX_GROUP_SERIES, groupSeries, this.lagAt);
  }
}

/**
 * Each group's point into its series, at most `max` series kept. A group new to a full set takes the place of one not in
 * this round (a group gone); when every kept group is in the round, the new one gets no series. Evicting the oldest
 * instead made every round at 5,001 groups evict and create 4,701 series (two rings of 3,600 and 288 points each:
 * ~300 MB allocated a round, 7.5 s of serve's CPU building rings and most of its 16 s of GC over two minutes).
 */
export function recordBounded(kept: Map<string, MetricSeries>, points: Map<string, number>, max: number, create: () => MetricSeries, at: number): void {
  let stale: string[] | null = null;
  for (const [key, value] of points) {
    let series = kept.get(key);
    if (!series) {
      if (kept.size >= max) {
        stale ??= [...kept.keys()].filter((known) => !points.has(known));
        const gone = stale.pop();
        if (gone === undefined) continue;
        kept.delete(gone);
      }
      kept.set(key, (series = create()));
    }
    series.push(at, value);
  }
}

/**
 * A counter's rate since the previous scrape: null when this scrape lacks it, 0 when there was no
 * previous scrape or the counter went back (a restarted broker). A counter the previous scrape
 * lacked counts from 0: Kafka creates a topic's counters at their first event.
 */
function rateOf(now: Map<string | null, number> | undefined, before: Map<string | null, number> | undefined, key: string | null, dt: number): number | null {
  const current = now?.get(key);
  if (current === undefined) return null;
  if (before === undefined) return 0;
  const previous = before.get(key) ?? 0;
  return current < previous ? 0 : (current - previous) / dt;
}
