import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readE2eEnv } from './stack-env';

const SECRET = 'e2e-Secret-Pa55word-never-shown';

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
  await page.getByTestId('profile-test').click();
  const results = page.getByTestId('profile-test-results');
  await expect(results.locator('tr[data-service="kafka"]')).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
  await expect(results.locator('tr[data-service="kafka"]')).toContainText('127.0.0.1:1');
  await page.screenshot({ path: testInfo.outputPath('profile-form-tested.png') });
  await page.getByTestId('profile-save').click();
  const saved = page.locator('[data-profile="Staging (unreachable)"]');
  await expect(saved).toContainText('SCRAM-SHA-512 as alice');

  // The secret is nowhere in the page, nor in plain text in the files StreamDesk wrote.
  expect(await page.content()).not.toContain(SECRET);
  const configDir = path.join(env.dataDir, 'config');
  for (const file of readdirSync(configDir)) expect(readFileSync(path.join(configDir, file)).toString('latin1')).not.toContain(SECRET);

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
