import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readE2eEnv } from './stack-env';

const SECRET = 'e2e-Secret-Pa55word-never-shown';
const REGISTRY_SECRET = 'e2e-Registry-Pa55word-never-shown';

test('a saved profile keeps its secret sealed, tests each service, and switching it switches the Overview live', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/profiles`);
  await expect(page.locator('[data-profile="Local stack"]')).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('secret-storage')).toContainText('key');

  await page.getByTestId('new-profile').click();
  const form = page.getByTestId('profile-form');
  await form.locator('input[name="name"]').fill('Staging (unreachable)');
  await form.locator('input[name="bootstrap"]').fill('not a host');
  await page.getByTestId('profile-save').click();
  await expect(form).toContainText('Bootstrap server must be host:port');

  await form.locator('input[name="bootstrap"]').fill('127.0.0.1:1');
  await form.locator('select[name="mechanism"]').selectOption('scram-sha-512');
  await form.locator('input[name="username"]').fill('alice');
  await form.locator('input[type="password"]').first().fill(SECRET);
  // a registry with basic sign-in: its form checks name their field, its test reports on its own row
  await form.locator('input[name="schemaRegistryUrl"]').fill('registry:8081');
  await page.getByTestId('profile-save').click();
  await expect(form).toContainText('Schema Registry URL must be an http:// or https:// URL');
  await form.locator('input[name="schemaRegistryUrl"]').fill('http://127.0.0.1:1/apis/ccompat/v7');
  await form.locator('select[name="schemaRegistryAuth"]').selectOption('basic');
  await page.getByTestId('profile-test').click();
  await expect(form).toContainText('Schema Registry username is required for basic authentication');
  await form.locator('input[name="schemaRegistryUsername"]').fill('registry-user');
  await form.locator('input[type="password"]').nth(1).fill(REGISTRY_SECRET);
  await page.getByTestId('profile-test').click();
  const results = page.getByTestId('profile-test-results');
  await expect(results.locator('tr[data-service="kafka"]')).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
  await expect(results.locator('tr[data-service="kafka"]')).toContainText('127.0.0.1:1');
  await expect(results.locator('tr[data-service="schemaRegistry"]')).toHaveAttribute('data-status', 'failed');
  await expect(results.locator('tr[data-service="schemaRegistry"]')).toContainText('did not answer');
  await page.screenshot({ path: testInfo.outputPath('profile-form-tested.png') });
  await page.getByTestId('profile-save').click();
  const saved = page.locator('[data-profile="Staging (unreachable)"]');
  await expect(saved).toContainText('SCRAM-SHA-512 as alice');
  await expect(saved).toContainText('Schema Registry http://127.0.0.1:1/apis/ccompat/v7');

  // The secrets are nowhere in the page, nor in plain text in the files StreamDesk wrote.
  const configDir = path.join(env.dataDir, 'config');
  for (const secret of [SECRET, REGISTRY_SECRET]) {
    expect(await page.content()).not.toContain(secret);
    for (const file of readdirSync(configDir)) expect(readFileSync(path.join(configDir, file)).toString('latin1')).not.toContain(secret);
  }

  await saved.getByRole('button', { name: 'Use' }).click();
  await expect(saved).toHaveAttribute('data-active', 'true');
  await page.goto(`${env.serveUrl}#/overview`);
  await expect(page.getByTestId('tile-kafka')).toHaveAttribute('data-status', 'down', { timeout: 20_000 });
  await expect(page.getByTestId('reason-kafka')).toContainText('127.0.0.1:1');
  await page.screenshot({ path: testInfo.outputPath('overview-remote-profile.png'), fullPage: true });

  await page.goto(`${env.serveUrl}#/profiles`);
  await page.locator('[data-profile="Local stack"]').getByRole('button', { name: 'Use' }).click();
  await page.goto(`${env.serveUrl}#/overview`);
  await expect(page.getByTestId('tile-kafka')).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('profiles-page.png'), fullPage: true });
});
