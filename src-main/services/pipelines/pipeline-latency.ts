// End-to-end latency of a running pipeline, measured where it is visible from outside Flink:
// the newest results in its sink topic. A result's arrival is its Kafka record timestamp; the
// event time is the one the result carries (a field named in the catalog). Pure computation
// plus a small cache, so the job list (polled every few seconds) samples a topic at most once
// per TTL.
import type { PipelineLatency } from '@shared/flink';
import type { PipelineDefinition } from '@shared/pipelines';

/** What latency needs of a sampled output record. */
export interface SampledRecord {
  /** The Kafka record timestamp (epoch ms). */
  timestamp: number;
  value: string | null;
}

/** The newest records of a topic (up to `limit`, any partition). */
export type NewestRecords = (topic: string, limit: number) => Promise<SampledRecord[]>;

export interface LatencySpec {
  sinkTopic: string;
  eventTimeField: string;
  oldestEventTimeField: string | null;
}

/** How many of the newest output records are read per sample. */
const SAMPLE_LIMIT = 50;
/** The figure is made of results that arrived within this span of the newest one. */
export const SAMPLE_SPAN_MS = 120_000;

export function latencySpecOf(def: PipelineDefinition): LatencySpec | null {
  if (!def.sinkTopic || !def.resultEventTimeField) return null;
  return { sinkTopic: def.sinkTopic, eventTimeField: def.resultEventTimeField, oldestEventTimeField: def.resultOldestEventTimeField };
}

/** An event time as results carry it: epoch milliseconds (number or digits) or an ISO-8601 text. */
export function eventTimeOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^-?\d+$/.test(value.trim())) return Number(value);
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

const median = (sorted: number[]): number | null => {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The figure over `records`: only results that arrived since the job started (earlier ones are
 * another run's), and of those only the ones within SAMPLE_SPAN_MS of the newest arrival.
 */
export function computeLatency(records: SampledRecord[], spec: LatencySpec, jobStartedAt: number | null, now: number): PipelineLatency {
  const base = { sinkTopic: spec.sinkTopic, eventTimeField: spec.eventTimeField, spanMs: SAMPLE_SPAN_MS, measuredAt: now };
  const empty = (note: string): PipelineLatency => ({
    ...base,
    samples: 0,
    p50Ms: null,
    minMs: null,
    maxMs: null,
    oldestInputP50Ms: null,
    newestArrivalAt: null,
    note,
  });
  const ours = records.filter((r) => jobStartedAt === null || r.timestamp >= jobStartedAt);
  if (ours.length === 0) return empty(`no result in ${spec.sinkTopic} since the job started`);
  const newestArrivalAt = Math.max(...ours.map((r) => r.timestamp));
  const recent = ours.filter((r) => r.timestamp >= newestArrivalAt - SAMPLE_SPAN_MS);
  const latencies: number[] = [];
  const fromOldest: number[] = [];
  for (const r of recent) {
    let parsed: unknown;
    try {
      parsed = r.value === null ? null : JSON.parse(r.value);
    } catch {
      continue;
    }
    if (!parsed || typeof parsed !== 'object') continue;
    const fields = parsed as Record<string, unknown>;
    const eventTime = eventTimeOf(fields[spec.eventTimeField]);
    if (eventTime === null) continue;
    latencies.push(r.timestamp - eventTime);
    const oldest = spec.oldestEventTimeField ? eventTimeOf(fields[spec.oldestEventTimeField]) : null;
    if (oldest !== null) fromOldest.push(r.timestamp - oldest);
  }
  if (latencies.length === 0)
    return { ...empty(`the newest results in ${spec.sinkTopic} carry no "${spec.eventTimeField}" event time (epoch ms or ISO-8601)`), newestArrivalAt };
  // A sink that stamps records with their event time (Flink's DataStream KafkaSink does) leaves
  // nothing to measure on a CreateTime topic: every difference is exactly 0.
  if (latencies.every((l) => l === 0)) {
    return {
      ...empty(
        `the results' Kafka timestamps equal their event times: the sink stamps records with event time; set message.timestamp.type=LogAppendTime on ${spec.sinkTopic} to measure arrival`,
      ),
      newestArrivalAt,
    };
  }
  latencies.sort((a, b) => a - b);
  fromOldest.sort((a, b) => a - b);
  const negative = latencies[0] < 0;
  return {
    ...base,
    samples: latencies.length,
    p50Ms: median(latencies),
    minMs: latencies[0],
    maxMs: latencies[latencies.length - 1],
    oldestInputP50Ms: median(fromOldest),
    newestArrivalAt,
    note: negative ? 'some results arrived before their event time: event times lie in the future (a producer clock ahead, or test data)' : null,
  };
}

/** Latency per job, sampled at most once per `ttlMs`; a failed read becomes a note, never an error. */
export class LatencyProbe {
  private readonly cache = new Map<string, { at: number; value: PipelineLatency }>();

  constructor(
    private readonly newest: NewestRecords,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 5000,
  ) {}

  async of(jobId: string, spec: LatencySpec, jobStartedAt: number | null): Promise<PipelineLatency> {
    const now = this.now();
    const hit = this.cache.get(jobId);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    let value: PipelineLatency;
    try {
      value = computeLatency(await this.newest(spec.sinkTopic, SAMPLE_LIMIT), spec, jobStartedAt, now);
    } catch (error) {
      value = { ...computeLatency([], spec, jobStartedAt, now), note: `could not read ${spec.sinkTopic}: ${(error as Error).message}` };
    }
    this.cache.set(jobId, { at: now, value });
    // forget jobs not asked about for a while (finished and gone from the list)
    for (const [id, entry] of this.cache) if (now - entry.at > 10 * this.ttlMs) this.cache.delete(id);
    return value;
  }
}
