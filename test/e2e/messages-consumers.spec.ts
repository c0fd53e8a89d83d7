import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { readE2eEnv } from './stack-env';

// Independent of the other specs: the topic the browse and consumer tests read, and its records
// (one per partition plus an HTML-holding one), are this run's own.
const RUN = Date.now().toString(36);
const READ_TOPIC = `e2e.msg.readers.${RUN}`;
const READERS = `e2e-readers-${RUN}`;

test.beforeAll(async () => {
  const records: Planned[] = [0, 1, 2].map((partition) => ({
    partition,
    key: `e2e-${partition}`,
    value: JSON.stringify({ garage: 'Jorenholmen', free: 10 + partition }),
    headers: {},
  }));
  records.push({ partition: 1, key: 'e2e-html', value: '{"garage": "<img src=x onerror=alert(1)>", "free": 3}', headers: {} });
  await createAndProduce([READ_TOPIC], records);
});

function bootstrap(): string {
  const args = readE2eEnv().stackArgs;
  return `127.0.0.1:${args[args.indexOf('--kafka-port') + 1]}`;
}

interface Planned {
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Creates the topics (3 partitions each) and writes the records with acks=all, through kafkajs: a client independent of StreamDesk. */
async function createAndProduce(topics: string[], records: Planned[] = []): Promise<void> {
  const kafka = new Kafka({ brokers: [bootstrap()], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  await admin.disconnect();
  if (!records.length) return;
  const producer = kafka.producer();
  await producer.connect();
  for (const record of records) await producer.send({ topic: topics[0], acks: -1, messages: [record] });
  await producer.disconnect();
}

/** key \x1f value \x1f headers, one record per line, as kcat reads them. */
function kcatRead(topic: string, partition: number): string[] {
  const out = execFileSync('kcat', ['-b', bootstrap(), '-C', '-e', '-q', '-t', topic, '-p', String(partition), '-f', '%k\x1f%s\x1f%h\x1e'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return out.split('\x1e').filter(Boolean);
}

test('browsing shows records exactly, and a value holding HTML stays inert text', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${env.serveUrl}#/topics/${READ_TOPIC}`);
  await page.getByTestId('browse-position').selectOption('end');
  await page.getByTestId('browse-load').click();
  await expect(page.getByTestId('messages-table').locator('.vtable-row').first()).toBeVisible();

  // A field-path search over the whole topic finds exactly the record written above, and says how much it read.
  await page.getByTestId('search-expression').fill('value.free == 3 && value.garage == "<img src=x onerror=alert(1)>"');
  await page.getByTestId('search-scope').selectOption('full');
  await page.getByTestId('search-start').click();
  await expect(page.getByTestId('search-progress')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('search-matched')).toHaveText('1');
  const hostile = page.getByTestId('messages-table').locator('.vtable-row');
  await expect(hostile).toHaveCount(1);
  await expect(hostile).toContainText('<img src=x onerror=alert(1)>');
  await hostile.click();
  await expect(page.getByTestId('record-value')).toContainText('"garage": "<img src=x onerror=alert(1)>"');
  expect(await page.locator('[data-testid="messages-panel"] img').count()).toBe(0);
  await page.getByTestId('messages-panel').screenshot({ path: testInfo.outputPath('messages-search.png') });

  // The same search on the Flink cluster fills the same table with the same record.
  await page.getByTestId('search-where').selectOption('cluster');
  await page.getByTestId('search-start').click();
  await expect(page.getByTestId('search-progress')).toHaveAttribute('data-done', 'true', { timeout: 180_000 });
  await expect(page.getByTestId('search-progress')).toContainText('on the Flink cluster');
  await expect(page.getByTestId('search-matched')).toHaveText('1');
  await expect(hostile).toHaveCount(1);
  await expect(hostile).toContainText('<img src=x onerror=alert(1)>');
  await page.getByTestId('messages-panel').screenshot({ path: testInfo.outputPath('messages-search-cluster.png') });
  expect(dialogs).toEqual([]);
});

test('a consumer group shows its lag and its offsets reset to earliest after a dry-run preview', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const group = READERS;
  // A real consumer (kcat, balanced group) reads the topic and commits, then leaves: the group is Empty.
  execFileSync('kcat', ['-b', bootstrap(), '-G', group, '-X', 'auto.offset.reset=earliest', '-e', '-q', READ_TOPIC], {
    timeout: 60_000,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await page.goto(`${env.serveUrl}#/consumers/${group}`);
  await expect(page.getByTestId('group-detail')).toContainText('Empty', { timeout: 20_000 });
  await page.getByTestId('reset-preview').click();
  const changes = page.getByTestId('reset-changes').locator('tbody tr');
  await expect(changes).toHaveCount(3);
  await page.getByTestId('reset-apply').click();
  await expect(page.getByTestId('reset-offsets')).toContainText('Applied');
  await page.screenshot({ path: testInfo.outputPath('consumer-reset.png'), fullPage: true });
  // An independent client sees the committed offsets back at the start of each partition.
  const committed = execFileSync('kcat', ['-b', bootstrap(), '-Q', '-t', `${READ_TOPIC}:0:-2`, '-t', `${READ_TOPIC}:1:-2`, '-t', `${READ_TOPIC}:2:-2`], {
    encoding: 'utf8',
  });
  expect(committed).toContain(READ_TOPIC);
  await expect(page.getByTestId('group-detail')).toContainText(/lag [1-9]/, { timeout: 20_000 });
});

const HOSTILE: Planned[] = [
  { partition: 0, key: 'ключ-😀', value: JSON.stringify({ city: 'Tromsø', note: 'a, "b"\nc' }), headers: { trace: `it's "quoted"` } },
  { partition: 1, key: 'k,1', value: 'line 1\nline 2, "quoted", $(id) `id` 50%', headers: { 'x,y': 'a=b' } },
  { partition: 2, key: 'plain', value: '{"free":3}', headers: {} },
];

// Unique per run (RUN above): a rerun against the same stack starts from empty topics.
const EXPORT_TOPIC = `e2e.msg.export.${RUN}`;

async function browseFromBeginning(page: Page, topic: string): Promise<Locator> {
  await page.goto(`${readE2eEnv().serveUrl}#/topics/${topic}`);
  await page.getByTestId('browse-position').selectOption('beginning');
  await page.getByTestId('browse-load').click();
  return page.getByTestId('messages-table').locator('.vtable-row');
}

test('export downloads the rows shown as JSON Lines and CSV, holding exactly what was produced', async ({ page }) => {
  const topic = EXPORT_TOPIC;
  await createAndProduce([topic], HOSTILE);
  const rows = await browseFromBeginning(page, topic);
  await expect(rows).toHaveCount(3);

  const jsonl = page.waitForEvent('download');
  await page.getByTestId('export-jsonl').click();
  const jsonlFile = await jsonl;
  expect(jsonlFile.suggestedFilename()).toBe(`${topic}-3-records.jsonl`);
  const lines = readFileSync(await jsonlFile.path(), 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  const exported = lines.map((line) => JSON.parse(line) as { partition: number; key: string; value: string; headers: { key: string; value: string }[] });
  expect(
    exported
      .map((record) => ({
        partition: record.partition,
        key: record.key,
        value: record.value,
        headers: Object.fromEntries(record.headers.map((header) => [header.key, header.value])),
      }))
      .sort((a, b) => a.partition - b.partition),
  ).toEqual(HOSTILE);

  const csv = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csvFile = await csv;
  expect(csvFile.suggestedFilename()).toBe(`${topic}-3-records.csv`);
  const csvText = readFileSync(await csvFile.path(), 'utf8');
  expect(csvText.startsWith('partition,offset,timestamp,key,headers,value_format,value,key_schema_id,value_schema_id,decode_reason\r\n')).toBe(true);
  expect(csvText).toContain(`,"k,1","{""x,y"":""a=b""}","text","line 1\nline 2, ""quoted"", $(id) \`id\` 50%",,,\r\n`);
  expect(csvText.split('\r\n')).toHaveLength(5);
});

test('copy as kcat gives a command that reproduces the record; edit and produce again opens the form filled from it', async ({ page }, testInfo) => {
  const topic = EXPORT_TOPIC;
  const copy = `e2e.msg.export-copy.${RUN}`;
  await createAndProduce([copy]);
  const rows = await browseFromBeginning(page, topic);
  // Copy as kcat: the command shown, run by a shell with real kcat, writes the same record (into the copy topic).
  await rows.filter({ hasText: 'k,1' }).click();
  await page.getByTestId('copy-kcat').click();
  const command = (await page.getByTestId('kcat-command').textContent())!;
  expect(command).toContain(`| kcat -P -b '${bootstrap()}' -t '${topic}' -p 1 -K`);
  await page.getByTestId('record-panel').screenshot({ path: testInfo.outputPath('copy-as-kcat.png') });
  execFileSync('sh', ['-c', command.replace(`-t '${topic}'`, `-t '${copy}'`)], { timeout: 30_000 });
  expect(kcatRead(copy, 1)).toEqual(['k,1\x1fline 1\nline 2, "quoted", $(id) `id` 50%\x1fx,y=a=b']);

  // Edit and produce again: the Produce form opens filled from the record; the edited copy lands in the same partition.
  await page.getByTestId('edit-produce').click();
  const modal = page.getByTestId('produce-modal');
  await expect(modal.locator('input').first()).toHaveValue('k,1');
  await expect(modal.locator('textarea')).toHaveValue(HOSTILE[1].value);
  await expect(modal.getByLabel('Header value')).toHaveValue('a=b');
  await modal.locator('textarea').fill('edited, again');
  await page.screenshot({ path: testInfo.outputPath('edit-and-produce.png') });
  await page.getByTestId('produce-submit').click();
  await expect(page.getByTestId('produce-result')).toContainText('partition 1 @ offset 1');
  expect(kcatRead(topic, 1)).toEqual([`k,1\x1f${HOSTILE[1].value}\x1fx,y=a=b`, 'k,1\x1fedited, again\x1fx,y=a=b']);
});

test('live tail shows a record produced after it started, pauses, and resumes without losing one', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const topic = `e2e.msg.tail.${RUN}`;
  await createAndProduce([topic]);
  await page.goto(`${env.serveUrl}#/topics/${topic}`);
  await page.getByTestId('tail-start').click();
  await expect(page.getByTestId('tail-status')).toContainText('Live');
  const produce = (key: string) =>
    execFileSync('sh', ['-c', `printf '%s' '${key}|{"live":"${key}"}' | kcat -b '${bootstrap()}' -P -t '${topic}' -K '|'`], { timeout: 30_000 });
  produce('first');
  const rows = page.getByTestId('messages-table').locator('.vtable-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('{"live":"first"}');
  await page.getByTestId('messages-panel').screenshot({ path: testInfo.outputPath('live-tail.png') });

  await page.getByTestId('tail-pause').click();
  await expect(page.getByTestId('tail-status')).toContainText('Paused');
  produce('while-paused');
  await page.waitForTimeout(2500);
  await expect(rows).toHaveCount(1);
  await page.getByTestId('tail-resume').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('while-paused');
  await expect(page.getByTestId('tail-status')).toContainText('Live · 2 new records');
  await page.getByTestId('tail-stop').click();
});

test('replay copies a time range into another topic with progress; the target has the records, keys and order', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const source = `e2e.msg.replay-src.${RUN}`;
  const target = `e2e.msg.replay-dst.${RUN}`;
  const records = Array.from({ length: 60 }, (_, i) => ({ partition: i % 3, key: `r${i}`, value: JSON.stringify({ i }), headers: { n: String(i) } }));
  await createAndProduce([source, target], records);
  await page.goto(`${env.serveUrl}#/topics/${source}`);
  await page.getByTestId('replay-open').click();
  await page.getByTestId('replay-target').fill(target);
  await page.getByTestId('replay-start').click();
  const progress = page.getByTestId('replay-progress');
  await expect(progress).toHaveAttribute('data-done', 'true');
  await expect(progress).toContainText('read 60 of 60');
  await expect(page.getByTestId('replay-written')).toHaveText('60');
  await page.getByTestId('replay-panel').screenshot({ path: testInfo.outputPath('replay.png') });
  for (const partition of [0, 1, 2]) {
    const expected = records.filter((record) => record.partition === partition).map((record) => `${record.key}\x1f${record.value}\x1fn=${record.headers.n}`);
    expect(kcatRead(target, partition)).toEqual(expected);
  }
  // A bad target is named, and nothing starts.
  await page.getByTestId('replay-target').fill(source);
  await page.getByTestId('replay-start').click();
  await expect(page.getByTestId('replay-panel')).toContainText('target: must differ from the source topic');
});

test("a consumer group's detail charts its total lag over time", async ({ page }, testInfo) => {
  const env = readE2eEnv();
  // The readers were reset to earliest by the test above: they lag by every record of the topic.
  await page.goto(`${env.serveUrl}#/consumers/${READERS}`);
  const chart = page.getByTestId('group-lag-chart');
  await expect(chart.locator('.chart-plot')).toBeVisible({ timeout: 60_000 });
  await expect(chart.locator('.chart-current')).toHaveText(/^[1-9][\d,]*$/);
  await page.getByTestId('group-detail').screenshot({ path: testInfo.outputPath('group-lag-chart.png') });
});
