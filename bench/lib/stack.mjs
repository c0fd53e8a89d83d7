// What the benches share: a native stack on free ports (or one kept in a data dir), `streamdesk serve`, Chromium, figures.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const require = createRequire(path.join(root, 'package.json'));
export const cli = path.join(root, 'bin', 'streamdesk.js');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export const median = (xs) => percentile(xs, 50);
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
export const ms = (x) => `${x.toFixed(1)} ms`;

/** The ports a kept stack in `dataDir` was started on (streamdesk records them), or fresh free ones. */
async function stackPorts(dataDir) {
  const recordedFile = path.join(dataDir, 'stack-ports.json');
  if (existsSync(recordedFile)) {
    const recorded = JSON.parse(readFileSync(recordedFile, 'utf8'));
    const zookeeper = recorded.zookeeper ?? (await freePort());
    return {
      kafka: recorded.kafka,
      zookeeper,
      flink: recorded.flinkRest,
      exporter: recorded.exporter,
      gateway: recorded.sqlGateway,
      registry: recorded.schemaRegistry,
      connect: recorded.connect,
    };
  }
  const [kafka, zookeeper, flink, exporter, gateway, registry, connect] = await Promise.all(Array.from({ length: 7 }, freePort));
  return { kafka, zookeeper, flink, exporter, gateway, registry, connect };
}

/**
 * A native stack of `shape` (`stack up` flags) in `dataDir` (reused and left up) or in a temporary dir (stopped and
 * removed by `down`, unless `keep`). Answers its bootstrap, the flags naming it and `down`.
 */
export async function bringUpStack({ name, dataDir: given, shape, keep }) {
  const reuse = given !== undefined;
  const dataDir = reuse ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), `streamdesk-bench-${name}-`));
  if (reuse) mkdirSync(dataDir, { recursive: true });
  const ports = await stackPorts(dataDir);
  const flags = { '--kafka-port': ports.kafka, '--zookeeper-port': ports.zookeeper, '--flink-port': ports.flink, '--exporter-port': ports.exporter };
  Object.assign(flags, { '--sql-gateway-port': ports.gateway, '--registry-port': ports.registry, '--connect-port': ports.connect });
  const stackArgs = ['--data-dir', dataDir, ...Object.entries(flags).flatMap(([flag, port]) => [flag, String(port)])];
  console.error(`[bench/${name}] ${reuse ? 'using (starting if needed)' : 'starting'} a native stack in ${dataDir}`);
  const up = spawnSync(process.execPath, [cli, 'stack', 'up', '--native', ...shape, ...stackArgs], { cwd: root, encoding: 'utf8' });
  if (up.status !== 0) throw new Error(`stack up failed:\n${up.stdout}\n${up.stderr}`);
  const down = () => {
    if (reuse) {
      console.error(`[bench/${name}] the stack stays up for the next run; stop it with: node bin/streamdesk.js stack down ${stackArgs.join(' ')}`);
      return;
    }
    spawnSync(process.execPath, [cli, 'stack', 'down', ...stackArgs], { cwd: root, encoding: 'utf8' });
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  };
  return { dataDir, bootstrap: `127.0.0.1:${ports.kafka}`, stackArgs, down };
}

/** `streamdesk serve` on a free port; resolves with the child and its URL (with the token) once it serves. */
export async function startServe(args) {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', String(port), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

/** A call over serve's REST API, timed. */
export async function timeCall(serveUrl, name, args) {
  const url = new URL(serveUrl);
  const call = `${url.origin}/api/call/${name}?token=${url.searchParams.get('token')}`;
  const started = performance.now();
  const response = await fetch(call, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const body = await response.json();
  const took = performance.now() - started;
  if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
  return { took, result: body.result };
}

/** Debian's Chromium through playwright-core. */
export function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
