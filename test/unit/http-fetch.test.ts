// httpFetch answers as Node's fetch does for what the health poll and the exporter scrape use: each case asks both of
// them the same thing of the same node:http server and compares what they give back, answers and failures alike.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '@main/clients/http-fetch';
import { errorReason } from '@main/services/health/reasons';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.url === '/json') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"3.9.1","n":[1,2]}');
      if (request.url === '/missing') return void response.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
      if (request.url === '/moved') return void response.writeHead(302, { location: '/json' }).end();
      if (request.url === '/echo') {
        const echoed = { method: request.method, type: request.headers['content-type'], auth: request.headers.authorization ?? null, body };
        return void response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(echoed));
      }
      if (request.url === '/not-json') return void response.writeHead(200).end('<html>');
      if (request.url === '/silent') return; // never answers
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** What a caller can see of an answer. */
async function seen(fetchFn: typeof fetch, path: string, init?: RequestInit) {
  const response = await fetchFn(`${base}${path}`, init);
  return { status: response.status, ok: response.ok, type: response.headers.get('content-type'), text: await response.text() };
}

/** What a caller can see of a failure: the error's kind, message, cause code and the health poll's sentence for it. */
async function failure(fetchFn: typeof fetch, url: string, init?: RequestInit) {
  const error = (await fetchFn(url, init).then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { cause?: { code?: string } }) | null;
  expect(error).not.toBeNull();
  return { kind: error?.constructor.name, name: error?.name, message: error?.message, cause: error?.cause?.code, reason: errorReason(error, 'X') };
}

describe('httpFetch beside fetch', () => {
  it('reads a JSON answer alike', async () => {
    expect(await seen(httpFetch, '/json')).toEqual(await seen(fetch, '/json'));
    const answer = await httpFetch(`${base}/json`);
    expect(await answer.json()).toEqual({ version: '3.9.1', n: [1, 2] });
  });

  it('gives an error status with its body alike', async () => {
    const mine = await seen(httpFetch, '/missing');
    expect(mine).toEqual(await seen(fetch, '/missing'));
    expect(mine).toMatchObject({ status: 404, ok: false, text: 'no such thing' });
  });

  it('leaves a redirect to the caller when asked to (redirect: manual)', async () => {
    const mine = await seen(httpFetch, '/moved', { redirect: 'manual' });
    expect(mine).toEqual(await seen(fetch, '/moved', { redirect: 'manual' }));
    expect(mine.status).toBe(302);
  });

  it('sends the method, headers and a string body alike', async () => {
    const json = { method: 'POST', headers: { authorization: 'Basic eDp5', 'content-type': 'application/json' }, body: '{"a":1}' };
    expect(await seen(httpFetch, '/echo', json)).toEqual(await seen(fetch, '/echo', json));
    const plain = { method: 'PUT', body: 'text' };
    expect(await seen(httpFetch, '/echo', plain)).toEqual(await seen(fetch, '/echo', plain));
  });

  it('rejects json() of a body that is not JSON with a SyntaxError, as fetch does', async () => {
    await expect((await httpFetch(`${base}/not-json`)).json()).rejects.toBeInstanceOf(SyntaxError);
    await expect((await fetch(`${base}/not-json`)).json()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('fails alike when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    const mine = await failure(httpFetch, url);
    expect(mine).toEqual(await failure(fetch, url));
    expect(mine).toMatchObject({ kind: 'TypeError', message: 'fetch failed', cause: 'ECONNREFUSED', reason: 'X: connection refused (nothing listening)' });
  });

  it('gives up alike when the signal times out', async () => {
    const mine = await failure(httpFetch, `${base}/silent`, { signal: AbortSignal.timeout(150) });
    expect(mine).toEqual(await failure(fetch, `${base}/silent`, { signal: AbortSignal.timeout(150) }));
    expect(mine.name).toBe('TimeoutError');
  });
});
