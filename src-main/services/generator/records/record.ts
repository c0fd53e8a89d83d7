import type { Random } from './random';

/**
 * One record ready for Kafka. `key` is the natural entity (garage, device, user, symbol,
 * service) so Kafka keeps each entity's events in order on one partition.
 */
export interface GeneratedRecord {
  key: string;
  /** Always carries `event_time` (epoch ms): later features measure end-to-end latency from it. */
  value: { event_time: number } & Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * A maker keeps its own evolving state (occupancy, prices, sessions) and draws only from the
 * Random it was built with, so the same seed and the same clock readings give the same records.
 */
export type RecordMaker = (now: number) => GeneratedRecord;

export type RecordMakerFactory = (random: Random, startedAt: number) => RecordMaker;
