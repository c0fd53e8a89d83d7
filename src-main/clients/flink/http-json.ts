// One JSON round trip over an injected fetch (httpFetch in the app), shared by the Flink REST and SQL Gateway clients.
import { FlinkApiError, flinkErrorMessage, unreachable } from './flink-errors';

export type FetchLike = typeof fetch;

export interface HttpEndpoint {
  fetch: FetchLike;
  /** e.g. http://127.0.0.1:8081 (no trailing slash needed) */
  baseUrl: string;
  /** e.g. Authorization for a Flink behind a proxy. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Names the server in error messages ("Flink", "SQL Gateway"). */
  label: string;
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** A plain value is sent as JSON; FormData as multipart. */
  body?: unknown;
  /** Names the operation in error messages. */
  what: string;
}

export async function requestJson<T = unknown>(ep: HttpEndpoint, req: JsonRequest): Promise<T> {
  const base = ep.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json', ...(ep.headers ?? {}) };
  let body: FormData | string | undefined;
  // by its tag, not `instanceof FormData`: touching the global FormData loads undici (http-fetch.ts)
  if (Object.prototype.toString.call(req.body) === '[object FormData]') body = req.body as FormData;
  else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  let res: Response;
  try {
    res = await ep.fetch(`${base}${req.path}`, { method: req.method ?? 'GET', headers, body, signal: AbortSignal.timeout(ep.timeoutMs ?? 30_000) });
  } catch (e) {
    throw unreachable(`${ep.label} ${req.what}`, base, e);
  }
  const text = await res.text();
  let json: unknown = null;
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const message = flinkErrorMessage(json) ?? `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`;
    throw new FlinkApiError(res.status, `${ep.label} ${req.what}`, message);
  }
  return json as T;
}
