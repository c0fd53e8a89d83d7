// Avro records written by an independent producer (avsc for the payload, kafkajs for the record, the
// schema registered through the registry's own REST API, Confluent framing written here) are shown
// decoded in the messages table and the record panel, found by a field search, and a record with an
// unknown schema id is shown raw with the reason. Against the e2e stack's own Apicurio Registry.
import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { readE2eEnv } from './stack-env';

const RUN = Date.now().toString(36);
const TOPIC = `e2e.decoded.${RUN}`;
const SCHEMA = {
  type: 'record',
  name: 'Status',
  namespace: 'e2e',
  fields: [
    { name: 'garage', type: 'string' },
    { name: 'free', type: 'int' },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['OPEN', 'FULL'] } },
  ],
};
const GARAGES = ['Kyrre', 'Nordre', 'Sentrum'];
const statusOf = (i: number) => ({ garage: GARAGES[i % 3], free: i * 5, state: i % 2 ? 'FULL' : 'OPEN' });

function flag(name: string): string {
  const args = readE2eEnv().stackArgs;
  return args[args.indexOf(name) + 1];
}

function framed(id: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, payload]);
}

test.beforeAll(async () => {
  const registry = `http://127.0.0.1:${flag('--registry-port')}/apis/ccompat/v7`;
  const res = await fetch(`${registry}/subjects/${TOPIC}-value/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(SCHEMA) }),
  });
  const { id } = (await res.json()) as { id: number };
  expect(res.ok).toBe(true);
  const type = avro.Type.forSchema(SCHEMA as avro.Schema);
  const kafka = new Kafka({ brokers: [`127.0.0.1:${flag('--kafka-port')}`], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const messages = Array.from({ length: 6 }, (_, i) => ({ key: `g-${i}`, value: framed(id, type.toBuffer(statusOf(i))) }));
  messages.push({ key: 'stray', value: framed(987_654, Buffer.from([2, 4])) });
  await producer.send({ topic: TOPIC, acks: -1, messages });
  await producer.disconnect();
});

test('Avro records are shown decoded, found by a field search, exported decoded; an unknown id is raw with the reason', async ({ page }, testInfo) => {
  await page.goto(`${readE2eEnv().serveUrl}#/topics/${TOPIC}`);
  await page.getByTestId('browse-position').selectOption('beginning');
  await page.getByTestId('browse-load').click();
  const rows = page.getByTestId('messages-table').locator('.vtable-row');
  await expect(rows).toHaveCount(7);
  await expect(rows.first().getByTestId('record-format')).toHaveText('avro');
  await expect(rows.first()).toContainText(JSON.stringify(statusOf(0)));
  await expect(rows.last().getByTestId('record-format')).toHaveText('raw');
  await page.getByTestId('messages-panel').screenshot({ path: testInfo.outputPath('decoded-table.png') });

  await rows.nth(1).click();
  await expect(page.getByTestId('value-decoding')).toContainText(`avro · schema id`);
  await expect(page.getByTestId('value-decoding')).toContainText(`${TOPIC}-value v1`);
  await expect(page.getByTestId('record-value')).toHaveText(JSON.stringify(statusOf(1), null, 2));
  await page.getByTestId('show-raw-bytes').check();
  await expect(page.getByTestId('record-value')).toHaveText(/^00 00 00 00 [0-9a-f]{2} /);
  await rows.last().click();
  await expect(page.getByTestId('value-decoding')).toHaveAttribute('data-status', 'raw');
  await expect(page.getByTestId('value-decoding')).toContainText('schema id 987654');
  await expect(page.getByTestId('value-decoding')).toContainText('404');

  await page.getByTestId('search-expression').fill('value.garage == "Kyrre" && value.state == "FULL"');
  await page.getByTestId('search-start').click();
  await expect(page.getByTestId('search-progress')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('search-matched')).toHaveText('1');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(JSON.stringify(statusOf(3)));

  const download = page.waitForEvent('download');
  await page.getByTestId('export-jsonl').click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { value: unknown; valueFormat: string }).value)).toEqual([statusOf(3)]);
});
