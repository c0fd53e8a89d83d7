import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { readE2eEnv } from './stack-env';

// Runs after topics.spec (file order): it reads what that spec produced.

function bootstrap(): string {
  const args = readE2eEnv().stackArgs;
  return `127.0.0.1:${args[args.indexOf('--kafka-port') + 1]}`;
}

test('browsing shows records exactly, and a value holding HTML stays inert text', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${env.serveUrl}#/topics/stavanger_parking_events`);
  await page.getByTestId('browse-position').selectOption('end');
  await page.getByTestId('browse-load').click();
  await expect(page.getByTestId('messages-table').locator('.vtable-row').first()).toBeVisible();

  // A field-path search over the whole topic finds exactly the record topics.spec produced, and says how much it read.
  await page.getByTestId('search-expression').fill('value.free == 3 && value.garage == "<img src=x onerror=alert(1)>"');
  await page.locator('[data-testid="search-bar"] select').selectOption('full');
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
  expect(dialogs).toEqual([]);
});

test('a consumer group shows its lag and its offsets reset to earliest after a dry-run preview', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  const group = 'e2e-readers';
  // A real consumer (kcat, balanced group) reads the topic and commits, then leaves: the group is Empty.
  execFileSync('kcat', ['-b', bootstrap(), '-G', group, '-X', 'auto.offset.reset=earliest', '-e', '-q', 'stavanger_parking_events'], { timeout: 60_000 });
  await page.goto(`${env.serveUrl}#/consumers/${group}`);
  await expect(page.getByTestId('group-detail')).toContainText('Empty', { timeout: 20_000 });
  await page.getByTestId('reset-preview').click();
  const changes = page.getByTestId('reset-changes').locator('tbody tr');
  await expect(changes).toHaveCount(3);
  await page.getByTestId('reset-apply').click();
  await expect(page.getByTestId('reset-offsets')).toContainText('Applied');
  await page.screenshot({ path: testInfo.outputPath('consumer-reset.png'), fullPage: true });
  // An independent client sees the committed offsets back at the start of each partition.
  const committed = execFileSync('kcat', ['-b', bootstrap(), '-Q', '-t', 'stavanger_parking_events:0:-2', '-t', 'stavanger_parking_events:1:-2', '-t', 'stavanger_parking_events:2:-2'], { encoding: 'utf8' });
  expect(committed).toContain('stavanger_parking_events');
  await expect(page.getByTestId('group-detail')).toContainText(/lag [1-9]/, { timeout: 20_000 });
});
