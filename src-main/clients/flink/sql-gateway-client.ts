// Flink SQL Gateway REST client (API v1, answered by 1.16 through 2.x): sessions, statements,
// operation status and results. An INSERT's result carries the id of the job it submitted.
import { StreamdeskError } from '@shared/errors';
import { type FetchLike, type HttpEndpoint, requestJson } from './http-json';

export interface SqlGatewayClientOptions {
  fetch: FetchLike;
  /** e.g. http://127.0.0.1:8083 */
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type ResultType = 'NOT_READY' | 'PAYLOAD' | 'EOS';

export interface RawResultPage {
  resultType?: ResultType;
  isQueryResult?: boolean;
  jobID?: string;
  resultKind?: string;
  results?: { columns?: Array<{ name: string; logicalType?: { type?: string } }>; rowFormat?: string; data?: Array<{ kind?: string; fields?: unknown[] }> };
  nextResultUri?: string | null;
}

export interface StatementResult {
  resultKind: string | null;
  /** Set when the statement submitted a job (INSERT, STATEMENT SET, SELECT on a cluster). */
  jobId: string | null;
  columns: string[];
  rows: unknown[][];
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const enc = encodeURIComponent;

export class SqlGatewayClient {
  private readonly ep: HttpEndpoint;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: SqlGatewayClientOptions) {
    this.ep = {
      fetch: opts.fetch,
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      label: 'SQL Gateway',
      ...(opts.headers ? { headers: opts.headers } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    };
    this.sleep = opts.sleep ?? sleepReal;
  }

  get baseUrl(): string {
    return this.ep.baseUrl;
  }

  info(): Promise<{ productName?: string; version?: string }> {
    return requestJson(this.ep, { path: '/v1/info', what: 'info' });
  }

  /** A session; `properties` are session config (e.g. pipeline settings), like SET statements. */
  async openSession(properties: Record<string, string> = {}, sessionName?: string): Promise<string> {
    const r = await requestJson<{ sessionHandle?: string }>(this.ep, {
      method: 'POST',
      path: '/v1/sessions',
      body: { properties, ...(sessionName ? { sessionName } : {}) },
      what: 'open session',
    });
    if (!r.sessionHandle) throw new Error('SQL Gateway open session: no session handle in the answer');
    return r.sessionHandle;
  }

  async closeSession(session: string): Promise<void> {
    await requestJson(this.ep, { method: 'DELETE', path: `/v1/sessions/${enc(session)}`, what: 'close session' });
  }

  /** Keeps an idle session from expiring (the gateway closes one after 10 minutes by default). */
  async heartbeat(session: string): Promise<void> {
    await requestJson(this.ep, { method: 'POST', path: `/v1/sessions/${enc(session)}/heartbeat`, what: 'heartbeat' });
  }

  /** Submit a statement; `executionConfig` applies to this statement only. Returns the operation handle. */
  async submit(session: string, statement: string, executionConfig?: Record<string, string>): Promise<string> {
    const body: Record<string, unknown> = { statement };
    if (executionConfig && Object.keys(executionConfig).length > 0) body.executionConfig = executionConfig;
    const r = await requestJson<{ operationHandle?: string }>(this.ep, {
      method: 'POST',
      path: `/v1/sessions/${enc(session)}/statements`,
      body,
      what: 'execute statement',
    });
    if (!r.operationHandle) throw new Error('SQL Gateway execute statement: no operation handle in the answer');
    return r.operationHandle;
  }

  async status(session: string, operation: string): Promise<string> {
    const r = await requestJson<{ status?: string }>(this.ep, {
      path: `/v1/sessions/${enc(session)}/operations/${enc(operation)}/status`,
      what: 'operation status',
    });
    return r.status ?? 'UNKNOWN';
  }

  /** One page of results. A failed operation answers with its error (Flink's reason) here. */
  fetchPage(session: string, operation: string, token: number): Promise<RawResultPage> {
    return requestJson(this.ep, { path: `/v1/sessions/${enc(session)}/operations/${enc(operation)}/result/${token}?rowFormat=JSON`, what: 'statement' });
  }

  async closeOperation(session: string, operation: string): Promise<void> {
    await requestJson(this.ep, { method: 'DELETE', path: `/v1/sessions/${enc(session)}/operations/${enc(operation)}/close`, what: 'close operation' });
  }

  /**
   * Run a statement and wait for its first result: for DDL/SET the "OK", for an INSERT the id
   * of the submitted job (the job keeps running; the operation is done once submitted).
   * Reads at most `maxRows` rows of a bounded query.
   */
  async execute(
    session: string,
    statement: string,
    opts: {
      executionConfig?: Record<string, string>;
      timeoutMs?: number;
      maxRows?: number;
      /**
       * Asked every couple of seconds while the statement is not done: a reason to stop waiting
       * (e.g. the JobManager it submits to is gone: the gateway would keep retrying for minutes),
       * or null to keep waiting.
       */
      stopWaiting?: () => Promise<string | null>;
    } = {},
  ): Promise<StatementResult> {
    const op = await this.submit(session, statement, opts.executionConfig);
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    const out: StatementResult = { resultKind: null, jobId: null, columns: [], rows: [] };
    let token = 0;
    let nextCheck = Date.now() + 2000;
    for (;;) {
      const page = await this.fetchPage(session, op, token);
      if (page.resultType === 'NOT_READY') {
        if (Date.now() > deadline)
          throw new StreamdeskError(
            'unavailable',
            `SQL Gateway: statement did not finish in ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s: ${statement.slice(0, 120)}`,
          );
        if (opts.stopWaiting && Date.now() >= nextCheck) {
          nextCheck = Date.now() + 2000;
          const reason = await opts.stopWaiting();
          if (reason) {
            await this.closeOperation(session, op).catch(() => undefined);
            throw new StreamdeskError('unavailable', `SQL Gateway: stopped waiting for the statement: ${reason}`);
          }
        }
        await this.sleep(200);
        continue;
      }
      out.resultKind = page.resultKind ?? out.resultKind;
      out.jobId = page.jobID ?? out.jobId ?? jobIdFromRows(page);
      if (page.results?.columns && out.columns.length === 0) out.columns = page.results.columns.map((c) => c.name);
      for (const row of page.results?.data ?? []) out.rows.push(row.fields ?? []);
      const next = page.nextResultUri ? Number(/\/result\/(\d+)/.exec(page.nextResultUri)?.[1]) : NaN;
      // a job-submitting statement is done with its job id; the rest are read to the end
      if (page.resultType === 'EOS' || Number.isNaN(next) || out.jobId !== null || out.rows.length >= (opts.maxRows ?? 1000)) break;
      token = next;
    }
    await this.closeOperation(session, op).catch(() => undefined);
    return out;
  }
}

/** Before 1.18 the job id came only as the single "job id" column of an INSERT's result. */
function jobIdFromRows(page: RawResultPage): string | null {
  const cols = page.results?.columns ?? [];
  if (cols.length !== 1 || cols[0]?.name !== 'job id') return null;
  const v = page.results?.data?.[0]?.fields?.[0];
  return typeof v === 'string' && /^[0-9a-f]{32}$/.test(v) ? v : null;
}
