import type { GeneratorEncoding, GeneratorKind, GeneratorState, GeneratorStatus } from '@shared/generator';
import { RateMeter } from './rate-meter';
import { recordMaker, type GeneratedRecord } from './records';
import { batchLimit, planTick } from './schedule';
import { isFatalSendError, sendErrorMessage } from './send-errors';

/** A Kafka message as the producer takes it; built here so the run never imports kafkajs. */
export interface OutgoingMessage {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
  timestamp: string;
}

export interface RunSettings {
  id: string;
  topic: string;
  kind: GeneratorKind;
  ratePerSec: number;
  maxRecords: number | null;
  seed: number;
  encoding?: GeneratorEncoding;
  schema?: GeneratorStatus['schema'];
}

export interface RunEdges {
  now: () => number;
  /** Resolves once the broker acknowledged every message of the batch (acks=all); rejects otherwise. */
  send: (messages: OutgoingMessage[]) => Promise<void>;
  /** Releases the producer; called once, after the last batch settled. */
  close: () => Promise<void>;
  onProgress: (status: GeneratorStatus) => void;
  /** A record's value as written: JSON text by default, or the bytes of a registered schema's encoding. */
  encode?: (value: Record<string, unknown>) => string | Buffer;
  tickMs?: number;
  /**
   * Batches awaiting the broker at once; beyond it the run waits (back-pressure) rather than
   * queueing. Default 1: an idempotent producer numbers each batch when it is sent and takes the
   * number back when the send fails; a second batch sent meanwhile would take the failed one's
   * numbers, and if the failed one had in fact been written the broker would drop the second as
   * its duplicate (records lost) while the retried first one is written twice.
   */
  maxPendingBatches?: number;
  /** While stopping, how long a batch the broker does not acknowledge is still retried. Default 15 s. */
  stopGraceMs?: number;
}

const PROGRESS_INTERVAL_MS = 1000;

/**
 * One running generator: a timer tick asks the schedule how many records are owed, produces
 * them as one batch, and counts acknowledgements. Invariant: produced = sent + failed + inFlight.
 */
export class GeneratorRun {
  private state: GeneratorState = 'running';
  private sent = 0;
  private failed = 0;
  private inFlight = 0;
  private produced = 0;
  /** Produced plus forgiven: the schedule's position. */
  private accounted = 0;
  private lastError: string | null = null;
  private fatal = false;
  private readonly startedAt: number;
  private stoppedAt: number | null = null;
  private lastProgressAt = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly meter = new RateMeter();
  private readonly makeRecord: (now: number) => GeneratedRecord;
  private readonly encode: (value: Record<string, unknown>) => string | Buffer;
  private readonly tickMs: number;
  private readonly maxPending: number;
  private readonly batchMax: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopping: Promise<GeneratorStatus> | null = null;
  /** Set by stop(): a batch still unacknowledged then is given up (counted failed). */
  private giveUpAt = Infinity;

  constructor(
    private readonly settings: RunSettings,
    private readonly edges: RunEdges,
  ) {
    this.tickMs = edges.tickMs ?? 100;
    this.maxPending = edges.maxPendingBatches ?? 1;
    this.batchMax = batchLimit(settings.ratePerSec, this.tickMs);
    this.startedAt = edges.now();
    this.makeRecord = recordMaker(settings.kind, settings.seed, this.startedAt);
    this.encode = edges.encode ?? ((value) => JSON.stringify(value));
    this.meter.record(this.startedAt, 0);
  }

  start(): GeneratorStatus {
    this.timer = setInterval(() => this.tick(), this.tickMs);
    return this.announce();
  }

  status(): GeneratorStatus {
    const { id, topic, kind, ratePerSec, maxRecords, seed } = this.settings;
    return {
      id,
      topic,
      kind,
      ratePerSec,
      maxRecords,
      seed,
      encoding: this.settings.encoding ?? 'json',
      schema: this.settings.schema ?? null,
      state: this.state,
      sent: this.sent,
      failed: this.failed,
      inFlight: this.inFlight,
      // A finished generator has no live rate; its average is sent / (stoppedAt - startedAt).
      currentRatePerSec: this.state === 'running' || this.state === 'stopping' ? Math.round(this.meter.perSecond() * 10) / 10 : 0,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt,
      lastError: this.lastError,
    };
  }

  get finished(): boolean {
    return this.state === 'stopped' || this.state === 'failed';
  }

  /** Stops scheduling, waits for every batch to settle, closes the producer. Idempotent. */
  stop(): Promise<GeneratorStatus> {
    if (!this.stopping) this.stopping = this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<GeneratorStatus> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.state = 'stopping';
    this.giveUpAt = this.edges.now() + (this.edges.stopGraceMs ?? 15_000);
    this.announce();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    try {
      await this.edges.close();
    } catch (error) {
      this.lastError ??= `closing the producer failed: ${sendErrorMessage(error)}`;
    }
    this.stoppedAt = this.edges.now();
    this.state = this.fatal ? 'failed' : 'stopped';
    return this.announce();
  }

  private tick(): void {
    if (this.state !== 'running') return;
    const now = this.edges.now();
    const remaining = this.settings.maxRecords === null ? Infinity : this.settings.maxRecords - this.produced;
    const plan = planTick(now - this.startedAt, this.settings.ratePerSec, this.accounted, {
      maxBurst: this.pending.size < this.maxPending ? this.batchMax : 0,
      maxBacklog: Math.max(this.settings.ratePerSec, this.batchMax),
      remaining,
    });
    this.accounted += plan.skip + plan.send;
    if (plan.send > 0) this.produce(plan.send, now);
    this.meter.record(now, this.sent);
    if (this.settings.maxRecords !== null && this.produced >= this.settings.maxRecords) {
      void this.stop();
      return;
    }
    if (now - this.lastProgressAt >= PROGRESS_INTERVAL_MS) this.announce();
  }

  private produce(count: number, now: number): void {
    const messages: OutgoingMessage[] = [];
    for (let i = 0; i < count; i++) {
      const record = this.makeRecord(now);
      messages.push({
        key: record.key,
        value: this.encode(record.value),
        timestamp: String(record.value.event_time),
        ...(record.headers ? { headers: record.headers } : {}),
      });
    }
    this.produced += count;
    this.inFlight += count;
    const batch = this.deliver(messages)
      .then(
        () => {
          // Moved in one step so sent + failed + inFlight never double-counts a batch.
          this.inFlight -= count;
          this.sent += count;
          this.meter.record(this.edges.now(), this.sent);
        },
        (error: unknown) => {
          this.inFlight -= count;
          this.batchFailed(count, error);
        },
      )
      .finally(() => this.pending.delete(batch));
    this.pending.add(batch);
  }

  /**
   * Sends one batch until the broker acknowledges it. A broker that restarts makes the producer
   * give up after its own retries; sending the same batch again through the same idempotent
   * producer reuses its sequence numbers, so a batch that was in fact written is not written
   * twice, and one that was not is not lost. Gives up on errors that cannot pass (topic gone,
   * not allowed) and, once stopping, after the stop grace period.
   */
  private async deliver(messages: OutgoingMessage[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.edges.send(messages);
        return;
      } catch (error) {
        if (isFatalSendError(error) || this.edges.now() >= this.giveUpAt) throw error;
        this.lastError = `${sendErrorMessage(error)} (retrying the batch)`;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  /** Fatal, or still unacknowledged when the stop grace period ended: counted as failed. */
  private batchFailed(count: number, error: unknown): void {
    this.failed += count;
    const fatal = isFatalSendError(error);
    // Given up while stopping: the broker may have written the batch without answering.
    this.lastError = fatal
      ? sendErrorMessage(error)
      : `${sendErrorMessage(error)} (${count} records unacknowledged when the generator stopped; they may or may not be in the topic)`;
    if (fatal && !this.fatal) {
      this.fatal = true;
      void this.stop();
    }
  }

  private announce(): GeneratorStatus {
    const status = this.status();
    this.lastProgressAt = this.edges.now();
    try {
      this.edges.onProgress(status);
    } catch {
      // A listener's bug must not stop the generator.
    }
    return status;
  }
}
