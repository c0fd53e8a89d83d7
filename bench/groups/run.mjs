#!/usr/bin/env node
// bench/groups: the Consumer groups page with many real groups. On its own native stack (or the one kept in
// --data-dir, e.g. bench/topics' with its 10,000 topics), creates N consumer groups (default 5,000) with real
// offset commits (OffsetCommit through an Admin, as a consumer's commit; no consumers kept running) over the
// stack's topics, then prints, each beside Kafka's own tool run from the stack's jars in the same run:
//   1. consumers:listGroups and consumers:list over REST, and a group's detail, against
//      `kafka-consumer-groups --list` and `--describe --group G`;
//   2. in Chromium, with the app open on the Overview: the Consumer groups link clicked → rows painted, the
//      drawn rows' lag painted, every group's lag read (in the background); a group clicked → its detail painted.
//
//   npm run build && node bench/groups/run.mjs [--groups 5000] [--topics 200] [--brokers 3] [--kraft] [--runs 3]
//        [--screenshot FILE] [--keep] [--data-dir D]
//
// --topics: how many topics to create when the stack has none of bench/topics' (each group commits on two of the
// stack's topics, whichever there are). Not part of the tests (speed is measured here, never asserted in tests).
/* global document, requestAnimationFrame -- the page timings run inside the page */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { benchStack, launchChromium, median, ms, require, root, startServe, timeCall } from '../lib/stack.mjs';

const { values } = parseArgs({
  options: {
    groups: { type: 'string', default: '5000' },
    topics: { type: 'string', default: '200' },
    brokers: { type: 'string', default: '3' },
    kraft: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    screenshot: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const groupCount = Number(values.groups);
const runs = Number(values.runs);
const GROUP_PREFIX = 'bench-group-';
const groupName = (i) => `${GROUP_PREFIX}${String(i).padStart(5, '0')}`;
const RECORDS_PER_PARTITION = 20;

/** The stack's topics (bench/topics' when they are there), creating --topics of three partitions when it has none. */
async function benchTopics(admin) {
  const existing = (await admin.listTopics()).filter((name) => !name.startsWith('_'));
  if (existing.length > 0) return existing.sort();
  const topics = Array.from({ length: Number(values.topics) }, (_, i) => `groups.bench-${String(i).padStart(5, '0')}`);
  await admin.createTopics({ topics, partitions: 3, replicas: 1 });
  return topics;
}

/** A few records in every partition of the topics the groups read, so their lag is not all zero. */
async function fillTopics(bootstrap, topics) {
  const { Kafka, logLevel } = require('kafkajs');
  const producer = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const value = Buffer.from('{"bench":"groups"}');
  for (let i = 0; i < topics.length; i += 200) {
    const topicMessages = topics.slice(i, i + 200).map((topic) => ({
      topic,
      messages: Array.from({ length: RECORDS_PER_PARTITION * 3 }, (_, n) => ({ partition: n % 3, value })),
    }));
    await producer.sendBatch({ topicMessages, acks: 1 });
    process.stderr.write(`\r[bench/groups] records in ${Math.min(i + 200, topics.length)} / ${topics.length} topics`);
  }
  process.stderr.write('\n');
  await producer.disconnect();
}

/** Group i commits on two topics, at offsets behind the end by 0 to RECORDS_PER_PARTITION (its lag). */
function commitsOf(i, topics) {
  return [topics[(2 * i) % topics.length], topics[(2 * i + 1) % topics.length]].map((name, t) => ({
    name,
    partitionOffsets: [0, 1, 2].map((partition) => ({ partition, offset: BigInt((i + t + partition) % (RECORDS_PER_PARTITION + 1)) })),
  }));
}

async function createGroups(bootstrap) {
  const { Admin } = await import(path.join(root, 'node_modules/@platformatic/kafka/dist/index.js'));
  const admin = new Admin({ clientId: 'bench-groups', bootstrapBrokers: [bootstrap], requestTimeout: 60_000 });
  try {
    const topics = await benchTopics(admin);
    const existing = new Set([...(await admin.listGroups()).keys()].filter((id) => id.startsWith(GROUP_PREFIX)));
    const missing = Array.from({ length: groupCount }, (_, i) => i).filter((i) => !existing.has(groupName(i)));
    if (missing.length === 0) return;
    if (existing.size === 0) await fillTopics(bootstrap, topics.slice(0, Math.min(topics.length, 2 * groupCount)));
    const started = Date.now();
    let done = 0;
    const worker = async () => {
      while (missing.length > 0) {
        const i = missing.shift();
        await admin.alterConsumerGroupOffsets({ groupId: groupName(i), topics: commitsOf(i, topics) });
        if (++done % 250 === 0) process.stderr.write(`\r[bench/groups] committed ${done} groups`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    process.stderr.write(`\r[bench/groups] committed ${done} groups in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  } finally {
    await admin.close();
  }
}

/** Kafka's own kafka-consumer-groups (ConsumerGroupCommand) from the stack's jars, timed as a whole process. */
async function timeConsumerGroupsTool(bootstrap, args, kraft) {
  const lib = path.join(root, 'compose', 'native', 'lib', kraft ? 'kafka-kraft' : 'kafka-zk', '*');
  const main = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';
  const started = performance.now();
  const { stdout } = await promisify(execFile)('java', ['-Xmx256m', '-cp', lib, main, '--bootstrap-server', bootstrap, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  return { took: performance.now() - started, lines: stdout.trim().split('\n').length };
}

/** In the page: clicks the Consumer groups link and times the rows, the drawn rows' lag, and every group's lag read. */
function timeOpening(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const started = performance.now();
        const times = {};
        document.querySelector('nav a[href="#/consumers"]').click();
        const check = () => {
          const rows = [...document.querySelectorAll('[data-testid="groups-table"] [data-group]')];
          const now = performance.now() - started;
          if (rows.length > 0) times.rows ??= now;
          if (rows.length > 0 && rows.every((row) => row.dataset.summarized === 'true')) times.visible ??= now;
          const heading = document.querySelector('.page-header .muted')?.textContent ?? '';
          if (times.visible !== undefined && !heading.includes('reading members and lag')) {
            times.complete = now;
            resolve(times);
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

/** In the page: clicks a group's row and times until its detail (partitions and lag) is painted. */
function timeDetail(page, groupId) {
  return page.evaluate(
    (groupId) =>
      new Promise((resolve) => {
        const started = performance.now();
        document.querySelector(`[data-group="${groupId}"]`).click();
        const check = () => {
          const detail = document.querySelector('[data-testid="group-detail"]');
          if (detail?.textContent.includes(groupId) && detail.querySelectorAll('tbody tr').length > 0)
            requestAnimationFrame(() => resolve(performance.now() - started));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    groupId,
  );
}

async function timePage(serveUrl) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${serveUrl}#/overview`);
    await page.locator('[data-testid="tile-kafka"][data-status="up"]').waitFor({ timeout: 180_000 });
    await page.waitForTimeout(3000);
    const opening = await timeOpening(page);
    if (values.screenshot) await page.screenshot({ path: values.screenshot });
    const detail = await timeDetail(page, groupName(3));
    if (values.screenshot) await page.screenshot({ path: values.screenshot.replace(/(\.png)?$/, '-detail.png'), fullPage: true });
    return { opening, detail };
  } finally {
    await browser.close();
  }
}

async function main() {
  const shape = ['--brokers', values.brokers, ...(values.kraft ? ['--kraft'] : [])];
  const stack = await benchStack('groups', values['data-dir'], { shape, keep: values.keep });
  let serve;
  try {
    await createGroups(stack.bootstrap);
    serve = await startServe(stack);
    const samples = { toolList: [], toolDescribe: [], listGroups: [], list: [], detail: [] };
    let listed = 0;
    for (let r = 0; r < runs; r++) {
      samples.toolList.push((await timeConsumerGroupsTool(stack.bootstrap, ['--list'], values.kraft)).took);
      samples.toolDescribe.push((await timeConsumerGroupsTool(stack.bootstrap, ['--describe', '--group', groupName(3)], values.kraft)).took);
      const rows = await timeCall(serve, 'consumers:listGroups', {});
      listed = rows.result.length;
      samples.listGroups.push(rows.took);
      samples.list.push((await timeCall(serve, 'consumers:list', {})).took);
      samples.detail.push((await timeCall(serve, 'consumers:detail', { groupId: groupName(3) })).took);
    }
    const toolList = median(samples.toolList);
    const toolDescribe = median(samples.toolDescribe);
    const beside = (took, tool, name) => `${ms(took)} (${(took / tool).toFixed(2)}× ${name})`;
    console.log(
      `groups on the cluster: ${listed}; kafka-consumer-groups --list, median of ${runs}: ${ms(toolList)}; --describe --group: ${ms(toolDescribe)} (whole JVM processes)`,
    );
    console.log(
      `over REST, median of ${runs}: consumers:listGroups ${beside(median(samples.listGroups), toolList, '--list')}; consumers:list (every group's lag) ${beside(median(samples.list), toolList, '--list')}`,
    );
    console.log(`  consumers:detail ${beside(median(samples.detail), toolDescribe, '--describe')}`);
    const { opening, detail } = await timePage(serve.url);
    console.log(`Consumer groups page opened in the open app: rows painted ${beside(opening.rows, toolList, '--list')} [target ≤ 1 s]`);
    console.log(`  the drawn rows' members and lag painted ${beside(opening.visible, toolList, '--list')} [target ≤ 2 s]`);
    console.log(`  every group's lag read (in the background) ${beside(opening.complete, toolList, '--list')}`);
    console.log(`a group clicked → its detail painted ${beside(detail, toolDescribe, '--describe')} [target ≤ 0.5 s]`);
  } finally {
    await serve?.stop();
    stack.down();
  }
}

main().catch((error) => {
  console.error(`bench/groups failed: ${error.stack ?? error}`);
  process.exit(1);
});
