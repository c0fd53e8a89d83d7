import { execFileSync } from 'node:child_process';
import avro from 'avsc';
import { expect, test } from '@playwright/test';
import { call } from './contract-call';
import { readE2eEnv } from './stack-env';

// Producing with a schema in the UI against the local stack's Apicurio: what the modal and the
// generator write is read back raw by kcat and decoded by avsc with the schema the registry's own
// REST API serves for the id in the bytes. Topic and subject names are this spec's own.
const STAMP = Date.now();
const TOPIC = `e2e-produce-schema-${STAMP}`;
const SUBJECT = `${TOPIC}-value`;
const V1 = {
  type: 'record',
  name: 'Spot',
  namespace: 'e2e',
  fields: [
    { name: 'garage', type: 'string' },
    { name: 'free', type: 'int' },
    { name: 'at', type: 'long' },
  ],
};
const V2 = { ...V1, fields: [...V1.fields, { name: 'zone', type: 'string', default: 'centre' }] };

function stackArg(flag: string): string {
  const { stackArgs } = readE2eEnv();
  return stackArgs[stackArgs.indexOf(flag) + 1];
}
const registry = () => `http://127.0.0.1:${stackArg('--registry-port')}/apis/ccompat/v7`;
const kcat = (topic: string, ...args: string[]) =>
  execFileSync('kcat', ['-b', `127.0.0.1:${stackArg('--kafka-port')}`, '-C', '-t', topic, '-e', '-q', ...args], { timeout: 60_000 });

/** The record at partition 0, offset `offset`, raw, decoded with avsc and the schema its id names in the registry. */
async function decodedAt(topic: string, offset: number): Promise<{ id: number; value: unknown }> {
  const raw = kcat(topic, '-p', '0', '-o', String(offset), '-c', '1', '-f', '%s');
  expect(raw[0]).toBe(0);
  const id = raw.readUInt32BE(1);
  const { schema } = (await (await fetch(`${registry()}/schemas/ids/${id}`)).json()) as { schema: string };
  return { id, value: { ...(avro.Type.forSchema(JSON.parse(schema) as avro.Schema).fromBuffer(raw.subarray(5)) as object) } };
}

test('produce with a chosen subject, the field that does not fit beside the value, register a new version first — read back by kcat and avsc', async ({
  page,
}, testInfo) => {
  const env = readE2eEnv();
  const v1 = (await (
    await fetch(`${registry()}/subjects/${SUBJECT}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schema: JSON.stringify(V1) }),
    })
  ).json()) as { id: number };
  await call('topics:create', { name: TOPIC, partitions: 1, replicationFactor: 1, retentionHours: 1, cleanupPolicy: 'delete', configs: {} });
  await page.goto(`${env.serveUrl}#/topics/${TOPIC}`);
  await page.getByTestId('open-produce').click();
  const modal = page.getByTestId('produce-modal');
  await page.getByTestId('produce-subject').selectOption(SUBJECT);
  await expect(page.getByTestId('produce-schema-text')).toContainText('"Spot"');

  await page.getByTestId('produce-value').fill(JSON.stringify({ garage: 'Kyrre', free: 'ten', at: 1764979200000 }));
  await page.getByTestId('produce-submit').click();
  await expect(modal.locator('.field-error')).toHaveText('value.free: expected int, got "ten"');
  await modal.locator('.field-error').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('produce-schema-error.png') });
  expect(kcat(TOPIC, '-f', 'x\n').toString()).toBe(''); // nothing written

  const value = { garage: 'Kyrre', free: 12, at: 1764979200000 };
  await page.getByTestId('produce-value').fill(JSON.stringify(value));
  await page.getByTestId('produce-submit').click();
  await expect(page.getByTestId('produce-result')).toContainText(`${SUBJECT} v1, id ${v1.id}`);
  expect(await decodedAt(TOPIC, 0)).toEqual({ id: v1.id, value });

  await page.getByTestId('produce-register-first').check();
  await page.getByTestId('produce-new-schema').fill(JSON.stringify(V2, null, 2));
  const zoned = { ...value, zone: 'harbour' };
  await page.getByTestId('produce-value').fill(JSON.stringify(zoned));
  await page.getByTestId('produce-submit').click();
  await expect(page.getByTestId('produce-result')).toContainText(`${SUBJECT} v2`, { timeout: 20_000 });
  expect(await (await fetch(`${registry()}/subjects/${SUBJECT}/versions`)).json()).toEqual([1, 2]);
  const v2 = (await (await fetch(`${registry()}/subjects/${SUBJECT}/versions/2`)).json()) as { id: number };
  expect(await decodedAt(TOPIC, 1)).toEqual({ id: v2.id, value: zoned });
  await page.screenshot({ path: testInfo.outputPath('produce-schema-registered.png') });
});

test('the generator writes Avro with a schema it registers under <topic>-value — read back by kcat and avsc', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const topic = `e2e-generator-avro-${STAMP}`;
  await call('topics:create', { name: topic, partitions: 1, replicationFactor: 1, retentionHours: 1, cleanupPolicy: 'delete', configs: {} });
  await page.goto(`${env.serveUrl}#/topics/${topic}`);
  await page.getByTestId('generator-kind').selectOption('stavanger-parking');
  await page.getByTestId('generator-encoding').selectOption('avro');
  await page.getByTestId('generator-rate-input').fill('50');
  await page.getByTestId('generator-start').click();
  const row = page.getByTestId('generator-row').first();
  await expect(row.getByTestId('generator-encoding-text')).toContainText(`Avro · ${topic}-value v1`);
  await expect.poll(async () => Number(await row.getByTestId('generator-sent').textContent()), { timeout: 20_000 }).toBeGreaterThan(20);
  await page.getByTestId('generator-panel').screenshot({ path: testInfo.outputPath('generator-avro.png') });
  await row.getByTestId('generator-stop').click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  const latest = (await (await fetch(`${registry()}/subjects/${topic}-value/versions/latest`)).json()) as { id: number };
  const first = await decodedAt(topic, 0);
  expect(first.id).toBe(latest.id);
  const record = first.value as { garage: string; capacity: number; free: number; occupied: number; event_time: number };
  expect(record.free + record.occupied).toBe(record.capacity);
  expect(Math.abs(record.event_time - Date.now())).toBeLessThan(120_000);
});
