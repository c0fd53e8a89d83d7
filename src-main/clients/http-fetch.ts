// A fetch over node:http(s), which the web host has loaded already, for the health poll, the exporter scrape and the
// Flink REST, SQL Gateway, Schema Registry and Connect clients. Node's own fetch loads undici at its first call (and so
// does touching the global FormData), ~0.15 s of CPU in `streamdesk serve`'s first rounds, on the way to the Overview's
// live tiles (bench/coldstart). It answers as fetch does for what those callers use: method, headers, a string body,
// a signal, redirects followed (or left to the caller with redirect: 'manual'); status, ok, text() and json(); a
// failure to connect is a TypeError "fetch failed" whose cause is the socket's error (ECONNREFUSED…), an aborted or
// timed-out request rejects with the signal's reason. Any other body (a FormData: Flink's jar upload) goes to Node's
// fetch, which is what multipart needs. No compression is asked for.
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

/** The redirects fetch follows (its spec's "redirect status"), and how many before it gives up. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/** GET/POST/… `input` as fetch would, for string bodies and plain header objects; any other body goes to fetch. */
export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (typeof init.body !== 'string' && init.body !== undefined && init.body !== null) return fetch(input, init);
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const headers = { ...(init.headers as Record<string, string> | undefined) };
  return send(url, init.method ?? 'GET', headers, init.body ?? undefined, init, 0);
}

function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined, init: RequestInit, redirects: number): Promise<Response> {
  const signal = init.signal;
  if (url.username || url.password) return Promise.reject(new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url.href}`));
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new TypeError('fetch failed', { cause: new Error(`unknown scheme ${url.protocol}`) }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- TLS's modules load only for an https URL
  const client = url.protocol === 'https:' ? (https ??= require('node:https') as typeof import('node:https')) : http;
  const sent = { ...headers };
  const named = (wanted: string) => Object.keys(sent).some((name) => name.toLowerCase() === wanted);
  if (body !== undefined && !named('content-type')) sent['content-type'] = 'text/plain;charset=UTF-8';
  // as fetch does: a string body's length (node:http would send it chunked), and 0 for a POST or PUT without one
  if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
  else if (method === 'POST' || method === 'PUT') sent['content-length'] = '0';
  const options: RequestOptions = { method, headers: sent };
  return new Promise<Response>((resolve, reject) => {
    const request = client.request(url, options, (message) => {
      const location = message.headers.location;
      if (!REDIRECTS.has(message.statusCode ?? 0) || location === undefined || init.redirect === 'manual') {
        return resolve(plainResponse(url.href, message, bodyOf(message, signal)) as unknown as Response);
      }
      message.resume(); // the redirect's own body is not read
      if (init.redirect === 'error') return reject(new TypeError('fetch failed', { cause: new Error('unexpected redirect') }));
      if (redirects >= MAX_REDIRECTS) return reject(new TypeError('fetch failed', { cause: new Error('redirect count exceeded') }));
      let next: URL;
      try {
        next = new URL(location, url);
      } catch (error) {
        return reject(new TypeError('fetch failed', { cause: error }));
      }
      resolve(send(next, ...redirected(url, next, message.statusCode ?? 0, method, headers, body), init, redirects + 1));
    });
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

/**
 * The request a redirect asks for, as fetch makes it: a 303 (and a 301/302 after a POST) becomes a GET without the
 * body and its content headers; credentials are not carried to another origin.
 */
function redirected(
  from: URL,
  to: URL,
  status: number,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): [string, Record<string, string>, string | undefined] {
  const next = { ...headers };
  const drop = (names: string[]) => {
    for (const name of Object.keys(next)) if (names.includes(name.toLowerCase())) delete next[name];
  };
  if (from.origin !== to.origin) drop(['authorization', 'cookie', 'proxy-authorization']);
  if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    drop(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']);
    return ['GET', next, undefined];
  }
  return [method, next, body];
}
