import { execFileSync } from 'node:child_process';
import avro from 'avsc';
import { expect, test } from '@playwright/test';
import { call } from './contract-call';
import { readE2eEnv } from './stack-env';

// Issue #16's whole path in one flow, against the local stack's Apicurio: a schema registered on
// the Schemas page, a record produced with it in the produce modal, that record shown decoded in
// the messages table and found again by a field search. kcat and avsc (with the schema the
// registry's own REST API serves for the id in the bytes) check what was written.
const TOPIC = `e2e-roundtrip-${Date.now()}`;
const SUBJECT = `${TOPIC}-value`;
const SCHEMA = {
  type: 'record',
  name: 'Bay',
  namespace: 'e2e.roundtrip',
  fields: [
    { name: 'garage', type: 'string' },
    { name: 'free', type: 'int' },
  ],
};

function stackArg(flag: string): string {
  const { stackArgs } = readE2eEnv();
  return stackArgs[stackArgs.indexOf(flag) + 1];
}

test('register on the Schemas page, produce with it, see it decoded in the table, find it by a field search', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  await call('topics:create', { name: TOPIC, partitions: 1, replicationFactor: 1, retentionHours: 1, cleanupPolicy: 'delete', configs: {} });

  await page.goto(`${env.serveUrl}#/schemas`);
  await page.getByTestId('new-subject').click();
  const newSubject = page.getByTestId('new-subject-modal');
  await newSubject.locator('input[name="subject"]').fill(SUBJECT);
  await newSubject.locator('textarea[name="schema"]').fill(JSON.stringify(SCHEMA, null, 2));
  await page.getByTestId('register-subject').click();
  await expect(page.getByTestId('subject-name')).toHaveText(SUBJECT);

  await page.goto(`${env.serveUrl}#/topics/${TOPIC}`);
  await page.getByTestId('open-produce').click();
  await page.getByTestId('produce-subject').selectOption(SUBJECT);
  for (const [i, garage] of ['Kyrre', 'Nordre', 'Kyrre'].entries()) {
    await page.getByTestId('produce-value').fill(JSON.stringify({ garage, free: 10 + i }));
    await page.getByTestId('produce-submit').click();
    await expect(page.getByTestId('produce-result')).toContainText(`offset ${i}`);
  }
  await page.keyboard.press('Escape');

  // independently: the bytes kcat reads decode with avsc and the registry's schema for their id
  const raw = execFileSync('kcat', ['-b', `127.0.0.1:${stackArg('--kafka-port')}`, '-C', '-t', TOPIC, '-p', '0', '-o', '1', '-c', '1', '-e', '-q', '-f', '%s']);
  const registry = `http://127.0.0.1:${stackArg('--registry-port')}/apis/ccompat/v7`;
  const { schema } = (await (await fetch(`${registry}/schemas/ids/${raw.readUInt32BE(1)}`)).json()) as { schema: string };
  expect({ ...(avro.Type.forSchema(JSON.parse(schema) as avro.Schema).fromBuffer(raw.subarray(5)) as object) }).toEqual({ garage: 'Nordre', free: 11 });

  await page.getByTestId('browse-position').selectOption('beginning');
  await page.getByTestId('browse-load').click();
  const rows = page.getByTestId('messages-table').locator('.vtable-row');
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row.getByTestId('record-format')).toHaveText('avro');
  await expect(rows.nth(1)).toContainText('{"garage":"Nordre","free":11}');

  await page.getByTestId('search-expression').fill('value.garage == "Kyrre" && value.free > 10');
  await page.getByTestId('search-start').click();
  await expect(page.getByTestId('search-progress')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('search-matched')).toHaveText('1');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('{"garage":"Kyrre","free":12}');
  await page.getByTestId('messages-panel').screenshot({ path: testInfo.outputPath('roundtrip-found.png') });
});
