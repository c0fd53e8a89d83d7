// httpFetch answers as Node's fetch does for what the health poll, the exporter scrape and the HTTP clients use: each case asks both of
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
      if (request.url === '/see-other') return void response.writeHead(303, { location: '/echo' }).end('gone elsewhere');
      if (request.url === '/kept') return void response.writeHead(307, { location: '/echo' }).end();
      if (request.url === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
      if (request.url === '/echo') {
        const { method, headers } = request;
        const length = headers['content-length'] ?? null;
        const chunked = headers['transfer-encoding'] ?? null;
        const echoed = {
          method,
          type: headers['content-type']?.replace(/boundary=.*/, 'boundary=…'),
          auth: headers.authorization ?? null,
          length,
          chunked,
          body,
        };
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

  it('follows a redirect alike, and says where it ended', async () => {
    const mine = await seen(httpFetch, '/moved');
    expect(mine).toEqual(await seen(fetch, '/moved'));
    expect(mine).toMatchObject({ status: 200, text: '{"version":"3.9.1","n":[1,2]}' });
    expect((await httpFetch(`${base}/moved`)).url).toBe(`${base}/json`);
  });

  it('turns a POST into a GET at a 303 and keeps it at a 307, alike', async () => {
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };
    const seeOther = await seen(httpFetch, '/see-other', post);
    expect(seeOther).toEqual(await seen(fetch, '/see-other', post));
    expect(JSON.parse(seeOther.text)).toMatchObject({ method: 'GET', body: '' });
    const kept = await seen(httpFetch, '/kept', post);
    expect(kept).toEqual(await seen(fetch, '/kept', post));
    expect(JSON.parse(kept.text)).toMatchObject({ method: 'POST', body: '{"a":1}', length: '7' });
  });

  it('gives up on a redirect loop alike', async () => {
    const mine = await failure(httpFetch, `${base}/loop`);
    expect(mine).toEqual(await failure(fetch, `${base}/loop`));
    expect(mine).toMatchObject({ kind: 'TypeError', message: 'fetch failed' });
  });

  it('sends a POST without a body with a length of 0, not chunked, alike', async () => {
    const mine = await seen(httpFetch, '/echo', { method: 'POST' });
    expect(mine).toEqual(await seen(fetch, '/echo', { method: 'POST' }));
    expect(JSON.parse(mine.text)).toMatchObject({ length: '0', chunked: null });
  });

  it('sends a multipart form through fetch (a Flink jar upload)', async () => {
    const form = () => {
      const data = new FormData();
      data.append('jarfile', new Blob([new Uint8Array([1, 2, 3])], { type: 'application/x-java-archive' }), 'job.jar');
      return data;
    };
    const typeSent = async (fetchFn: typeof fetch) => {
      const answer = await seen(fetchFn, '/echo', { method: 'POST', body: form() });
      return { ...answer, text: (JSON.parse(answer.text) as { type: string }).type };
    };
    const mine = await typeSent(httpFetch);
    expect(mine).toEqual(await typeSent(fetch));
    expect(mine.text).toBe('multipart/form-data; boundary=…');
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
