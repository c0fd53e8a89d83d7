#!/usr/bin/env node
// bench/search: StreamDesk's full filtered scan against `kcat -C -e -q | grep` on the same topic,
// in the same run. Fills a topic with N JSON records of about 200 bytes (kcat -P from a generated
// file), then times both and prints the rates in messages/s and their ratio. StreamDesk is timed
// two ways: the CLI (`streamdesk search`, a whole process: start, load, connect, scan, exit — as
// kcat is timed) and in-process (the search service in a running process with its worker pool
// warm, as the app and `serve` run it; bench/search/in-process.ts, bundled here with esbuild).
//
//   npx electron-vite build && node bench/search/run.mjs [--bootstrap 127.0.0.1:9092] [--records 1000000]
//        [--partitions 6] [--topic NAME] [--reuse] [--keep] [--runs 3]
//
// Needs kcat on PATH and the built app (out/main/cli.js and out/main/search-worker.js). Not part of the tests.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

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
    cli: { type: 'string', default: path.join(root, 'out', 'main', 'cli.js') },
  },
});
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
  const garages = ['Kyrre', 'Nordre', 'Sentrum', 'Havna', 'Lade', 'Moholt'];
  for (let i = 0; i < records; i++) {
    const value = {
      id: i,
      garage: garages[i % 6],
      free: (i * 7919) % 500,
      capacity: 500,
      ts: 1_700_000_000_000 + i,
      sensor: `sensor-${i % 97}`,
      note: 'x'.repeat(60),
      tag: i % 1000 === 0 ? 'needle' : 'hay',
    };
    if (!out.write(`k${i % 1000}|${JSON.stringify(value)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const started = Date.now();
  execFileSync('kcat', ['-b', values.bootstrap, '-P', '-t', topic, '-K', '|', '-l', file], { stdio: 'inherit' });
  console.log(`filled ${topic}: ${records} records in ${partitions} partitions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
  return true;
}

function timed(command, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

async function streamdesk(filter) {
  const run = await timed(process.execPath, [values.cli, 'search', topic, '--filter', filter, '--kafka', values.bootstrap, '--json']);
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

async function inProcess(filters) {
  const worker = path.join(path.dirname(values.cli), 'search-worker.js');
  const run = await timed(process.execPath, [bundleInProcess(), values.bootstrap, topic, worker, '1', ...filters]);
  if (run.code !== 0) throw new Error(`in-process search failed (${run.code}): ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const rate = (seconds) => Math.round(records / seconds);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

await fill();
const FILTERS = [
  ['contains', `contains:${NEEDLE}`],
  ['expression', 'value.tag == "needle"'],
];
const results = { kcat: [], contains: [], expression: [], 'in-process contains': [], 'in-process expression': [] };
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
  const how = name.startsWith('in-process') ? 'search service, warm workers' : 'CLI, whole process';
  console.log(
    `streamdesk ${name.padEnd(22)} ${streamdeskRate.toLocaleString('en').padStart(9)} messages/s   ratio ${(streamdeskRate / kcatRate).toFixed(2)}× kcat   (${how})`,
  );
}
if (!values.keep && !values.reuse) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: values.bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
}
