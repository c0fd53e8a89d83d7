// One statement's run in a gateway session: its result pages read as the caller asks for them
// (the gateway fetches from Flink only that far, so a slow reader slows the job, never the back
// end's memory), a row limit, cancellation, and Flink's message when it fails.
import type { RowOp, SqlColumnResult, SqlFailure, SqlFetchResult, SqlRow, SqlRunStatus } from '@shared/sql';
import { FlinkApiError } from '@main/clients/flink/flink-errors';
import type { RawResultPage, SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { sqlFailure } from './sql-failure';

const OPS: Record<string, RowOp> = { INSERT: '+I', UPDATE_BEFORE: '-U', UPDATE_AFTER: '+U', DELETE: '-D' };
const POLL_MS = 100;

export interface SqlRunOptions {
  id: string;
  gateway: SqlGatewayClient;
  session: string;
  operation: string;
  limit: number | null;
  /** Topics the statement names that had no records to infer columns from (their tables have key and metadata columns only). */
  emptyTables?: string[];
  sleep?: (ms: number) => Promise<void>;
}

type LogicalType = { type?: string; length?: number; precision?: number; scale?: number };

/** A column's type as DDL writes it (VARCHAR of the largest length is STRING). */
export function typeOfColumn(t: LogicalType | undefined): string {
  const type = t?.type ?? 'UNKNOWN';
  if (type === 'VARCHAR' && (t?.length ?? 0) >= 2147483647) return 'STRING';
  if (type === 'TIMESTAMP_WITHOUT_TIME_ZONE') return `TIMESTAMP(${t?.precision ?? 6})`;
  if (type === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') return `TIMESTAMP_LTZ(${t?.precision ?? 6})`;
  if (type === 'DECIMAL') return `DECIMAL(${t?.precision ?? 10}, ${t?.scale ?? 0})`;
  if ((type === 'VARCHAR' || type === 'CHAR') && t?.length !== undefined) return `${type}(${t.length})`;
  return type;
}

/** Flink's "Column 'x' not found" names no cause when the column is missing because its topic had no records to infer it from. */
export function withEmptyTablesHint(message: string, emptyTables: string[]): string {
  if (emptyTables.length === 0 || !/Column '[^']*' not found/.test(message)) return message;
  const names = emptyTables.map((t) => `"${t}"`).join(', ');
  return `${message}\n(${names} had no records when the statement ran, so ${emptyTables.length === 1 ? 'its table has' : 'their tables have'} only the key and metadata columns: wait for a record, or set the columns in the tables panel and Save schema)`;
}

export class SqlRun {
  status: SqlRunStatus = 'running';
  private columns: SqlColumnResult[] = [];
  private jobId: string | null = null;
  private token = 0;
  private rowsRead = 0;
  private limitReached = false;
  private failure: SqlFailure | null = null;
  /** Rows of a page beyond what the last fetch asked for. */
  private pending: SqlRow[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  lastUsed = Date.now();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: SqlRunOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get id(): string {
    return this.o.id;
  }

  /** Rows Flink has produced since the last fetch, waiting up to `waitMs` for the first; one fetch at a time. */
  fetch(waitMs: number, maxRows: number): Promise<SqlFetchResult> {
    const next = this.chain.then(() => this.fetchNow(waitMs, maxRows));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Closing the operation cancels the job of a query; an INSERT's job runs on (it is a pipeline's now). */
  async cancel(): Promise<boolean> {
    if (this.status !== 'running') return false;
    this.status = 'cancelled';
    this.pending = [];
    await this.close();
    return true;
  }

  async close(): Promise<void> {
    await this.o.gateway.closeOperation(this.o.session, this.o.operation).catch(() => undefined);
  }

  private async fetchNow(waitMs: number, maxRows: number): Promise<SqlFetchResult> {
    this.lastUsed = Date.now();
    const deadline = Date.now() + waitMs;
    const rows: SqlRow[] = this.pending.splice(0, maxRows);
    while (this.status === 'running' && rows.length < maxRows) {
      const page = await this.readPage();
      if (page === 'failed') continue;
      if (page === 'not-ready' || page.length === 0) {
        if (rows.length > 0 || Date.now() >= deadline) break;
        await this.sleep(POLL_MS);
        continue;
      }
      const room = maxRows - rows.length;
      rows.push(...page.slice(0, room));
      this.pending.push(...page.slice(room));
    }
    return this.answer(rows);
  }

  /** One page's rows, 'not-ready' while Flink has none, 'failed' when the statement failed (status says so). */
  private async readPage(): Promise<SqlRow[] | 'not-ready' | 'failed'> {
    let page: RawResultPage;
    try {
      page = await this.o.gateway.fetchPage(this.o.session, this.o.operation, this.token);
    } catch (error) {
      if (this.status !== 'running') return 'failed';
      this.status = 'failed';
      const message = error instanceof FlinkApiError ? error.flinkMessage : error instanceof Error ? error.message : String(error);
      this.failure = sqlFailure(withEmptyTablesHint(message, this.o.emptyTables ?? []));
      await this.close();
      return 'failed';
    }
    if (page.resultType === 'NOT_READY') return 'not-ready';
    if (page.results?.columns && this.columns.length === 0)
      this.columns = page.results.columns.map((c) => ({ name: c.name, type: typeOfColumn(c.logicalType) }));
    this.jobId = page.jobID ?? this.jobId;
    const rows = (page.results?.data ?? []).map((r) => ({ op: OPS[r.kind ?? 'INSERT'] ?? '+I', fields: r.fields ?? [] }));
    const next = page.nextResultUri ? Number(/\/result\/(\d+)/.exec(page.nextResultUri)?.[1]) : NaN;
    if (page.resultType === 'EOS' || Number.isNaN(next)) {
      this.status = 'done';
      await this.close();
    } else this.token = next;
    return this.applyLimit(rows);
  }

  private async applyLimit(rows: SqlRow[]): Promise<SqlRow[]> {
    const limit = this.o.limit;
    if (limit === null || this.rowsRead + rows.length < limit) {
      this.rowsRead += rows.length;
      return rows;
    }
    const kept = rows.slice(0, limit - this.rowsRead);
    this.rowsRead = limit;
    this.limitReached = true;
    if (this.status === 'running') {
      this.status = 'done';
      await this.close();
    }
    return kept;
  }

  private answer(rows: SqlRow[]): SqlFetchResult {
    // a finished run still hands out what it had buffered before it says so
    const status = this.pending.length > 0 && this.status !== 'cancelled' ? 'running' : this.status;
    return {
      runId: this.o.id,
      status,
      columns: this.columns,
      rows,
      jobId: this.jobId,
      rowsRead: this.rowsRead,
      limitReached: this.limitReached,
      failure: this.failure,
    };
  }
}
