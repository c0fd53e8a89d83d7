#!/usr/bin/env node
// bench/search: StreamDesk's full filtered scan against `kcat -C -e -q | grep` on the same topic,
// in the same run. Fills a topic with N JSON records of about 200 bytes (kcat -P from a generated
// file), then times both and prints the rates in messages/s and their ratio. StreamDesk is timed
// two ways: the CLI (`streamdesk search`, a whole process: start, load, connect, scan, exit — as
// kcat is timed) and in-process (the search service in a running process with its worker pool
// warm, as the app and `serve` run it; bench/search/in-process.ts, bundled here with esbuild).
// With --schema-registry URL it adds the Avro case: the same records as Avro (Confluent framing,
// the schema registered there) in a second topic, searched by StreamDesk decoding them, against
// the same `kcat | grep` over the JSON records.
//
//   npx electron-vite build && node bench/search/run.mjs [--bootstrap 127.0.0.1:9092] [--records 1000000]
//        [--partitions 6] [--topic NAME] [--reuse] [--keep] [--runs 3] [--schema-registry URL]
//        [--on-cluster --flink-url URL --sql-gateway-url URL]
//
// --on-cluster adds `streamdesk search --on-cluster` (bench/search/on-cluster.mjs): its rate, and its
// time split into job start and scan with the scan rate per slot.
//
// Needs kcat on PATH and the built app (npm run build: out/main/search-cli.js and out/main/search-worker.js).
// --cli runs another build's entry (e.g. an older out/main/cli.js) for a before/after. Not part of the tests.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { recordOf } from '../lib/records.mjs';
import { onClusterReport, onClusterRun } from './on-cluster.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const { values } = parseArgs({
  options: {
    bootstrap: { type: 'string', default: '127.0.0.1:9092' },
    records: { type: 'string', default: '1000000' },
    partitions: { type: 'string', default: '6' },
    topic: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    // the command as a user runs it: bin/streamdesk.js, which runs out/main/search-cli.js for search
    cli: { type: 'string', default: path.join(root, 'bin', 'streamdesk.js') },
    'schema-registry': { type: 'string' },
    'on-cluster': { type: 'boolean', default: false },
    'flink-url': { type: 'string', default: 'http://127.0.0.1:8081' },
    'sql-gateway-url': { type: 'string', default: 'http://127.0.0.1:8083' },
  },
});
const registry = values['schema-registry'];
const records = Number(values.records);
const partitions = Number(values.partitions);
const topic = values.topic ?? `bench.search.${records}.${partitions}`;
const runs = Number(values.runs);
const NEEDLE = '"tag":"needle"';
const expectedMatches = Math.ceil(records / 1000);

if (!existsSync(values.cli)) {
  console.error(`bench/search: ${values.cli} is missing; build first (npx electron-vite build).`);
  process.exit(2);
}

const AVRO_SCHEMA = {
  type: 'record',
  name: 'Reading',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'garage', type: 'string' },
    { name: 'free', type: 'int' },
    { name: 'capacity', type: 'int' },
    { name: 'ts', type: 'long' },
    { name: 'sensor', type: 'string' },
    { name: 'note', type: 'string' },
    { name: 'tag', type: 'string' },
  ],
};
const avroTopic = `${topic}.avro`;

/** The same records as Avro, framed with the id the registry gave the schema, produced with kafkajs. */
async function fillAvro() {
  const res = await fetch(`${registry}/subjects/${avroTopic}-value/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(AVRO_SCHEMA) }),
  });
  const { id } = await res.json();
  if (typeof id !== 'number') throw new Error(`registering the Avro schema failed: HTTP ${res.status}`);
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ brokers: values.bootstrap.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const exists = (await admin.listTopics()).includes(avroTopic);
  if (exists && values.reuse) return admin.disconnect();
  if (exists) await admin.deleteTopics({ topics: [avroTopic] });
  await admin.createTopics({ topics: [{ topic: avroTopic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  const type = require('avsc').Type.forSchema(AVRO_SCHEMA);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  const producer = kafka.producer();
  await producer.connect();
  const started = Date.now();
  for (let from = 0; from < records; from += 20_000) {
    const batch = [];
    for (let i = from; i < Math.min(records, from + 20_000); i++) batch.push({ key: `k${i % 1000}`, value: Buffer.concat([head, type.toBuffer(recordOf(i))]) });
    await producer.send({ topic: avroTopic, acks: 1, messages: batch });
  }
  await producer.disconnect();
  console.log(`filled ${avroTopic}: ${records} Avro records (schema id ${id}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function fill() {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: values.bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const exists = (await admin.listTopics()).includes(topic);
  if (exists && values.reuse) {
    await admin.disconnect();
    return false;
  }
  if (exists) await admin.deleteTopics({ topics: [topic] });
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  const dir = mkdtempSync(path.join(tmpdir(), 'streamdesk-bench-'));
  const file = path.join(dir, 'records.txt');
  const out = createWriteStream(file);
  for (let i = 0; i < records; i++) {
    if (!out.write(`k${i % 1000}|${JSON.stringify(recordOf(i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const started = Date.now();
  execFileSync('kcat', ['-b', values.bootstrap, '-P', '-t', topic, '-K', '|', '-l', file], { stdio: 'inherit' });
  console.log(`filled ${topic}: ${records} records in ${partitions} partitions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
  return true;
}

function timed(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

async function kcatGrep() {
  const run = await timed('sh', ['-c', `kcat -b '${values.bootstrap}' -C -e -q -t '${topic}' | grep -c -F '${NEEDLE}'`]);
  return { matches: Number(run.stdout.trim()), seconds: run.seconds };
}

async function streamdesk(filter, avro = false) {
  const where = avro ? [avroTopic, '--schema-registry', registry] : [topic];
  const run = await timed(process.execPath, [values.cli, 'search', ...where, '--filter', filter, '--kafka', values.bootstrap, '--json']);
  const scanned = /scanned (\d+) of (\d+)/.exec(run.stderr);
  if (!scanned) throw new Error(`streamdesk search failed (${run.code}): ${run.stderr}`);
  return { matches: run.stdout.split('\n').filter(Boolean).length, scanned: Number(scanned[1]), seconds: run.seconds, summary: run.stderr.trim() };
}

/** Bundles the in-process bench where its packages resolve (node_modules/.cache is not part of the repo). */
function bundleInProcess() {
  const dir = path.join(root, 'node_modules', '.cache', 'streamdesk-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, 'in-process.cjs');
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'bench', 'search', 'in-process.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // the path aliases are tsconfig paths, resolved before the packages are left external
    tsconfig: path.join(root, 'tsconfig.node.json'),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

async function inProcess(filters, avro = false) {
  // the worker of the build --cli names (a before/after), else this build's
  const beside = path.resolve(path.dirname(values.cli), 'search-worker.js');
  const worker = existsSync(beside) ? beside : path.join(root, 'out', 'main', 'search-worker.js');
  const run = await timed(
    process.execPath,
    [bundleInProcess(), values.bootstrap, avro ? avroTopic : topic, worker, '1', ...filters],
    avro ? { BENCH_SCHEMA_REGISTRY: registry } : {},
  );
  if (run.code !== 0) throw new Error(`in-process search failed (${run.code}): ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const rate = (seconds) => Math.round(records / seconds);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

await fill();
if (registry) await fillAvro();
const FILTERS = [
  ['contains', `contains:${NEEDLE}`],
  ['expression', 'value.tag == "needle"'],
];
const results = { kcat: [], contains: [], expression: [], 'in-process contains': [], 'in-process expression': [] };
if (registry) Object.assign(results, { 'avro contains': [], 'avro expression': [], 'in-process avro contains': [], 'in-process avro expression': [] });

/** One run of the Avro case: the CLI and the warm search service, decoding every record. */
async function avroRun() {
  for (const [name, filter] of FILTERS) {
    const s = await streamdesk(filter, true);
    if (s.matches !== expectedMatches || s.scanned !== records)
      throw new Error(`streamdesk (avro ${name}) found ${s.matches} of ${expectedMatches}, scanned ${s.scanned} of ${records}: ${s.summary}`);
    results[`avro ${name}`].push(s.seconds);
  }
  for (const scan of await inProcess(
    FILTERS.map(([, filter]) => filter),
    true,
  )) {
    const name = `in-process avro ${FILTERS.find(([, filter]) => filter === scan.name)[0]}`;
    if (scan.matched !== expectedMatches || scan.scanned !== records)
      throw new Error(`streamdesk (${name}) found ${scan.matched} of ${expectedMatches}, scanned ${scan.scanned} of ${records}`);
    results[name].push(scan.seconds);
  }
}
const clusterRuns = [];
for (let run = 0; run < runs; run++) {
  const k = await kcatGrep();
  if (k.matches !== expectedMatches) throw new Error(`kcat | grep found ${k.matches}, expected ${expectedMatches}`);
  results.kcat.push(k.seconds);
  for (const [name, filter] of FILTERS) {
    const s = await streamdesk(filter);
    if (s.matches !== expectedMatches || s.scanned !== records)
      throw new Error(`streamdesk (${name}) found ${s.matches} of ${expectedMatches}, scanned ${s.scanned} of ${records}: ${s.summary}`);
    results[name].push(s.seconds);
  }
  // One process per run, warmed up first; each filter's scan is timed inside it.
  for (const scan of await inProcess(FILTERS.map(([, filter]) => filter))) {
    const name = `in-process ${FILTERS.find(([, filter]) => filter === scan.name)[0]}`;
    if (scan.matched !== expectedMatches || scan.scanned !== records)
      throw new Error(`streamdesk (${name}) found ${scan.matched} of ${expectedMatches}, scanned ${scan.scanned} of ${records}`);
    results[name].push(scan.seconds);
  }
  if (registry) await avroRun();
  if (values['on-cluster']) {
    const c = await onClusterRun({
      timed,
      cli: values.cli,
      bootstrap: values.bootstrap,
      topic,
      filter: `contains:${NEEDLE}`,
      flinkUrl: values['flink-url'],
      gatewayUrl: values['sql-gateway-url'],
    });
    if (c.matches !== expectedMatches || c.scanned !== records)
      throw new Error(`streamdesk (on-cluster) found ${c.matches} of ${expectedMatches}, scanned ${c.scanned} of ${records}: ${c.summary}`);
    clusterRuns.push(c);
    console.log(
      `  on-cluster: ${c.seconds.toFixed(2)} s (job start ${c.startSeconds.toFixed(1)} s, scan ${c.scanSeconds.toFixed(1)} s, ${c.parallelism} slot(s))`,
    );
  }
  console.log(
    `run ${run + 1}: ${Object.entries(results)
      .map(([name, list]) => `${name} ${list.at(-1).toFixed(2)} s`)
      .join(', ')}`,
  );
}
const kcatRate = rate(median(results.kcat));
console.log(`\n${records} records, ${partitions} partitions, median of ${runs} runs`);
console.log(`kcat -C -e -q | grep                    ${kcatRate.toLocaleString('en').padStart(9)} messages/s   (whole process)`);
for (const name of Object.keys(results).filter((name) => name !== 'kcat')) {
  const streamdeskRate = rate(median(results[name]));
  const how = `${name.startsWith('in-process') ? 'search service, warm workers' : 'CLI, whole process'}${name.includes('avro') ? '; Avro records decoded' : ''}`;
  console.log(
    `streamdesk ${name.padEnd(22)} ${streamdeskRate.toLocaleString('en').padStart(9)} messages/s   ratio ${(streamdeskRate / kcatRate).toFixed(2)}× kcat   (${how})`,
  );
}
if (clusterRuns.length) for (const line of onClusterReport(clusterRuns, records, kcatRate)) console.log(line);
if (!values.keep && !values.reuse) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: values.bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: registry ? [topic, avroTopic] : [topic] });
  await admin.disconnect();
}
