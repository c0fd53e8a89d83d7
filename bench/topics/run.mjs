#!/usr/bin/env node
// bench/topics: the Topics page with many real topics. Starts its own native stack and
// `streamdesk serve` on free ports, creates N topics (default 10,000) on the real broker, then
//   1. times StreamDesk's topic list (topics:list over REST: metadata, configs, offsets and
//      sizes) against `kcat -L` (metadata only) on the same broker, in the same run;
//   2. in Debian's Chromium, types into the Topics quick filter one key at a time and times each
//      keystroke until the matching rows are on screen; prints p50, p95 and max in ms.
//
//   npm run build && node bench/topics/run.mjs [--topics 10000] [--runs 3] [--keep] [--data-dir D]
//
// --data-dir D reuses the stack in D (its recorded ports) and the topics already on it, so only the
// first run pays the ~6 minutes of creating 10,000 topics; the stack is left up for the next run.
// Without it a fresh stack in a temporary dir is started and stopped (--keep keeps its files).
//
// Not part of the tests (speed is measured here, never asserted in tests).
/* global document, HTMLInputElement, requestAnimationFrame -- the filter timing runs inside the page */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const cli = path.join(root, 'bin', 'streamdesk.js');
const { values } = parseArgs({
  options: {
    topics: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const topicCount = Number(values.topics);
const runs = Number(values.runs);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const median = (xs) => percentile(xs, 50);
function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (x) => `${x.toFixed(1)} ms`;

/** Names that look like a real estate of topics: domains, environments, versions. */
function topicName(i) {
  const domains = ['orders', 'payments', 'parking', 'sensors', 'clicks', 'ticks', 'logs', 'users', 'alerts', 'metrics'];
  const envs = ['prod', 'stage', 'dev'];
  return `${domains[i % domains.length]}.${envs[Math.floor(i / domains.length) % envs.length]}.stream-${String(i).padStart(5, '0')}`;
}

async function createTopics(bootstrap) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, requestTimeout: 120_000 }).admin();
  await admin.connect();
  const started = Date.now();
  const batch = 250;
  const wanted = Array.from({ length: topicCount }, (_, i) => topicName(i));
  // a busy broker may time out a batch that it then completes: list again and create only what is missing
  for (let attempt = 1; ; attempt++) {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((name) => !existing.has(name));
    if (missing.length === 0) break;
    if (attempt > 5) throw new Error(`${missing.length} topics still missing after 5 attempts`);
    try {
      for (let i = 0; i < missing.length; i += batch) {
        const topics = missing.slice(i, i + batch).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 }));
        await createRegistered(admin, topics);
        process.stderr.write(`\r[bench/topics] created ${topicCount - missing.length + Math.min(missing.length, i + batch)} / ${topicCount} topics`);
      }
    } catch (error) {
      process.stderr.write(`\n[bench/topics] ${error.message}; listing and retrying\n`);
    }
  }
  // the topics are registered; time nothing until the controller has given every partition a leader
  for (;;) {
    const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
    if (topics.every((topic) => topic.partitions.every((partition) => partition.leader >= 0))) break;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  process.stderr.write(` in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  await admin.disconnect();
}

/**
 * CreateTopics with timeout 0: the broker answers once the topics are registered, each with
 * REQUEST_TIMED_OUT (not an error here), instead of parking the answer until leaders exist. Parked
 * answers (every config of 250 topics) stayed on the broker's heap long after they were sent: a heap
 * histogram showed 360,000 CreatableTopicConfigs (~290 MB of the native broker's 512 MB; gone after a
 * restart, never there with timeout 0), and the broker spent its time in full GCs, slowing the very
 * requests this bench measures.
 */
async function createRegistered(admin, topics) {
  try {
    await admin.createTopics({ topics, waitForLeaders: false, timeout: 0 });
  } catch (error) {
    const types = new Set((error.errors ?? [error]).map((inner) => inner.type));
    if (![...types].every((type) => type === 'REQUEST_TIMED_OUT' || type === 'TOPIC_ALREADY_EXISTS')) throw error;
  }
}

function startServe(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function timeList(serveUrl) {
  const url = new URL(serveUrl);
  const call = `${url.origin}/api/call/topics:list?token=${url.searchParams.get('token')}`;
  const started = performance.now();
  const response = await fetch(call, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const body = await response.json();
  const took = performance.now() - started;
  if (!body.ok) throw new Error(`topics:list failed: ${JSON.stringify(body.error)}`);
  return { took, count: body.result.length };
}

function timeKcat(bootstrap) {
  const started = performance.now();
  const out = execFileSync('kcat', ['-L', '-b', bootstrap, '-J'], { maxBuffer: 512 * 1024 * 1024 });
  const took = performance.now() - started;
  return { took, count: JSON.parse(out.toString()).topics.length };
}

async function timeFilter(serveUrl, names) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const opened = performance.now();
    await page.goto(`${serveUrl}#/topics`);
    await page.getByText(`${names.length.toLocaleString('en-US')} topics`).waitFor({ timeout: 180_000 });
    const firstRows = performance.now() - opened;
    // rows come first from metadata, their figures and configs after: time the filter over the complete list
    await page.getByText('reading message counts').waitFor({ state: 'detached', timeout: 180_000 });
    console.log(`Topics page: first rows after ${ms(firstRows)}, complete after ${ms(performance.now() - opened)}`);
    const samples = [];
    // words a user types: a domain, an environment, a number; every prefix is one keystroke
    for (const word of ['parking', 'prod.stream-0', 'sensors.dev', 'stream-0999', 'zzz']) {
      await page.getByTestId('topic-filter').fill('');
      await page.waitForTimeout(200);
      for (let k = 1; k <= word.length; k++) {
        const typed = word.slice(0, k);
        const expected = names.filter((n) => n.toLowerCase().includes(typed)).length;
        const took = await page.evaluate(
          ({ typed, expected }) =>
            new Promise((resolve) => {
              const input = document.querySelector('[data-testid="topic-filter"]');
              const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
              const label = `${expected.toLocaleString('en-US')} match`;
              const started = performance.now();
              setter.call(input, typed);
              input.dispatchEvent(new Event('input', { bubbles: true }));
              const settled = () => {
                const shown = [...document.querySelectorAll('.toolbar .muted')].some((el) => el.textContent === label);
                const rows = document.querySelectorAll('[data-testid="topics-table"] [data-topic]').length;
                if (shown && (expected === 0 ? rows === 0 : rows > 0)) requestAnimationFrame(() => resolve(performance.now() - started));
                else requestAnimationFrame(settled);
              };
              requestAnimationFrame(settled);
            }),
          { typed, expected },
        );
        samples.push(took);
      }
    }
    return samples;
  } finally {
    await browser.close();
  }
}

/** The ports a kept stack in `dataDir` was started on (streamdesk records them), or fresh free ones. */
async function stackPorts(dataDir) {
  const recordedFile = path.join(dataDir, 'stack-ports.json');
  if (existsSync(recordedFile)) {
    const recorded = JSON.parse(readFileSync(recordedFile, 'utf8'));
    return { kafka: recorded.kafka, zookeeper: recorded.zookeeper, flink: recorded.flinkRest, exporter: recorded.exporter, gateway: recorded.sqlGateway };
  }
  return { kafka: await freePort(), zookeeper: await freePort(), flink: await freePort(), exporter: await freePort(), gateway: await freePort() };
}

async function main() {
  const reuse = values['data-dir'] !== undefined;
  const dataDir = reuse ? path.resolve(values['data-dir']) : mkdtempSync(path.join(tmpdir(), 'streamdesk-bench-topics-'));
  if (reuse) mkdirSync(dataDir, { recursive: true });
  const ports = await stackPorts(dataDir);
  const stackArgs = [
    '--data-dir',
    dataDir,
    '--kafka-port',
    String(ports.kafka),
    '--zookeeper-port',
    String(ports.zookeeper),
    '--flink-port',
    String(ports.flink),
    '--exporter-port',
    String(ports.exporter),
    '--sql-gateway-port',
    String(ports.gateway),
  ];
  const bootstrap = `127.0.0.1:${ports.kafka}`;
  console.error(`[bench/topics] ${reuse ? 'using (starting if needed)' : 'starting'} a native stack in ${dataDir}`);
  const up = spawnSync(process.execPath, [cli, 'stack', 'up', '--native', ...stackArgs], { cwd: root, encoding: 'utf8' });
  if (up.status !== 0) throw new Error(`stack up failed:\n${up.stdout}\n${up.stderr}`);
  let serve;
  try {
    await createTopics(bootstrap);
    serve = await startServe(['--port', String(await freePort()), ...stackArgs]);
    const lists = [];
    const kcats = [];
    for (let r = 0; r < runs; r++) {
      kcats.push(timeKcat(bootstrap));
      lists.push(await timeList(serve.url));
    }
    const listMs = median(lists.map((l) => l.took));
    const kcatMs = median(kcats.map((k) => k.took));
    console.log(`topics on the broker: ${kcats[0].count} (StreamDesk lists ${lists[0].count} without internal topics)`);
    console.log(
      `topic list, median of ${runs}: StreamDesk ${ms(listMs)} (metadata + configs + offsets + sizes), kcat -L ${ms(kcatMs)} (metadata only); ratio StreamDesk/kcat = ${(listMs / kcatMs).toFixed(2)}`,
    );
    const names = Array.from({ length: topicCount }, (_, i) => topicName(i));
    const filter = await timeFilter(serve.url, names);
    console.log(
      `quick filter over ${topicCount} topics, keystroke → matching rows painted (${filter.length} keystrokes): p50 ${ms(percentile(filter, 50))}, p95 ${ms(percentile(filter, 95))}, max ${ms(Math.max(...filter))}`,
    );
  } finally {
    serve?.child.kill('SIGTERM');
    if (reuse) {
      console.error(`[bench/topics] the stack stays up for the next run; stop it with: node bin/streamdesk.js stack down ${stackArgs.join(' ')}`);
    } else {
      spawnSync(process.execPath, [cli, 'stack', 'down', ...stackArgs], { cwd: root, encoding: 'utf8' });
      if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  console.error(`bench/topics failed: ${error.stack ?? error}`);
  process.exit(1);
});
