// A fetch for the health poll and the exporter scrape over node:http(s), which the web host has loaded already. Node's
// own fetch loads undici at its first call, ~0.15 s of CPU in `streamdesk serve`'s first health round, on the way to
// the Overview's live tiles (bench/coldstart). It answers as fetch does for what those callers use: method, headers, a
// string body, a signal; status, ok, text() and json(); a failure to connect is a TypeError "fetch failed" whose
// cause is the socket's error (ECONNREFUSED…), an aborted or timed-out request rejects with the signal's reason.
// Redirects are not followed (the callers follow none or ask for 'manual'); no compression is asked for.
import http, { type IncomingMessage } from 'node:http';
import type { RequestOptions } from 'node:https';

let https: typeof import('node:https') | null = null;

/** What the callers read of an answer: a subset of fetch's Response. */
interface PlainResponse {
  status: number;
  statusText: string;
  ok: boolean;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

function plainResponse(url: string, message: IncomingMessage, body: Promise<Buffer>): PlainResponse {
  const status = message.statusCode ?? 0;
  const text = () => body.then((bytes) => bytes.toString('utf8'));
  return {
    status,
    statusText: message.statusMessage ?? '',
    ok: status >= 200 && status <= 299,
    url,
    headers: {
      get: (name) => {
        const value = message.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text,
    json: () => text().then((source) => JSON.parse(source) as unknown),
  };
}

/** What fetch rejects with when its signal aborts: the signal's reason (AbortSignal.timeout's is a TimeoutError DOMException). */
function abortReason(signal: AbortSignal | null | undefined): Error {
  return signal?.reason as Error;
}

function bodyOf(message: IncomingMessage, signal: AbortSignal | null | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const aborted = () => {
      message.destroy();
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', aborted, { once: true });
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.once('end', () => {
      signal?.removeEventListener('abort', aborted);
      resolve(Buffer.concat(chunks));
    });
    message.once('error', (error) => {
      signal?.removeEventListener('abort', aborted);
      reject(new TypeError('terminated', { cause: error }));
    });
  });
}

/** GET/POST/… `input` as fetch would, for string bodies and plain header objects. */
export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const signal = init.signal;
  if (typeof init.body !== 'string' && init.body !== undefined && init.body !== null) {
    return Promise.reject(new TypeError('httpFetch sends string bodies only'));
  }
  if (url.username || url.password) return Promise.reject(new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url.href}`));
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new TypeError('fetch failed', { cause: new Error(`unknown scheme ${url.protocol}`) }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- TLS's modules load only for an https URL
  const client = url.protocol === 'https:' ? (https ??= require('node:https') as typeof import('node:https')) : http;
  const headers = { ...(init.headers as Record<string, string> | undefined) };
  const body = init.body ?? undefined;
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'text/plain;charset=UTF-8';
  const options: RequestOptions = { method: init.method ?? 'GET', headers };
  return new Promise((resolve, reject) => {
    const request = client.request(url, options, (message) => resolve(plainResponse(url.href, message, bodyOf(message, signal)) as unknown as Response));
    const aborted = () => {
      request.destroy();
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', aborted, { once: true });
    request.once('response', () => signal?.removeEventListener('abort', aborted));
    request.once('error', (error) => {
      signal?.removeEventListener('abort', aborted);
      reject(new TypeError('fetch failed', { cause: error }));
    });
    request.end(body);
  });
}
