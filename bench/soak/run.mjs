#!/usr/bin/env node
// bench/soak: StreamDesk left running. On its own native stack (or the one in --data-dir) it starts
// `streamdesk serve` (with the inspector on a free port, to read its heap), opens the Overview and
// the page of the generator's topic in Chromium, applies the preset topics, starts a generator at
// --rate records/s (2,000) into stavanger_parking_events and the stavanger_parking_realtime
// pipeline, and every --every minutes (5) prints:
//   - serve's heap used after a full GC (inspector: HeapProfiler.collectGarbage, Runtime.getHeapUsage; least of 3);
//   - each page's heap used after a full GC (CDP), and its plot worker's (worker-heap.mjs; "page"
//     when there is none: the charts are then painted on the page);
//   - serve's event-loop delay p99 over the interval (perf_hooks.monitorEventLoopDelay, installed
//     through the inspector);
//   - the Overview's update time p95 over the interval: the main-thread time of handling one
//     metrics:sampled event (the WebSocket message handler: stores, charts' figures and plots)
//     plus the frame after it (from its requestAnimationFrame to the next task: style, layout,
//     paint), measured in the page.
// At the end: heap growth from minute 10 (or the first report after it) to the end, and the update
// p95 of the first and the last interval. Targets (issue #19): heap growth < 10 %, p95 unchanged.
//
// --snapshot DIR also writes a heap snapshot of each page at every report (DIR/overview-m10.heapsnapshot,
// DIR/topic-m10.heapsnapshot…) and at the end prints what grew between the first report from
// minute 10 and the last, and what holds it (heap-diff.mjs; it compares any two of them too).
//
//   npm run build && node bench/soak/run.mjs [--minutes 60] [--every 5] [--rate 2000] [--data-dir D] [--snapshot DIR]
//
// Prints figures, asserts nothing.
/* global window, requestAnimationFrame -- the update timing runs in the page */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printHeapDiff, writeHeapSnapshot } from './heap-diff.mjs';
import { workerHeaps } from './worker-heap.mjs';
import { CHROMIUM_ARGS, benchStack, freePort, percentile, require, sleep, startServe } from '../lib/stack.mjs';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    every: { type: 'string', default: '5' },
    rate: { type: 'string', default: '2000' },
    'data-dir': { type: 'string' },
    snapshot: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const MB = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** A Chrome DevTools Protocol session over the inspector's WebSocket (Node's inspector speaks it too). */
async function inspectorSession(port) {
  const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const WebSocket = require('ws');
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.id && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** serve's figures through its inspector: the event-loop histogram lives in serve, reset at each report. */
async function serveProbe(port) {
  const session = await inspectorSession(port);
  const evaluate = async (expression) => (await session.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
  await evaluate(
    `globalThis.__soakDelay = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 }); globalThis.__soakDelay.enable(); true`,
  );
  return {
    async read() {
      const lagP99Ms =
        (await evaluate('(() => { const p = globalThis.__soakDelay.percentile(99) / 1e6; globalThis.__soakDelay.reset(); return p; })()')) ?? NaN;
      return { heap: await heapAfterGc(session), lagP99Ms };
    },
    close: () => session.close(),
  };
}

/**
 * Installed in the Overview before its scripts: each metrics:sampled message's handler time plus
 * the frame after it, kept in window.__soakUpdates.
 */
function timeUpdates() {
  window.__soakUpdates = [];
  const Native = WebSocket;
  window.WebSocket = class extends Native {
    set onmessage(handler) {
      super.onmessage = (event) => {
        const sampled = typeof event.data === 'string' && event.data.includes('"metrics:sampled"');
        const started = performance.now();
        handler.call(this, event);
        if (!sampled) return;
        const handled = performance.now() - started;
        requestAnimationFrame(() => {
          const frame = performance.now();
          setTimeout(() => window.__soakUpdates.push(handled + performance.now() - frame), 0);
        });
      };
    }
  };
}

/**
 * The heap used after a full GC, the least of three readings: a page keeps running between the GC and the reading
 * (updates arrive every second), and what it allocates in that gap is not retained. One reading each made the
 * Overview's heap move ±0.3 MB between reports while its snapshots' objects stayed flat (2026-12-07).
 */
async function heapAfterGc(session) {
  let least = Infinity;
  for (let reading = 0; reading < 3; reading++) {
    await session.send('HeapProfiler.collectGarbage');
    least = Math.min(least, (await session.send('Runtime.getHeapUsage')).usedSize);
  }
  return least;
}

/** The page's heap used after a full GC; with --snapshot, also a heap snapshot of it in the snapshot folder. */
async function pageHeap(page, name, minute) {
  const cdp = await page.context().newCDPSession(page);
  const usedSize = await heapAfterGc(cdp);
  if (values.snapshot) await writeHeapSnapshot(cdp, snapshotFile(name, minute));
  await cdp.detach();
  return usedSize;
}

const snapshotFile = (name, minute) => path.join(values.snapshot, `${name}-m${minute}.heapsnapshot`);

async function startLoad(serve) {
  await serve.call('presetTopics:apply');
  const generator = await serve.call('generator:start', {
    topic: 'stavanger_parking_events',
    kind: 'stavanger-parking',
    ratePerSec: Number(values.rate),
    seed: 6,
  });
  const { jobId } = await serve.call('pipelines:start', { pipelineName: 'stavanger_parking_realtime', parallelism: 1, checkpointIntervalMs: 10_000 });
  return {
    async stop() {
      await serve.call('generator:stop', { id: generator.id }).catch(() => undefined);
      await serve.call('pipelines:cancelJob', { jobId }).catch(() => undefined);
    },
  };
}

function summary(reports) {
  const from = reports.find((report) => report.minute >= 10) ?? reports[0];
  const last = reports.at(-1);
  const growth = (name) => `${name} ${MB(from[name])} → ${MB(last[name])} (${(((last[name] - from[name]) / from[name]) * 100).toFixed(1)} %)`;
  console.log(`\nheap from minute ${from.minute} to minute ${last.minute}: ${growth('serveHeap')}; ${growth('overviewHeap')}; ${growth('topicHeap')}`);
  console.log(`plot workers' heap from minute ${from.minute} to minute ${last.minute}: ${growth('overviewWorkerHeap')}; ${growth('topicWorkerHeap')}`);
  console.log(`Overview update p95: first interval ${reports[0].updateP95.toFixed(1)} ms, last ${last.updateP95.toFixed(1)} ms`);
  if (!values.snapshot || from === last) return;
  for (const name of ['overview', 'topic']) {
    console.log(`\nwhat grew in the ${name} page from minute ${from.minute} to minute ${last.minute} (heap snapshots in ${values.snapshot}):`);
    printHeapDiff(snapshotFile(name, from.minute), snapshotFile(name, last.minute));
  }
}

async function main() {
  if (values.snapshot) mkdirSync(values.snapshot, { recursive: true });
  const stack = await benchStack('soak', values['data-dir']);
  const inspectPort = await freePort();
  const serve = await startServe(stack, [`--inspect=127.0.0.1:${inspectPort}`]);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let load;
  try {
    const probe = await serveProbe(inspectPort);
    load = await startLoad(serve);
    // a context each: two pages of one context are tabs, and the one behind gets no frames
    const overview = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await overview.addInitScript(timeUpdates);
    await overview.goto(`${serve.url}#/overview`);
    const topicPage = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await topicPage.goto(`${serve.url}#/topics/stavanger_parking_events`);
    console.log(
      `bench/soak on ${new Date().toISOString()}: ${minutes} min, generator ${values.rate}/s, pipeline stavanger_parking_realtime, Overview and topic page open`,
    );
    // the plot workers: Overview's and the topic page's, each through a session kept for the run
    const workers = [
      await workerHeaps(await overview.context().newCDPSession(overview)),
      await workerHeaps(await topicPage.context().newCDPSession(topicPage)),
    ];
    console.log('minute   serve heap   Overview heap (worker)   topic page heap (worker)   serve loop lag p99   Overview update p95 (n)');
    const started = Date.now();
    const reports = [];
    for (let minute = Number(values.every); minute <= minutes; minute += Number(values.every)) {
      await sleep(Math.max(0, started + minute * 60_000 - Date.now()));
      const updates = await overview.evaluate(() => window.__soakUpdates.splice(0));
      const { heap, lagP99Ms } = await probe.read();
      const report = {
        minute,
        serveHeap: heap,
        overviewHeap: await pageHeap(overview, 'overview', minute),
        topicHeap: await pageHeap(topicPage, 'topic', minute),
        lagP99Ms,
        updateP95: percentile(updates, 95) ?? NaN,
      };
      const [overviewWorker, topicWorker] = [await workers[0].heapUsed(), await workers[1].heapUsed()];
      [report.overviewWorkerHeap, report.topicWorkerHeap] = [overviewWorker.used, topicWorker.used];
      const heapOf = (page, worker) => `${MB(page)} (${worker.workers > 0 ? MB(worker.used) : 'page'})`;
      reports.push(report);
      console.log(
        `${String(minute).padStart(6)}   ${MB(report.serveHeap).padStart(10)}   ${heapOf(report.overviewHeap, overviewWorker).padStart(22)}   ${heapOf(report.topicHeap, topicWorker).padStart(24)}   ${`${lagP99Ms.toFixed(1)} ms`.padStart(18)}   ${report.updateP95.toFixed(1)} ms (${updates.length})`,
      );
    }
    summary(reports);
    probe.close();
  } finally {
    await load?.stop();
    await browser.close();
    await serve.stop();
    stack.down();
  }
}

main().catch((error) => {
  console.error(`bench/soak failed: ${error.stack ?? error}`);
  process.exit(1);
});
