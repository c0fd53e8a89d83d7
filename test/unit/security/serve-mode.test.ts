// Serve mode's doors (issue 8, point 4): the token on every route, file and the WebSocket; Host
// and Origin against DNS rebinding; the bind address and its warning; expensive calls limited
// per client.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Api } from '@shared/contract';
import { EventBus } from '@main/core/event-bus';
import { silentLogger } from '@main/core/logger';
import { restRoutes } from '@main/hosts/rest-routes';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { freePorts } from '@test/stack';

const TOKEN = 'serve-mode-token-0123456789abcdef';

/** One request per REST route (from the route table itself, so a new route is covered), plus files and unknown paths. */
function everyRoute(): { method: string; path: string }[] {
  const samples: Record<string, string> = {
    '/api/streaming/status': '/api/streaming/status',
    '/api/streaming/topics': '/api/streaming/topics',
    '/api/streaming/pipelines': '/api/streaming/pipelines',
  };
  const routes = restRoutes({} as Api).map((route) => {
    const source = route.pattern.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/');
    const path = samples[source] ?? source.replace(/\(\?<(\w+)>[^)]*\)/g, (_m, name: string) => (name === 'name' ? 'topics:list' : 'orders'));
    return { method: route.method, path };
  });
  expect(routes.length).toBeGreaterThanOrEqual(6);
  return [
    ...routes,
    { method: 'GET', path: '/' },
    { method: 'GET', path: '/index.html' },
    { method: 'GET', path: '/assets/app.js' },
    { method: 'GET', path: '/no/such/thing' },
    { method: 'DELETE', path: '/api/nothing' },
  ];
}

function rawRequest(port: number, method: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

function wsOutcome(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    ws.once('error', (error) => resolve(error.message));
  });
}

describe('the token and the origin guard every door', () => {
  let web: WebHost;
  let rendererDir: string;
  const api = new Proxy({} as Api, { get: () => () => Promise.resolve({ overall: 'up', overallReason: '', checkedAt: 0, services: {} }) });

  beforeAll(async () => {
    rendererDir = mkdtempSync(path.join(tmpdir(), 'sd-renderer-'));
    mkdirSync(path.join(rendererDir, 'assets'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>StreamDesk</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    web = await startWebHost({ api, bus: new EventBus(), token: TOKEN, host: '127.0.0.1', port: 0, rendererDir, logger: silentLogger });
  });
  afterAll(async () => {
    await web.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it.each(everyRoute().map((route) => [route.method, route.path] as const))(
    '%s %s: 401 without or with a wrong token, 403 from a foreign Host or Origin',
    async (method, route) => {
      const host = `127.0.0.1:${web.port}`;
      expect(await rawRequest(web.port, method, route, { Host: host })).toBe(401);
      expect(await rawRequest(web.port, method, `${route}${route.includes('?') ? '&' : '?'}token=${TOKEN.slice(0, -1)}x`, { Host: host })).toBe(401);
      expect(await rawRequest(web.port, method, route, { Host: host, Authorization: `Bearer ${TOKEN}x` })).toBe(401);
      expect(await rawRequest(web.port, method, route, { Host: host, Cookie: 'streamdesk_token=guess' })).toBe(401);
      // DNS rebinding: evil.example resolves to 127.0.0.1, and the browser sends its own name as Host and Origin.
      expect(await rawRequest(web.port, method, route, { Host: `evil.example:${web.port}`, Authorization: `Bearer ${TOKEN}` })).toBe(403);
      expect(await rawRequest(web.port, method, route, { Host: host, Origin: 'http://evil.example', Authorization: `Bearer ${TOKEN}` })).toBe(403);
      expect(await rawRequest(web.port, method, route, { Host: host, Origin: `http://evil.example:${web.port}`, Authorization: `Bearer ${TOKEN}` })).toBe(403);
      expect(await rawRequest(web.port, method, route, { Host: host, Origin: 'null', Authorization: `Bearer ${TOKEN}` })).toBe(403);
      // The same request with the token and our own origin gets through the guard (whatever the route then answers).
      expect(await rawRequest(web.port, method, route, { Host: host, Origin: `http://${host}`, Authorization: `Bearer ${TOKEN}` })).not.toBeOneOf([401, 403]);
    },
  );

  it('static renderer files are served only with the token (query once, then the HttpOnly cookie)', async () => {
    const base = `http://127.0.0.1:${web.port}`;
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    const first = await fetch(`${base}/?token=${TOKEN}`);
    expect(first.status).toBe(200);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the WebSocket needs the token and our own origin', async () => {
    const ws = `ws://127.0.0.1:${web.port}/ws`;
    expect(await wsOutcome(ws)).toMatch(/401/);
    expect(await wsOutcome(`${ws}?token=wrong-token-wrong-token`)).toMatch(/401/);
    expect(await wsOutcome(`${ws}?token=${TOKEN}`, { Origin: 'http://evil.example' })).toMatch(/401/);
    expect(await wsOutcome(`${ws}?token=${TOKEN}`, { Host: `evil.example:${web.port}` })).toMatch(/401/);
    expect(await wsOutcome(`ws://127.0.0.1:${web.port}/other?token=${TOKEN}`)).toMatch(/401/);
    expect(await wsOutcome(`${ws}?token=${TOKEN}`, { Origin: `http://127.0.0.1:${web.port}` })).toBe('open');
    expect(await wsOutcome(ws, { Cookie: `streamdesk_token=${TOKEN}` })).toBe('open');
  });
});

describe('streamdesk serve binds to 127.0.0.1 and warns when told otherwise', () => {
  const cli = path.resolve('bin/streamdesk.js');
  const built = existsSync(path.resolve('out/main/cli.js'));

  /** Starts the real CLI, returns what it printed once it says where it serves, then stops it. */
  async function serveOutput(extra: string[]): Promise<{ stdout: string; stderr: string }> {
    const [kafka, zookeeper, flink] = await freePorts(3);
    const configDir = mkdtempSync(path.join(tmpdir(), 'sd-serve-cli-'));
    const child = spawn(
      process.execPath,
      [
        cli,
        'serve',
        '--port',
        '0',
        '--token',
        TOKEN,
        '--kafka',
        `127.0.0.1:${kafka}`,
        '--zookeeper',
        `127.0.0.1:${zookeeper}`,
        '--flink-url',
        `http://127.0.0.1:${flink}`,
        ...extra,
      ],
      {
        env: { ...process.env, STREAMDESK_CONFIG_DIR: configDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no URL in 100 s:\n${stdout}\n${stderr}`)), 100_000);
        child.stdout.on('data', () => {
          if (/serving at http/.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`));
        });
      });
      return { stdout, stderr };
    } finally {
      child.kill('SIGTERM');
      rmSync(configDir, { recursive: true, force: true });
    }
  }

  it('needs the built CLI (npm test builds it first)', () => {
    expect(built, 'out/main/cli.js is missing: run `npx electron-vite build`').toBe(true);
  });

  it.runIf(built)(
    'by default: 127.0.0.1, no warning',
    async () => {
      const { stdout, stderr } = await serveOutput([]);
      expect(stdout).toMatch(/serving at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(stderr).not.toMatch(/WARNING/);
    },
    120_000,
  );

  it.runIf(built)(
    'with --host another address: a warning on stderr naming it',
    async () => {
      // 127.0.0.2 is loopback on Linux: the test opens nothing to the network while exercising the non-default path.
      const { stdout, stderr } = await serveOutput(['--host', '127.0.0.2']);
      expect(stdout).toMatch(/serving at http:\/\/127\.0\.0\.2:\d+\//);
      expect(stderr).toMatch(/WARNING: listening on 127\.0\.0\.2: anyone who can reach this machine and knows the token can control the stack/);
    },
    120_000,
  );
});
