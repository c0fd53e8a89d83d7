import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { readE2eEnv } from './stack-env';

// Independent of the other specs: this run's own file, topic and connector on the stack's Connect
// worker. Every step the UI takes is checked through Connect's own REST API, and the records with kafkajs.
const RUN = Date.now().toString(36);
const TOPIC = `e2e.connect.lines.${RUN}`;
const NAME = `e2e-file-source-${RUN}`;
const LINES = Array.from({ length: 25 }, (_, index) => `line ${index} of ${RUN}`);
const FILE = path.join(mkdtempSync(path.join(tmpdir(), 'streamdesk-e2e-connect-')), 'lines.txt');
const SOURCE_CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

function stackPort(flag: string): string {
  const args = readE2eEnv().stackArgs;
  return args[args.indexOf(flag) + 1];
}

const connectUrl = () => `http://127.0.0.1:${stackPort('--connect-port')}`;

/** Connect's own answer for a path (status and JSON body): the independent check. */
async function connectRest(p: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${connectUrl()}${p}`);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

interface ConnectStatus {
  connector: { state: string };
  tasks: { id: number; state: string }[];
}

async function connectorState(): Promise<string> {
  const { status, body } = await connectRest(`/connectors/${encodeURIComponent(NAME)}/status`);
  if (status !== 200) return `HTTP ${status}`;
  const answer = body as ConnectStatus;
  return [answer.connector.state, ...answer.tasks.map((task) => task.state)].join(' ');
}

/** The topic's record count, read by kafkajs (end minus start offsets). */
async function recordCount(): Promise<number> {
  const kafka = new Kafka({ brokers: [`127.0.0.1:${stackPort('--kafka-port')}`], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(TOPIC);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

test.beforeAll(async () => {
  writeFileSync(FILE, LINES.map((line) => `${line}\n`).join(''));
  const kafka = new Kafka({ brokers: [`127.0.0.1:${stackPort('--kafka-port')}`], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
});

test.afterAll(async () => {
  // Whatever a failed run left on the shared worker goes (a passing run deleted it through the UI).
  await fetch(`${connectUrl()}/connectors/${encodeURIComponent(NAME)}`, { method: 'DELETE' }).catch(() => undefined);
});

const setting = (page: Page, name: string) => page.getByTestId('connector-form').locator(`[data-setting="${name}"]`);
const settingError = (page: Page, name: string) =>
  page
    .getByTestId('connector-form')
    .locator('label.field', { has: page.locator(`[data-setting="${name}"]`) })
    .locator('.field-error');

/** The form, filled through its inputs: plugin, name, file, topic, and tasks.max as given. */
async function fillSourceForm(page: Page, tasksMax: string): Promise<void> {
  await page.getByTestId('new-connector').click();
  await page.getByTestId('connector-plugin').selectOption(SOURCE_CLASS);
  await page.getByTestId('connector-name').fill(NAME);
  await setting(page, 'file').fill(FILE);
  await setting(page, 'topic').fill(TOPIC);
  await setting(page, 'tasks.max').fill(tasksMax);
}

test('a FileStreamSource made through the form runs, fills its topic, is stopped, reset, resumed and deleted — each step seen by Connect', async ({
  page,
}, testInfo) => {
  await page.goto(`${readE2eEnv().serveUrl}#/connect`);
  await expect(page.getByTestId('connect-clusters')).toContainText(connectUrl());
  await expect(page.getByTestId('connect-plugins')).toContainText(SOURCE_CLASS);

  // A value the worker refuses: its message beside the field, and nothing created on Connect.
  await fillSourceForm(page, '0');
  await page.getByTestId('connector-save').click();
  await expect(settingError(page, 'tasks.max')).toContainText(/at least 1/i);
  await page.getByTestId('connector-form').screenshot({ path: testInfo.outputPath('connect-form-error.png') });
  expect((await connectRest(`/connectors/${encodeURIComponent(NAME)}`)).status).toBe(404);
  expect((await connectRest('/connectors')).body).not.toContain(NAME);

  // The raw JSON view shows what is sent, and back to the form; then fixed and created.
  await page.getByTestId('connector-raw-toggle').click();
  await expect(page.getByTestId('connector-raw')).toHaveValue(new RegExp(`"file": "${FILE.replace(/[/\\.]/g, '\\$&')}"`));
  await page.getByTestId('connector-raw-toggle').click();
  await setting(page, 'tasks.max').fill('1');
  await page.getByTestId('connector-save').click();
  await expect(page.getByTestId('connector-title')).toContainText(NAME);
  await expect(page.getByTestId('connector-title').locator('[data-state]')).toHaveAttribute('data-state', 'RUNNING');
  await expect.poll(connectorState, { timeout: 60_000 }).toBe('RUNNING RUNNING');
  expect(((await connectRest(`/connectors/${encodeURIComponent(NAME)}/config`)).body as Record<string, string>).file).toBe(FILE);

  // Its records on the topic page, and the connector listed there, linking back.
  await expect.poll(recordCount, { timeout: 60_000 }).toBe(LINES.length);
  await page.getByTestId('connector-topics').getByRole('link', { name: TOPIC }).click();
  await expect(page.getByTestId('topic-title')).toHaveText(TOPIC);
  await expect(page.getByTestId('topic-messages')).toHaveText(String(LINES.length), { timeout: 30_000 });
  await page.getByTestId('browse-position').selectOption('beginning');
  await page.getByTestId('browse-load').click();
  await expect(page.getByTestId('messages-table').locator('.vtable-row').first()).toContainText(LINES[0]);
  await page.getByTestId('topic-connectors').screenshot({ path: testInfo.outputPath('connect-topic-connectors.png') });
  await page.getByTestId('topic-connectors').getByRole('link', { name: NAME }).click();
  await expect(page.getByTestId('connector-title')).toContainText(NAME);

  // Stop, then reset its offsets through the preview: Connect forgets the file position.
  await page.getByTestId('connector-stop').click();
  await expect(page.getByTestId('connector-title').locator('[data-state]')).toHaveAttribute('data-state', 'STOPPED');
  await expect.poll(connectorState, { timeout: 60_000 }).toBe('STOPPED');
  const before = (await connectRest(`/connectors/${encodeURIComponent(NAME)}/offsets`)).body as { offsets: unknown[] };
  expect(before.offsets).toHaveLength(1);
  await page.getByTestId('offsets-kind').selectOption('reset');
  await page.getByTestId('offsets-preview').click();
  await expect(page.getByTestId('offsets-changes').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('offsets-changes')).toContainText(FILE);
  await page.getByTestId('offsets-panel').screenshot({ path: testInfo.outputPath('connect-offsets-preview.png') });
  // The preview changed nothing.
  expect(((await connectRest(`/connectors/${encodeURIComponent(NAME)}/offsets`)).body as { offsets: unknown[] }).offsets).toHaveLength(1);
  await page.getByTestId('offsets-apply').click();
  await expect(page.getByTestId('offsets-applied')).toBeVisible();
  await expect.poll(async () => ((await connectRest(`/connectors/${encodeURIComponent(NAME)}/offsets`)).body as { offsets: unknown[] }).offsets.length).toBe(0);

  // Resumed, it reads the file again from its start: every line twice on the topic.
  await page.getByTestId('connector-resume').click();
  await expect.poll(connectorState, { timeout: 60_000 }).toBe('RUNNING RUNNING');
  await expect(page.getByTestId('connector-title').locator('[data-state]')).toHaveAttribute('data-state', 'RUNNING');
  await expect.poll(recordCount, { timeout: 60_000 }).toBe(2 * LINES.length);
  await page.screenshot({ path: testInfo.outputPath('connect-detail.png'), fullPage: true });

  // Its config edited through the same form (built from the stored config), saved through the worker.
  await page.getByTestId('edit-connector').click();
  await expect(setting(page, 'topic')).toHaveValue(TOPIC);
  await setting(page, 'batch.size').fill('100');
  await page.getByTestId('connector-save').click();
  await expect(page.getByTestId('connector-form')).toBeHidden();
  await expect
    .poll(async () => ((await connectRest(`/connectors/${encodeURIComponent(NAME)}/config`)).body as Record<string, string>)['batch.size'])
    .toBe('100');
  await expect(page.getByTestId('connector-config')).toContainText('batch.size');

  // Deleted once its name is typed: gone from Connect and from the list.
  await page.getByTestId('connector-delete').click();
  await expect(page.getByTestId('delete-connector-confirm')).toBeDisabled();
  await page.getByTestId('delete-connector-typed').fill(NAME);
  await page.getByTestId('delete-connector-confirm').click();
  await expect(page.getByTestId('connectors-table')).toBeVisible();
  await expect(page.getByTestId('connectors-table')).not.toContainText(NAME);
  expect((await connectRest(`/connectors/${encodeURIComponent(NAME)}`)).status).toBe(404);
});
