#!/usr/bin/env node
// bench/coldstart: from `streamdesk serve` started to the Overview painted with live tiles, on a running stack.
// Chromium is started first (its own start-up is the browser's, not StreamDesk's); then, per run, serve is spawned
// and timed to "serving at", the page opened, and timed until the Kafka tile shows the live cluster (status up,
// its figures filled). Prints each phase, the total, and the JavaScript the first page loaded (the bundle split
// keeps the other pages' code out of it).
//
//   npm run build && node bench/coldstart/run.mjs [--runs 5] [--brokers 1|3] [--kraft] [--data-dir D] [--keep]
//
// Starts its own native stack (one broker, ZooKeeper mode, unless told otherwise) or uses the kept one in --data-dir
// (bench/topics' with 10,000 topics: --data-dir D --brokers 3 --kraft). Not part of the tests.
import { parseArgs } from 'node:util';
import { benchStack, launchChromium, median, ms, startServe } from '../lib/stack.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    brokers: { type: 'string', default: '1' },
    kraft: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

/** One cold start: serve spawned → serving → page opened → the Kafka tile live; what the page loaded. */
async function coldStart(browser, stack) {
  const started = performance.now();
  const serve = await startServe(stack);
  const serving = performance.now() - started;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const scripts = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    await page.goto(`${serve.url}#/overview`);
    await page.locator('[data-testid="tile-kafka"][data-status="up"]').waitFor({ timeout: 60_000 });
    const painted = performance.now() - started;
    const bytes = (await Promise.all(scripts.map((response) => response.body().then((body) => body.length)))).reduce((sum, n) => sum + n, 0);
    return { serving, painted, scripts: scripts.length, bytes };
  } finally {
    await context.close();
    await serve.stop();
  }
}

async function main() {
  const shape = ['--brokers', values.brokers, ...(values.kraft ? ['--kraft'] : [])];
  const stack = await benchStack('coldstart', values['data-dir'], { shape, keep: values.keep });
  const browser = await launchChromium();
  try {
    const runs = [];
    for (let r = 0; r < Number(values.runs); r++) {
      const run = await coldStart(browser, stack);
      console.log(
        `run ${r + 1}: serving after ${ms(run.serving)}, Overview with live tiles after ${ms(run.painted)}; ${run.scripts} scripts, ${(run.bytes / 1024).toFixed(0)} KiB`,
      );
      runs.push(run);
    }
    console.log(
      `cold start, median of ${runs.length}: serve answering ${ms(median(runs.map((run) => run.serving)))}, Overview painted with live tiles ${ms(median(runs.map((run) => run.painted)))} [target ≤ 2 s]; the first page loaded ${(runs[0].bytes / 1024).toFixed(0)} KiB of JavaScript in ${runs[0].scripts} files`,
    );
  } finally {
    await browser.close();
    stack.down();
  }
}

main().catch((error) => {
  console.error(`bench/coldstart failed: ${error.stack ?? error}`);
  process.exit(1);
});
