// Partition reassignment in Chromium on a three-broker stack of the spec's own (`streamdesk stack up --native --brokers 3`;
// the shared e2e stack has one broker, and no other spec's stack may be borrowed: specs do not depend on each other). A
// topic of RF 1 is raised to RF 3 from the topic page's modal: a generated plan, a bad edit refused beside its row, the
// preview, a throttle; then the live progress on the topic page and the Brokers page until done, confirmed by Kafka's
// own TopicCommand (three in-sync replicas) and ConfigCommand (no throttle left).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { ROOT, startServe, streamdesk } from './cli';
import { freePort } from './stack-env';

const TOPIC = 'e2e.reassign';
let dataDir: string;
let stackArgs: string[];
let serve: Awaited<ReturnType<typeof startServe>> | undefined;
let kafkaPort: number;

const bootstrap = () => [0, 1, 2].map((i) => `127.0.0.1:${kafkaPort + i}`).join(',');

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The first of three consecutive free ports: the brokers listen on the Kafka port and the two after it. */
async function freePortRun(): Promise<number> {
  for (;;) {
    const first = await freePort();
    if (!(await isFree(first + 1)) || !(await isFree(first + 2))) continue;
    // freePort hands ports out in turn: take the next two too, so no other service of the stack is given them
    const taken = [await freePort(), await freePort()];
    if (taken[0] === first + 1 && taken[1] === first + 2) return first;
  }
}

async function kafkaTool(component: 'kafka-kraft' | 'kafka-zk', main: string, args: string[]): Promise<string> {
  const classpath = `${path.join(ROOT, 'compose', 'native', 'lib', component)}/*`;
  const { stdout } = await promisify(execFile)('java', ['-Xmx128m', '-cp', classpath, main, ...args], { encoding: 'utf8', timeout: 90_000 });
  return stdout;
}

/** Replicas and ISR per partition as `kafka-topics --describe` prints them. */
async function described(): Promise<{ replicas: string; isr: string }[]> {
  const out = await kafkaTool('kafka-kraft', 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap(), '--describe', '--topic', TOPIC]);
  return out.split('\n').flatMap((line) => {
    const m = /Replicas: ([\d,]+)\s+Isr: ([\d,]*)/.exec(line);
    return m ? [{ replicas: m[1], isr: m[2] }] : [];
  });
}

async function callContract(name: string, args: unknown): Promise<void> {
  const url = new URL(serve!.url);
  const response = await fetch(`${url.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${url.searchParams.get('token')!}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  expect(response.status, await response.text()).toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(400_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'streamdesk-e2e-reassign-'));
  kafkaPort = await freePortRun();
  stackArgs = ['--data-dir', dataDir, '--kafka-port', String(kafkaPort)];
  for (const flag of ['--zookeeper-port', '--flink-port', '--exporter-port', '--sql-gateway-port', '--registry-port', '--connect-port']) {
    stackArgs.push(flag, String(await freePort()));
  }
  process.env.STREAMDESK_CONFIG_DIR = path.join(dataDir, 'config');
  const up = streamdesk(['stack', 'up', '--native', '--brokers', '3', ...stackArgs], 400_000);
  if (up.status !== 0) {
    streamdesk(['stack', 'down', ...stackArgs]);
    throw new Error(`stack up --brokers 3 failed:\n${up.stdout}\n${up.stderr}`);
  }
  serve = await startServe(['--port', String(await freePort()), ...stackArgs]);
  await callContract('topics:create', { name: TOPIC, partitions: 3, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' });
  // ~6 MB: at 256 KiB/s per broker the copy takes long enough to be watched
  const lines = Array.from({ length: 60_000 }, (_, i) => `k${i}:${'v'.repeat(90)}${i}`);
  execFileSync('kcat', ['-b', bootstrap(), '-P', '-t', TOPIC, '-K:', '-z', 'none'], { input: lines.join('\n') + '\n', timeout: 120_000, maxBuffer: 64 << 20 });
});

test.afterAll(async () => {
  serve?.child.kill('SIGTERM');
  streamdesk(['stack', 'down', ...stackArgs]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

test('raise a topic from RF 1 to 3 in the modal, watch the live progress until done; Kafka’s tools confirm it', async ({ page }, testInfo) => {
  test.setTimeout(400_000);
  const base = serve!.url.replace(/#.*$/, '');
  await page.goto(`${base}#/topics/${TOPIC}`);
  await expect(page.getByTestId('topic-title')).toHaveText(TOPIC);
  await page.getByTestId('open-reassign').click();
  const modal = page.getByTestId('reassign-modal');
  await modal.getByTestId('reassign-factor').fill('3');
  await modal.getByTestId('reassign-throttle').fill('0.25');
  await modal.getByTestId('reassign-preview').click();
  await expect(modal.getByTestId('reassign-summary')).toContainText('3 of 3 partitions change');
  await expect(modal.getByTestId('reassign-summary')).toContainText('brokers involved: #0, #1, #2');
  await expect(modal.getByTestId('reassign-summary')).toContainText('256 KB/s');

  // an edit naming a broker that does not exist is refused beside its row, and nothing is applied
  const generated = await modal.getByTestId('plan-replicas-0').inputValue();
  await modal.getByTestId('plan-replicas-0').fill('0, 1, 9');
  await expect(modal.getByTestId('reassign-apply')).toBeDisabled();
  await modal.getByTestId('reassign-preview').click();
  await expect(modal.getByTestId('plan-row-0')).toContainText('broker 9 does not exist');
  // the same brokers in another order: an edited plan (partition 0 keeps its leader, its preferred leader changes)
  const ids = generated.split(', ');
  await modal.getByTestId('plan-replicas-0').fill([...ids.slice(1), ids[0]].join(', '));
  await modal.getByTestId('reassign-preview').click();
  await expect(modal.getByTestId('reassign-summary')).toContainText('3 of 3 partitions change');
  await modal.screenshot({ path: testInfo.outputPath('reassign-modal.png') });
  expect((await described()).map((p) => p.replicas.split(',').length)).toEqual([1, 1, 1]);

  await modal.getByTestId('reassign-apply').click();
  await expect(modal).toBeHidden();
  const status = page.getByTestId('reassignment-status');
  await expect(status).toContainText('In progress');
  await expect(status).toContainText('throttled to 256 KB/s');
  await expect(page.getByTestId('reassignment-partitions')).toBeVisible();
  await page.getByTestId('reassignment-progress').screenshot({ path: testInfo.outputPath('reassign-progress.png') });

  await page.goto(`${base}#/brokers`);
  await expect(page.getByTestId(`reassigning-${TOPIC}`)).toContainText('to copy');
  await page.getByTestId('reassignments-panel').screenshot({ path: testInfo.outputPath('brokers-reassignments.png') });

  await page.goto(`${base}#/topics/${TOPIC}`);
  await expect(status).toContainText('Done', { timeout: 300_000 });
  await expect(status).toContainText('No throttle left');
  await page.getByTestId('reassignment-progress').screenshot({ path: testInfo.outputPath('reassign-done.png') });
  const after = await described();
  expect(after.map((p) => p.replicas.split(',').sort().join(','))).toEqual(['0,1,2', '0,1,2', '0,1,2']);
  expect(after.every((p) => p.isr.split(',').length === 3)).toBe(true);
  const configs = await kafkaTool('kafka-zk', 'kafka.admin.ConfigCommand', [
    '--bootstrap-server',
    bootstrap(),
    '--describe',
    '--entity-type',
    'topics',
    '--entity-name',
    TOPIC,
  ]);
  expect(configs).not.toContain('throttled');

  // partition 0 kept its leader and got another preferred one: the preview lists it, unless the controller's own leader
  // rebalance (every 300 s) got there first; the election itself is checked in test/integration/reassignments.test.ts
  await page.getByTestId('open-elect').click();
  const electModal = page.getByTestId('elect-leaders-modal');
  await expect(electModal.getByTestId('elect-preview').or(electModal.getByTestId('elect-nothing'))).toBeVisible();
  await electModal.screenshot({ path: testInfo.outputPath('elect-leaders.png') });
});
