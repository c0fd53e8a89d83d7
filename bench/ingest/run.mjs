#!/usr/bin/env node
// bench/ingest: writing records, StreamDesk against kcat, side by side on the same stack. The same
// N JSON records (~200 bytes, the records of bench/search) are written
//   1. by `kcat -P` from a file (acks=all, idempotent), into one topic;
//   2. by StreamDesk's ingest path: POST /api/streaming/ingest/<topic> of `serve` in batches of
//      --batch records (the endpoint takes 1 MiB a request; --concurrency requests at a time), written by its idempotent acks=all
//      producer, into a second topic;
// and, 3., the generator's producer (generator:start at its highest rate, 20,000/s, up to
// --generator-records) into a third, set against the rate it was asked for. Each topic is then
// read back with `kcat -C -e` and its count must be exact.
//
//   npm run build && node bench/ingest/run.mjs [--records 1000000] [--partitions 6] [--batch 4000]
//        [--concurrency 2] [--runs 3] [--generator-records 200000] [--data-dir D] [--app D]
//
// --app: the build whose `serve` takes the REST ingest (a folder with bin/ and out/, e.g. a copy of an earlier
// build, to compare builds alternately on one kept stack); this checkout's by default.
//
// Prints figures, asserts nothing but the counts.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSplit } from '../lib/proc.mjs';
import { recordOf } from '../lib/records.mjs';
import { benchStack, freshTopic, kcatCount, root, sleep, startServe } from '../lib/stack.mjs';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    partitions: { type: 'string', default: '6' },
    batch: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    'generator-records': { type: 'string', default: '200000' },
    'data-dir': { type: 'string' },
    app: { type: 'string' },
  },
});
const records = Number(values.records);
const partitions = Number(values.partitions);
const batch = Number(values.batch);
const concurrency = Number(values.concurrency);
const rate = (count, seconds) => Math.round(count / seconds).toLocaleString('en');
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

function exact(bootstrap, topic, expected, who) {
  const stored = kcatCount(bootstrap, topic);
  if (stored !== expected) throw new Error(`${who}: ${topic} holds ${stored} records, expected ${expected}`);
  return stored;
}

/** The broker's CPU seconds so far (the stack's first broker, from its pid file), or null when it is not found. */
function brokerCpu(stack) {
  const pidFile = path.join(stack.dataDir, 'run', 'kafka.pid');
  if (!existsSync(pidFile)) return null;
  const { user, system } = cpuSplit(Number(readFileSync(pidFile, 'utf8').trim()));
  return user + system;
}

/** The broker's CPU since `before` (brokerCpu), printed beside the client's. */
function printBrokerCpu(stack, before) {
  const after = brokerCpu(stack);
  if (before !== null && after !== null) console.log(`  the broker's CPU: ${(after - before).toFixed(2)} s`);
}

/** A time as bash's `times` prints it (`1m2.345s`), in seconds. */
function shellSeconds(time) {
  const [, minutes, seconds] = /(\d+)m([\d.]+)s/.exec(time);
  return Number(minutes) * 60 + Number(seconds);
}

/**
 * kcat's run, timed inside a shell around kcat alone (no shell start-up in the figure); the shell's `times` gives its
 * CPU, printed beside serve's.
 */
async function kcatRun(stack, file, topic) {
  await freshTopic(stack.bootstrap, topic, partitions);
  const kcat = `kcat -b ${stack.bootstrap} -P -t ${topic} -X acks=all -X enable.idempotence=true -l ${file}`;
  const broker = brokerCpu(stack);
  const run = spawnSync('bash', ['-c', `started=$(date +%s%N); ${kcat} || exit $?; ended=$(date +%s%N); echo $((ended - started)); times`], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`kcat -P failed: ${run.stderr}`);
  const [nanos, , children] = run.stdout.trim().split('\n');
  const [user, system] = children.split(' ').map(shellSeconds);
  console.log(`  kcat's CPU: ${(user + system).toFixed(2)} s (user ${user.toFixed(2)} s, kernel ${system.toFixed(2)} s)`);
  printBrokerCpu(stack, broker);
  exact(stack.bootstrap, topic, records, 'kcat -P');
  return Number(nanos) / 1e9;
}

/**
 * The file's lines as REST bodies of `batch` records each, as bytes, built before the clock starts (kcat reads its
 * file as it goes). Bytes, not strings, and node:http, not fetch: fetch's UTF-8 encoding and web-stream copies of
 * each body cost the bench 2.7 s of CPU per 1,000,000 records against node:http's 0.5 s (2026-12-07), on the two
 * cores serve and the broker share — a cost of the client, not of StreamDesk's ingest.
 */
function bodiesOf(lines) {
  const bodies = [];
  for (let i = 0; i < lines.length; i += batch) bodies.push(Buffer.from(`[${lines.slice(i, i + batch).join(',')}]`));
  return bodies;
}

/** POSTs `body` over a kept connection of `agent`; resolves with the status and the parsed answer. */
function post(url, headers, body, agent) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function restRun(stack, serve, bodies, topic) {
  await freshTopic(stack.bootstrap, topic, partitions);
  const url = `${serve.origin}/api/streaming/ingest/${encodeURIComponent(topic)}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const { status, answer } = await post(url, serve.headers, bodies[next++], agent);
      if (status !== 200) throw new Error(`ingest answered ${status}: ${JSON.stringify(answer)}`);
      written += answer.written;
    }
  };
  const serveCpu = cpuSplit(serve.child.pid);
  const broker = brokerCpu(stack);
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const serveCpuAfter = cpuSplit(serve.child.pid);
  const [user, system] = [serveCpuAfter.user - serveCpu.user, serveCpuAfter.system - serveCpu.system];
  console.log(`  serve's CPU for the REST run: ${(user + system).toFixed(2)} s (user ${user.toFixed(2)} s, kernel ${system.toFixed(2)} s)`);
  printBrokerCpu(stack, broker);
  if (written !== records) throw new Error(`ingest reported ${written} written, expected ${records}`);
  exact(stack.bootstrap, topic, records, 'StreamDesk ingest');
  return seconds;
}

async function generatorRun(stack, serve, topic, count) {
  await freshTopic(stack.bootstrap, topic, partitions);
  const started = performance.now();
  const { id, ratePerSec } = await serve.call('generator:start', { topic, kind: 'stavanger-parking', ratePerSec: 20_000, maxRecords: count, seed: 19 });
  for (;;) {
    const status = (await serve.call('generator:list')).find((candidate) => candidate.id === id);
    if (status.state === 'stopped' || status.state === 'failed') {
      const seconds = (performance.now() - started) / 1000;
      if (status.sent !== count || status.failed !== 0)
        throw new Error(`generator: sent ${status.sent}, failed ${status.failed} of ${count}: ${status.lastError}`);
      exact(stack.bootstrap, topic, count, 'generator');
      return { seconds, ratePerSec };
    }
    await sleep(100);
  }
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamdesk-bench-ingest-'));
  const file = path.join(dir, 'records.jsonl');
  writeFileSync(file, Array.from({ length: records }, (_, i) => JSON.stringify(recordOf(i))).join('\n') + '\n');
  const bodies = bodiesOf(readFileSync(file, 'utf8').trimEnd().split('\n'));
  const stack = await benchStack('ingest', values['data-dir']);
  const serve = await startServe(stack, [], values.app ? path.resolve(values.app) : root);
  const stamp = Date.now();
  const times = { kcat: [], rest: [] };
  try {
    console.log(
      `bench/ingest on ${new Date().toISOString()}: ${records.toLocaleString('en')} JSON records, ${partitions} partitions, REST batches of ${batch}, ${concurrency} at a time`,
    );
    for (let run = 0; run < Number(values.runs); run++) {
      times.kcat.push(await kcatRun(stack, file, `bench.ingest.kcat.${stamp}.${run}`));
      times.rest.push(await restRun(stack, serve, bodies, `bench.ingest.rest.${stamp}.${run}`));
      console.log(`run ${run + 1}: kcat -P ${times.kcat.at(-1).toFixed(2)} s, StreamDesk REST ingest ${times.rest.at(-1).toFixed(2)} s (both read back exact)`);
    }
    const kcatSeconds = median(times.kcat);
    const restSeconds = median(times.rest);
    console.log(`\nmedian of ${values.runs} runs`);
    console.log(`kcat -P (acks=all, idempotent)            ${rate(records, kcatSeconds).padStart(9)} records/s`);
    console.log(
      `StreamDesk REST ingest (acks=all, idemp.) ${rate(records, restSeconds).padStart(9)} records/s   ratio ${(kcatSeconds / restSeconds).toFixed(2)}× kcat`,
    );
    const generatorRecords = Number(values['generator-records']);
    if (generatorRecords > 0) {
      const generator = await generatorRun(stack, serve, `bench.ingest.generator.${stamp}`, generatorRecords);
      console.log(
        `StreamDesk generator (acks=all, idemp.)   ${rate(generatorRecords, generator.seconds).padStart(9)} records/s   of the ${generator.ratePerSec.toLocaleString('en')}/s asked (${generatorRecords.toLocaleString('en')} records, read back exact)`,
      );
    }
  } finally {
    await serve.stop();
    stack.down();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench/ingest failed: ${error.stack ?? error}`);
  process.exit(1);
});
