// What the newer benches share: a native stack of their own on free ports (or the one in
// --data-dir, reused and left up), `streamdesk serve` on it, calls over its REST API, and kcat.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const require = createRequire(path.join(root, 'package.json'));
const cli = path.join(root, 'bin', 'streamdesk.js');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ports a kept stack in `dataDir` was started on (streamdesk records them), or fresh free ones. */
async function stackPorts(dataDir) {
  const recordedFile = path.join(dataDir, 'stack-ports.json');
  if (existsSync(recordedFile)) {
    const r = JSON.parse(readFileSync(recordedFile, 'utf8'));
    return {
      kafka: r.kafka,
      zookeeper: r.zookeeper ?? (await freePort()), // a KRaft stack records none
      flink: r.flinkRest,
      exporter: r.exporter,
      gateway: r.sqlGateway,
      registry: r.schemaRegistry,
      connect: r.connect,
    };
  }
  const ports = {};
  for (const name of ['kafka', 'zookeeper', 'flink', 'exporter', 'gateway', 'registry', 'connect']) ports[name] = await freePort();
  return ports;
}

/**
 * A native stack: the one in `dataDir` (started if it is down, left up afterwards) or a fresh one in
 * a temporary dir, stopped and removed by `down()` (kept with `keep`). `shape`: `stack up` flags
 * (`--brokers 3`, `--kraft`). Profiles live in the data dir, never in ~/.config.
 */
export async function benchStack(name, dataDirOption, { shape = [], keep = false } = {}) {
  const reuse = dataDirOption !== undefined;
  const dataDir = reuse ? path.resolve(dataDirOption) : mkdtempSync(path.join(tmpdir(), `streamdesk-bench-${name}-`));
  mkdirSync(dataDir, { recursive: true });
  process.env.STREAMDESK_CONFIG_DIR = path.join(dataDir, 'bench-config');
  const p = await stackPorts(dataDir);
  const args = ['--data-dir', dataDir, '--kafka-port', p.kafka, '--zookeeper-port', p.zookeeper, '--flink-port', p.flink, '--exporter-port', p.exporter];
  args.push('--sql-gateway-port', p.gateway, '--registry-port', p.registry, '--connect-port', p.connect);
  const stackArgs = args.map(String);
  console.error(`[bench/${name}] ${reuse ? 'using (starting if needed)' : 'starting'} a native stack in ${dataDir}`);
  const up = spawnSync(process.execPath, [cli, 'stack', 'up', '--native', ...shape, ...stackArgs], { cwd: root, encoding: 'utf8' });
  if (up.status !== 0) {
    // a fresh stack's services that did start are stopped (a failed run left four JVMs behind); a reused one is left
    // as it is: its brokers may still be loading their logs, and the next run finds them by its recorded ports
    if (!reuse) {
      spawnSync(process.execPath, [cli, 'stack', 'down', ...stackArgs], { cwd: root, encoding: 'utf8' });
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    }
    throw new Error(`stack up failed:\n${up.stdout}\n${up.stderr}`);
  }
  return {
    dataDir,
    stackArgs,
    bootstrap: `127.0.0.1:${p.kafka}`,
    flinkUrl: `http://127.0.0.1:${p.flink}`,
    down() {
      if (reuse) return console.error(`[bench/${name}] the stack stays up; stop it with: node bin/streamdesk.js stack down ${stackArgs.join(' ')}`);
      spawnSync(process.execPath, [cli, 'stack', 'down', ...stackArgs], { cwd: root, encoding: 'utf8' });
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `streamdesk serve` on a free port against the stack; `call(name, args)` answers through its REST API. `appRoot`: the
 * build to run (a folder with bin/ and out/, e.g. a copy of an earlier build, to compare builds alternately).
 */
export async function startServe(stack, nodeArgs = [], appRoot = root) {
  const token = `bench-${Math.random().toString(36).slice(2)}-token`;
  const port = await freePort();
  const serveCli = path.join(appRoot, 'bin', 'streamdesk.js');
  const child = spawn(process.execPath, [...nodeArgs, serveCli, 'serve', '--port', String(port), '--token', token, ...stack.stackArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (/serving at (http:\/\/\S+)/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    child,
    origin,
    url: `${origin}/?token=${token}`,
    headers,
    async call(name, args = {}) {
      const response = await fetch(`${origin}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(args) }).catch((error) => {
        // say whether serve went away, and what it said last, rather than a bare "fetch failed"
        const state =
          child.exitCode === null ? `serve still running (${error.cause?.code ?? error.cause?.message ?? ''})` : `serve exited with ${child.exitCode}`;
        throw new Error(`${name}: ${error.message}; ${state}; its last output:\n${output.slice(-2000)}`);
      });
      const body = await response.json();
      if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
      return body.result;
    },
    stop() {
      child.kill('SIGTERM');
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux): swings less with the machine's load than wall time. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command name (which may hold spaces), from field 3 on: utime and stime are fields 14 and 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/** Records in a topic as kcat counts them: every partition read to its end. */
export function kcatCount(bootstrap, topic) {
  const run = spawnSync('sh', ['-c', `kcat -b '${bootstrap}' -C -e -q -t '${topic}' -f 'x\\n' | wc -l`], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`kcat -C on ${topic} failed: ${run.stderr}`);
  return Number(run.stdout.trim());
}

/** A topic made with kafkajs (an independent client), deleted first when it exists. */
export async function freshTopic(bootstrap, topic, partitions) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) {
      await admin.deleteTopics({ topics: [topic] });
      await sleep(2000);
    }
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export const median = (xs) => percentile(xs, 50);
export const ms = (x) => `${x.toFixed(1)} ms`;

/** A call through serve's REST API (`startServe`'s), timed. */
export async function timeCall(serve, name, args = {}) {
  const started = performance.now();
  const result = await serve.call(name, args);
  return { took: performance.now() - started, result };
}

/** Debian's Chromium through playwright-core. */
export function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
