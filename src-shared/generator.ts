import { z } from 'zod';
import { TopicName } from './topics';

/** The seed's "Real-time Data Ingestion" use cases, plus its pre-configured Stavanger parking stream. */
export const GeneratorKind = z.enum(['stavanger-parking', 'iot-sensors', 'user-activity', 'market-ticks', 'log-lines']);
export type GeneratorKind = z.infer<typeof GeneratorKind>;

/** About what one idempotent kafkajs producer sustains (15 000–19 000/s measured against a local broker); beyond it the rate would be a promise not kept. */
export const MAX_GENERATOR_RATE = 20_000;

/**
 * How a generator writes its values: JSON text, or Avro / Protobuf with a schema derived from the
 * kind's records and registered under `<topic>-value` (an existing latest version that fits is reused).
 */
export const GeneratorEncoding = z.enum(['json', 'avro', 'protobuf']);
export type GeneratorEncoding = z.infer<typeof GeneratorEncoding>;

export const GeneratorStartArgs = z
  .object({
    topic: TopicName,
    kind: GeneratorKind,
    ratePerSec: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_GENERATOR_RATE, `must be at most ${MAX_GENERATOR_RATE}`),
    /** Stop by itself once this many records were handed to the producer. */
    maxRecords: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
    /** Same seed, same records (timestamps aside): lets a demo or a bug report be replayed. */
    seed: z.number().int('must be a whole number').optional(),
    /** JSON when not given. */
    encoding: GeneratorEncoding.optional(),
  })
  .strict();
export type GeneratorStartArgs = z.input<typeof GeneratorStartArgs>;

export const GeneratorStopArgs = z.object({ id: z.string().min(1, 'must not be empty') }).strict();
export type GeneratorStopArgs = z.input<typeof GeneratorStopArgs>;

export const GeneratorState = z.enum(['running', 'stopping', 'stopped', 'failed']);
export type GeneratorState = z.infer<typeof GeneratorState>;

export const GeneratorStatus = z.object({
  id: z.string(),
  topic: z.string(),
  kind: GeneratorKind,
  ratePerSec: z.number().int(),
  maxRecords: z.number().int().nullable(),
  /** The seed actually used (chosen at random when none was given), so any run can be replayed. */
  seed: z.number().int(),
  encoding: GeneratorEncoding,
  /** The registered schema the values are written with (Confluent framing); null for JSON. */
  schema: z.object({ subject: z.string(), version: z.number().int(), id: z.number().int() }).nullable(),
  state: GeneratorState,
  /** Records the broker acknowledged (acks=all). */
  sent: z.number().int(),
  /** Records whose batch the producer gave up on after its own retries. */
  failed: z.number().int(),
  /** Records handed to the producer and not yet acknowledged or failed. */
  inFlight: z.number().int(),
  /** Acknowledged records per second over the last few seconds; below ratePerSec means the broker is not keeping up. */
  currentRatePerSec: z.number(),
  startedAt: z.number(),
  stoppedAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type GeneratorStatus = z.infer<typeof GeneratorStatus>;
