#!/usr/bin/env node
// bench/coldstart: from `streamdesk serve` started to the Overview painted with live tiles, on a running stack.
// Chromium is started first (its own start-up is the browser's, not StreamDesk's); then, per run, serve is spawned
// and timed to "serving at", the page opened, and timed until the Kafka tile shows the live cluster (status up,
// its figures filled). Prints each phase, the total, serve's own CPU time (/proc) at "serving" and at the live tile,
// and the JavaScript the first page loaded (the bundle split keeps the other pages' code out of it).
//
// Two ways of counting, both printed (--style both, the default), alternating run by run:
//   tab-first  the browser context and a blank page are made before serve is spawned, as a user's browser tab exists
//              before they open the URL; the clock starts when serve is spawned.
//   serve-first the figure as this bench measured it until 2026-12-07: the context and page made after serve answers,
//              so Playwright's and Chromium's cost of a new context (0.7–1.2 s on this machine) is inside the figure.
//
//   npm run build && node bench/coldstart/run.mjs [--runs 5] [--style both|tab-first|serve-first] [--builds A,B]
//     [--cpu-prof DIR] [--brokers 1|3] [--kraft] [--data-dir D] [--keep]
//
// --builds: the app folders to run serve from (each with bin/ and out/; default this checkout), one run of each in
// turn, so that an earlier build copied aside (cp -r bin out package.json, with node_modules and compose linked) is
// compared with this one on the same machine at the same moment. --cpu-prof: serve runs under `node --cpu-prof`,
// a profile per run in DIR; serve is stopped as soon as the tile is live, so the profile ends there.
// Starts its own native stack (one broker, ZooKeeper mode, unless told otherwise) or uses the kept one in --data-dir
// (bench/topics' with 10,000 topics: --data-dir D --brokers 3 --kraft). Not part of the tests.
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchStack, cpuSeconds, launchChromium, median, ms, root, startServe } from '../lib/stack.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    style: { type: 'string', default: 'both' },
    builds: { type: 'string' },
    'cpu-prof': { type: 'string' },
    brokers: { type: 'string', default: '1' },
    kraft: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

const STYLES = { both: ['tab-first', 'serve-first'], 'tab-first': ['tab-first'], 'serve-first': ['serve-first'] };
if (!STYLES[values.style]) throw new Error(`--style must be both, tab-first or serve-first, got "${values.style}"`);
const builds = (values.builds ?? root).split(',').map((build) => path.resolve(build));
const label = (build) => (build === root ? 'this checkout' : build);

/** A new browser context with a blank page, the way a browser tab exists before its user opens the URL. */
async function blankTab(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  return { context, page, scripts };
}

/** One cold start: serve spawned → serving → page opened → the Kafka tile live; serve's CPU; what the page loaded. */
async function coldStart(browser, stack, build, style, run) {
  const profileDir = values['cpu-prof'] && path.resolve(values['cpu-prof'], `${path.basename(build)}-${style}-${run}`);
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  let tab = style === 'tab-first' ? await blankTab(browser) : undefined;
  const started = performance.now();
  const serve = await startServe(stack, nodeArgs, build);
  const serving = performance.now() - started;
  const cpuServing = cpuSeconds(serve.child.pid);
  try {
    tab ??= await blankTab(browser);
    const navigating = performance.now() - started;
    await tab.page.goto(`${serve.url}#/overview`);
    await tab.page.locator('[data-testid="tile-kafka"][data-status="up"]').waitFor({ timeout: 60_000 });
    const painted = performance.now() - started;
    const cpuPainted = cpuSeconds(serve.child.pid);
    await serve.stop();
    const bytes = (await Promise.all(tab.scripts.map((response) => response.body().then((body) => body.length)))).reduce((sum, n) => sum + n, 0);
    return { serving, navigating, painted, cpuServing, cpuPainted, scripts: tab.scripts.length, bytes };
  } finally {
    await tab?.context.close();
    await serve.stop();
  }
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main() {
  const shape = ['--brokers', values.brokers, ...(values.kraft ? ['--kraft'] : [])];
  const stack = await benchStack('coldstart', values['data-dir'], { shape, keep: values.keep });
  const browser = await launchChromium();
  const loads = [load()];
  try {
    const runs = [];
    for (let r = 0; r < Number(values.runs); r++) {
      for (const build of builds) {
        for (const style of STYLES[values.style]) {
          const run = await coldStart(browser, stack, build, style, r + 1);
          console.log(
            `run ${r + 1}, ${label(build)}, ${style}: serving after ${ms(run.serving)}, navigation from ${ms(run.navigating)}, ` +
              `Overview with live tiles after ${ms(run.painted)}; serve's CPU ${run.cpuServing.toFixed(2)} s at serving, ` +
              `${run.cpuPainted.toFixed(2)} s at the live tile; ${run.scripts} scripts, ${(run.bytes / 1024).toFixed(0)} KiB; load ${load()}`,
          );
          runs.push({ ...run, build, style });
        }
      }
      loads.push(load());
    }
    console.log(`load averages (1, 5, 15 min) at the start and after each round: ${loads.join(' | ')}`);
    for (const build of builds) {
      for (const style of STYLES[values.style]) {
        const these = runs.filter((run) => run.build === build && run.style === style);
        const med = (pick) => median(these.map(pick));
        console.log(
          `cold start, ${label(build)}, ${style}, median of ${these.length}: serve answering ${ms(med((run) => run.serving))}, ` +
            `Overview painted with live tiles ${ms(med((run) => run.painted))} [target ≤ 2 s] ` +
            `(${ms(Math.min(...these.map((run) => run.painted)))}–${ms(Math.max(...these.map((run) => run.painted)))}); ` +
            `serve's CPU ${med((run) => run.cpuServing).toFixed(2)} s to serving, ${med((run) => run.cpuPainted).toFixed(2)} s to the live tile; ` +
            `the first page loaded ${(these[0].bytes / 1024).toFixed(0)} KiB of JavaScript in ${these[0].scripts} files`,
        );
      }
    }
  } finally {
    await browser.close();
    stack.down();
  }
}

main().catch((error) => {
  console.error(`bench/coldstart failed: ${error.stack ?? error}`);
  process.exit(1);
});
