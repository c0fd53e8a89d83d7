// One on-cluster search: its gateway session, the bounded query's SqlRun pulled until it ends, its
// rows turned into the records the local search would send, and SearchProgress events — `scanned`
// read from Flink's REST metrics of the source (what its readers emitted), `matched` from the rows.
import type { z } from 'zod';
import type { MessageRecord, RecordHeader, SearchArgs, SearchProgress } from '@shared/messages';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { SqlRun } from '../sql/sql-run';
import type { PartitionRange } from './range-reader';
import { describeValue } from './record-view';
import type { SearchListener } from './search-run';
import { sourceRecordsOut } from './cluster-metrics';

const PAGE_ROWS = 5000;
const METRICS_EVERY_MS = 1000;

/** A search to run on the cluster, as the search service hands it over. */
export interface ClusterStart {
  searchId: string;
  args: z.output<typeof SearchArgs>;
  ranges: PartitionRange[];
  listener: SearchListener;
  now: () => number;
  progressIntervalMs: number;
  onEnd: () => void;
}

export interface ClusterRunSettings extends ClusterStart {
  gateway: SqlGatewayClient;
  flink: FlinkRestClient | null;
  /** The open session and the submitted SELECT. */
  session: string;
  operation: string;
  parallelism: number;
  freeSlots: number;
}

/** Flink answers BYTES as base64 in its JSON rows. */
function bytesOf(field: unknown): Buffer | null {
  return typeof field === 'string' ? Buffer.from(field, 'base64') : null;
}

function textOrBase64(bytes: Buffer): { text: string; encoding: 'text' | 'base64' } {
  const view = describeValue(bytes);
  return view.valueFormat === 'binary' ? { text: bytes.toString('base64'), encoding: 'base64' } : { text: bytes.toString('utf8'), encoding: 'text' };
}

/**
 * A result row as the record the local search sends. Flink reads headers as a map (one value per
 * name, in no order) and not the record's framing: `sizeBytes` counts key, value and header bytes.
 */
function recordOfRow(fields: unknown[]): MessageRecord {
  const [partition, offset, time, keyField, valueField, headerField] = fields;
  const key = bytesOf(keyField);
  const value = bytesOf(valueField);
  const keyView = key === null ? null : textOrBase64(key);
  let size = (key?.length ?? 0) + (value?.length ?? 0);
  const headers: RecordHeader[] = Object.entries((headerField ?? {}) as Record<string, unknown>).map(([name, raw]) => {
    const bytes = bytesOf(raw);
    size += Buffer.byteLength(name) + (bytes?.length ?? 0);
    const view = bytes === null ? null : textOrBase64(bytes);
    return { key: name, value: view?.text ?? null, valueEncoding: view?.encoding ?? 'text' };
  });
  return {
    partition: Number(partition),
    offset: Number(offset),
    // the session's time zone is UTC: "2026-12-07 05:40:00.123"
    timestamp: Date.parse(`${String(time).replace(' ', 'T')}Z`),
    key: keyView?.text ?? null,
    keyEncoding: keyView?.encoding ?? 'text',
    headers,
    ...describeValue(value),
    sizeBytes: size,
  };
}

export class ClusterSearchRun {
  readonly finished: Promise<SearchProgress>;
  private readonly run: SqlRun;
  private readonly startedAt: number;
  private readonly total: number;
  private matched = 0;
  private scanned = 0;
  private jobId: string | null = null;
  private cancelled = false;
  private stoppedAtLimit = false;
  private error: string | null = null;
  private lastEmit = 0;
  private lastMetrics = 0;

  constructor(private readonly s: ClusterRunSettings) {
    this.startedAt = s.now();
    this.total = s.ranges.reduce((sum, range) => sum + Math.max(0, range.end - range.start), 0);
    this.run = new SqlRun({ id: s.searchId, gateway: s.gateway, session: s.session, operation: s.operation, limit: s.args.maxMatches });
    this.finished = this.pull().then(() => this.end());
  }

  /** Closes the query's operation: the gateway cancels its Flink job. */
  cancel(): void {
    this.cancelled = true;
    void this.run.cancel();
  }

  private async pull(): Promise<void> {
    for (;;) {
      const page = await this.run.fetch(Math.min(500, this.s.progressIntervalMs), PAGE_ROWS);
      this.jobId = page.jobId ?? this.jobId;
      if (page.rows.length > 0) {
        this.matched += page.rows.length;
        this.s.listener.matches({ searchId: this.s.searchId, records: page.rows.map((row) => recordOfRow(row.fields)) });
      }
      if (page.failure) this.error = page.failure.message;
      if (page.limitReached) this.stoppedAtLimit = true;
      if (page.status !== 'running') return;
      await this.readMetrics();
      this.emitProgress();
    }
  }

  private async readMetrics(): Promise<void> {
    const at = this.s.now();
    if (!this.jobId || !this.s.flink || at - this.lastMetrics < METRICS_EVERY_MS) return;
    this.lastMetrics = at;
    const read = await sourceRecordsOut(this.s.flink, this.jobId).catch(() => null);
    if (read !== null) this.scanned = Math.min(this.total, Math.max(this.scanned, read));
  }

  private async end(): Promise<SearchProgress> {
    await this.s.gateway.closeSession(this.s.session).catch(() => undefined);
    // a bounded scan that ended by itself read its whole ranges; else Flink's last count says how far
    if (!this.cancelled && !this.stoppedAtLimit && !this.error) this.scanned = this.total;
    this.s.onEnd();
    const final = this.snapshot(true);
    this.s.listener.progress(final);
    return final;
  }

  private emitProgress(): void {
    const at = this.s.now();
    if (at - this.lastEmit < this.s.progressIntervalMs) return;
    this.lastEmit = at;
    this.s.listener.progress(this.snapshot(false));
  }

  private snapshot(done: boolean): SearchProgress {
    const elapsedMs = this.s.now() - this.startedAt;
    const finishedAll = done && this.scanned === this.total;
    return {
      searchId: this.s.searchId,
      scanned: this.scanned,
      total: this.total,
      matched: this.matched,
      ratePerSec: elapsedMs > 0 ? Math.round((this.scanned / elapsedMs) * 1000) : 0,
      partitionsDone: finishedAll ? this.s.ranges.length : this.s.ranges.filter((range) => range.end <= range.start).length,
      partitions: this.s.ranges.length,
      elapsedMs,
      done,
      cancelled: this.cancelled,
      stoppedAtLimit: this.stoppedAtLimit,
      error: this.error,
      cluster: { jobId: this.jobId, parallelism: this.s.parallelism, partitions: this.s.ranges.length, freeSlots: this.s.freeSlots },
    };
  }
}
