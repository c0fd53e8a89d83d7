#!/usr/bin/env node
// bench/metrics: how exact the live messages/s is. On its own native stack (or the one in
// --data-dir) with `streamdesk serve` and its Overview open in Chromium, kcat produces at a known
// steady rate (lines written to `kcat -P` paced by the clock, acks=all) for each --rates entry; then
// the figures StreamDesk gave are set against that rate:
//   - /api/streaming/metrics/<topic> (the sampler's series): every 10 s window and every 60 s window
//     of its points, as counted messages over the time they cover;
//   - the Overview's "Messages per second" figure, read off the page once a second: its 10 s and
//     60 s averages.
// Then a burst: a topic is created, a few seconds later --burst records go into it at once (kcat -P),
// and the messages the cluster series counted over that time are set against kcat's count of the
// topic (kcat -C -e).
//
//   npm run build && node bench/metrics/run.mjs [--rates 500,20000] [--seconds 75] [--burst 50000] [--data-dir D]
//
// The first 10 s of each rate are left out (the producer and the sampler settle). Prints figures,
// asserts nothing.
/* global document -- the Overview's figure is read inside the page */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, benchStack, freshTopic, kcatCount, require, sleep, startServe } from '../lib/stack.mjs';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '500,20000' },
    seconds: { type: 'string', default: '75' },
    burst: { type: 'string', default: '50000' },
    'data-dir': { type: 'string' },
  },
});
const SETTLE_MS = 10_000;
const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} %`;

/** Writes `rate` lines a second into `kcat -P` for `seconds`, by the clock (the count written follows elapsed time). */
async function paced(bootstrap, topic, rate, seconds) {
  const kcat = spawn('kcat', ['-b', bootstrap, '-P', '-t', topic, '-X', 'linger.ms=5', '-X', 'acks=all'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const line = `{"kind":"bench","note":"${'x'.repeat(60)}"}\n`;
  const started = Date.now();
  let written = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    if (due > written) {
      if (!kcat.stdin.write(line.repeat(due - written))) await new Promise((resolve) => kcat.stdin.once('drain', resolve));
      written = due;
    }
    await sleep(10);
  }
  const ended = Date.now();
  kcat.stdin.end();
  await new Promise((resolve) => kcat.once('exit', resolve));
  return { started, ended, written };
}

/** Messages counted over (from, to] and the time that covers: each point is the rate since the one before. */
function counted(points, from, to) {
  let count = 0;
  let span = 0;
  for (let i = 1; i < points.length; i++) {
    const [at, rate] = points[i];
    if (at <= from || at > to) continue;
    const dt = (at - points[i - 1][0]) / 1000;
    count += rate * dt;
    span += dt;
  }
  return { count, span };
}

function countedRate(points, from, to) {
  const { count, span } = counted(points, from, to);
  return span > 0 ? count / span : null;
}

/** The worst deviation from `expected` over every window of `windowMs` ending at a point in [from, to]. */
function worstWindow(points, from, to, windowMs, expected) {
  let worst = 0;
  for (const [at] of points) {
    if (at - windowMs < from || at > to) continue;
    const measured = countedRate(points, at - windowMs, at);
    if (measured !== null && Math.abs(measured / expected - 1) > Math.abs(worst)) worst = measured / expected - 1;
  }
  return worst;
}

/** The same over the Overview's readings (one a second): plain averages of what it showed. */
function worstShown(readings, from, to, windowMs, expected) {
  let worst = 0;
  for (const [at] of readings) {
    if (at - windowMs < from || at > to) continue;
    const inside = readings.filter(([t, value]) => t > at - windowMs && t <= at && value !== null);
    if (inside.length === 0) continue;
    const mean = inside.reduce((sum, [, value]) => sum + value, 0) / inside.length;
    if (Math.abs(mean / expected - 1) > Math.abs(worst)) worst = mean / expected - 1;
  }
  return worst;
}

/** Reads the Overview's messages/s figure once a second until stopped. */
function readOverview(page) {
  const readings = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const text = await page.evaluate(() => document.querySelector('[data-testid="chart-messages"] .live-figure')?.textContent ?? null);
      const value = text && /^[\d,.]+\/s$/.test(text) ? Number(text.replace(/[,/s]/g, '')) : null;
      readings.push([Date.now(), value]);
      await sleep(1000);
    }
  })();
  return {
    readings,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function steadyRate(stack, serve, page, rate, seconds) {
  const topic = `bench.metrics.${rate}.${Date.now()}`;
  await freshTopic(stack.bootstrap, topic, 3);
  const overview = readOverview(page);
  const run = await paced(stack.bootstrap, topic, rate, seconds);
  await sleep(3000);
  await overview.stop();
  const from = run.started + SETTLE_MS;
  const to = run.ended;
  const series = (await serve.call('metrics:topic', { topic, time_range: '5m' })).series.messages_per_sec;
  const cluster = (await serve.call('metrics:cluster', { time_range: '5m' })).series.messages_per_sec;
  const stored = kcatCount(stack.bootstrap, topic);
  console.log(
    `\n${rate.toLocaleString('en')} messages/s for ${seconds} s (kcat wrote ${run.written.toLocaleString('en')}, the topic holds ${stored.toLocaleString('en')})`,
  );
  const row = (name, ten, minute, whole) =>
    console.log(`  ${name.padEnd(34)} worst 10 s window ${pct(ten).padStart(9)}   worst 60 s window ${pct(minute).padStart(9)}   whole run ${pct(whole)}`);
  for (const [name, points] of [
    ['/api/streaming/metrics/<topic>', series],
    ['cluster (metrics:cluster)', cluster],
  ])
    row(name, worstWindow(points, from, to, 10_000, rate), worstWindow(points, from, to, 60_000, rate), countedRate(points, from, to) / rate - 1);
  const shown = overview.readings.filter(([at, value]) => at > from && at <= to && value !== null);
  const mean = shown.reduce((sum, [, value]) => sum + value, 0) / shown.length;
  row(
    'Overview figure (read each second)',
    worstShown(overview.readings, from, to, 10_000, rate),
    worstShown(overview.readings, from, to, 60_000, rate),
    mean / rate - 1,
  );
}

async function burst(stack, serve, count) {
  const topic = `bench.metrics.burst.${Date.now()}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'streamdesk-bench-metrics-'));
  const file = path.join(dir, 'burst.txt');
  writeFileSync(file, `{"kind":"burst","note":"${'y'.repeat(60)}"}\n`.repeat(count));
  const before = Date.now();
  await freshTopic(stack.bootstrap, topic, 3);
  await sleep(3000);
  const sent = spawnSync('kcat', ['-b', stack.bootstrap, '-P', '-t', topic, '-X', 'acks=all', '-l', file], { encoding: 'utf8' });
  if (sent.status !== 0) throw new Error(`kcat -P failed: ${sent.stderr}`);
  const burstAt = Date.now();
  // longer than the sampler's metadata refresh: a topic it has not seen yet is found by then
  await sleep(25_000);
  rmSync(dir, { recursive: true, force: true });
  const cluster = (await serve.call('metrics:cluster', { time_range: '5m' })).series.messages_per_sec;
  const total = Math.round(counted(cluster, before, Date.now()).count);
  const stored = kcatCount(stack.bootstrap, topic);
  console.log(`\nburst: ${count.toLocaleString('en')} records into a topic created 3 s before, in ${((burstAt - before) / 1000 - 3).toFixed(1)} s`);
  console.log(
    `  counted by the cluster series over the next 25 s: ${total.toLocaleString('en')} of ${stored.toLocaleString('en')} in the topic (kcat -C -e): ${pct(total / stored - 1)}`,
  );
}

async function main() {
  const stack = await benchStack('metrics', values['data-dir']);
  const serve = await startServe(stack);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${serve.url}#/overview`);
    await page.getByTestId('chart-messages').waitFor({ timeout: 60_000 });
    console.log(`bench/metrics on ${new Date().toISOString()}; the sampler's series and the Overview against kcat's paced rate`);
    for (const rate of values.rates.split(',').map(Number)) await steadyRate(stack, serve, page, rate, Number(values.seconds));
    await burst(stack, serve, Number(values.burst));
  } finally {
    await browser.close();
    await serve.stop();
    stack.down();
  }
}

main().catch((error) => {
  console.error(`bench/metrics failed: ${error.stack ?? error}`);
  process.exit(1);
});
