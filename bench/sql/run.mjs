// The SQL workbench with a million rows: a bounded SELECT of 1,000,000 JSON records through
// `POST /api/streaming/sql` (ndjson) and through the SQL page in Chromium (rows until done, then
// the frame times while scrolling the result), beside kcat reading the same topic. Prints figures,
// never passes or fails. Needs a running `streamdesk serve` on a stack with Flink and its SQL Gateway:
//   node bench/sql/run.mjs --serve 'http://127.0.0.1:8765/?token=…' --bootstrap 127.0.0.1:9092 [--records 1000000]
/* global document, requestAnimationFrame -- (the functions passed to page.waitForFunction and page.evaluate run in the page) */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const serve = new URL(arg('serve'));
const bootstrap = arg('bootstrap');
const records = Number(arg('records', '1000000'));
const token = serve.searchParams.get('token');
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const topic = `bench-sql-${records}`;

async function call(name, args) {
  const r = await fetch(`${serve.origin}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(args) });
  const e = await r.json();
  if (!e.ok) throw new Error(`${name}: ${e.error.message}`);
  return e.result;
}

async function fill() {
  const exists = (await call('topics:list', { configs: false, offsets: false })).some((t) => t.name === topic);
  if (exists) return;
  await call('topics:create', { name: topic, partitions: 6, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' });
  const file = join(mkdtempSync(join(tmpdir(), 'bench-sql-')), 'records.jsonl');
  const lines = [];
  for (let i = 0; i < records; i++)
    lines.push(JSON.stringify({ id: i, user: `user-${i % 977}`, amount: (i % 1000) / 10, kind: ['view', 'cart', 'buy'][i % 3] }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  execFileSync('kcat', ['-b', bootstrap, '-P', '-t', topic, '-l', file], { timeout: 600_000 });
}

function kcatSeconds() {
  const t = performance.now();
  const out = execFileSync('kcat', ['-b', bootstrap, '-C', '-t', topic, '-e', '-q', '-f', '%s\n'], { maxBuffer: 1 << 30, timeout: 600_000 });
  const n = out.toString().split('\n').filter(Boolean).length;
  return { n, s: (performance.now() - t) / 1000 };
}

async function restSeconds() {
  const t = performance.now();
  const r = await fetch(`${serve.origin}/api/streaming/sql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ statement: `SELECT * FROM \`${topic}\``, mode: 'batch' }),
  });
  const text = await r.text();
  const lines = text.split('\n').filter(Boolean);
  return { n: lines.length - 1, last: lines.at(-1), s: (performance.now() - t) / 1000 };
}

async function pageFigures() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${serve.href}#/sql`);
    await page.getByTestId('sql-settings').locator('select').first().selectOption('batch');
    await page.getByTestId('sql-input').first().fill(`SELECT * FROM \`${topic}\``);
    await page.getByTestId('sql-input').first().press('Escape');
    const t = performance.now();
    await page.getByTestId('sql-run').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sql-status"]')?.getAttribute('data-status') === 'done', null, {
      timeout: 900_000,
      polling: 500,
    });
    const seconds = (performance.now() - t) / 1000;
    const rows = await page.getByTestId('sql-results').first().getAttribute('data-rows');
    // scroll the result by 200 rows a frame for 300 frames and time each frame
    const frames = await page.evaluate(async () => {
      const box = document.querySelector('.sql-results .vrows');
      const times = [];
      let last = performance.now();
      for (let i = 0; i < 300; i++) {
        box.scrollTop += 28 * 200;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times.sort((a, b) => a - b);
    });
    return { seconds, rows: Number(rows), p50: frames[Math.floor(frames.length * 0.5)], p95: frames[Math.floor(frames.length * 0.95)], max: frames.at(-1) };
  } finally {
    await browser.close();
  }
}

await fill();
const kcat = kcatSeconds();
console.log(`kcat: ${kcat.n} records in ${kcat.s.toFixed(1)} s (${Math.round(kcat.n / kcat.s)} rec/s)`);
const rest = await restSeconds();
console.log(
  `REST ndjson (batch SELECT *): ${rest.n} rows in ${rest.s.toFixed(1)} s (${Math.round(rest.n / rest.s)} rows/s; job start included) — last line ${rest.last}`,
);
const ui = await pageFigures();
console.log(
  `SQL page: ${ui.rows} rows in ${ui.seconds.toFixed(1)} s (${Math.round(ui.rows / ui.seconds)} rows/s); scrolling the result: frame p50 ${ui.p50.toFixed(1)} ms, p95 ${ui.p95.toFixed(1)} ms, max ${ui.max.toFixed(1)} ms`,
);
