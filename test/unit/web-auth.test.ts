import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import WebSocket from 'ws';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Api } from '@shared/contract';
import { EventBus } from '@main/core/event-bus';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';

const TOKEN = 'auth-test-token-abcdefghijklmnop';
// the status report names the Schema Registry's URL and subject count and Connect's figures, so the snapshot needs those entries
const registry = { status: 'not-configured', reason: '', checkedAt: 0, latencyMs: null, details: { url: null, subjects: null } };
const connect = {
  status: 'not-configured',
  reason: '',
  checkedAt: 0,
  latencyMs: null,
  details: {
    urls: [],
    clustersUp: null,
    version: null,
    workers: null,
    connectors: null,
    connectorsRunning: null,
    connectorsFailed: null,
    tasksFailed: null,
    clusters: [],
    failures: [],
  },
};
const api = {
  'health:get': () => Promise.resolve({ overall: 'up', overallReason: '', checkedAt: 0, services: { schemaRegistry: registry, connect } }),
} as unknown as Api;

describe('serve mode refuses requests without the token', () => {
  let web: WebHost;
  let base: string;
  beforeAll(async () => {
    const rendererDir = mkdtempSync(path.join(tmpdir(), 'sd-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>StreamDesk</title>');
    web = await startWebHost({ api, bus: new EventBus(), token: TOKEN, host: '127.0.0.1', port: 0, rendererDir, logger: silentLogger });
    base = `http://127.0.0.1:${web.port}`;
  });
  afterAll(() => web.close());

  it('prints a URL that carries the token', () => {
    expect(web.url).toBe(`${base}/?token=${TOKEN}`);
  });

  it.each(['/', '/index.html', '/api/streaming/status', '/assets/x.js'])('GET %s without a token is 401', async (route) => {
    const response = await fetch(base + route);
    expect(response.status).toBe(401);
  });

  it('a wrong token is 401, the right one passes', async () => {
    expect((await fetch(`${base}/api/streaming/status?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/api/streaming/status`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('opening the printed URL sets an HttpOnly session cookie that then authorizes', async () => {
    const response = await fetch(web.url);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const again = await fetch(`${base}/api/streaming/status`, { headers: { cookie: cookie.split(';')[0] } });
    expect(again.status).toBe(200);
  });

  it('refuses a foreign Origin or Host even with the token (DNS rebinding, CSRF)', async () => {
    const foreignOrigin = await fetch(`${base}/api/streaming/status`, { headers: { Authorization: `Bearer ${TOKEN}`, Origin: 'http://evil.example' } });
    expect(foreignOrigin.status).toBe(403);
    // fetch() may not set Host, so the rebinding case goes through node:http.
    const reboundStatus = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: web.port, path: '/api/streaming/status', headers: { Authorization: `Bearer ${TOKEN}`, Host: `evil.example:${web.port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(reboundStatus).toBe(403);
  });

  it('refuses a WebSocket without the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws`);
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.once('error', (error) => resolve(error.message));
    });
    expect(outcome).toMatch(/401/);
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
  });
});
