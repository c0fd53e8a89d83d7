import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { readE2eEnv } from './stack-env';
import { call } from './contract-call';

function bootstrap(): string {
  const args = readE2eEnv().stackArgs;
  return `127.0.0.1:${args[args.indexOf('--kafka-port') + 1]}`;
}

/** Records in a topic, counted by kcat (an independent client), not by StreamDesk. */
function kcatCount(topic: string): number {
  const out = execFileSync('kcat', ['-b', bootstrap(), '-C', '-t', topic, '-e', '-q', '-f', 'x\n'], { encoding: 'utf8', timeout: 60_000 });
  return out.split('\n').filter(Boolean).length;
}

async function openTopics(page: Page): Promise<void> {
  await page.goto(`${readE2eEnv().serveUrl}#/topics`);
  await expect(page.getByTestId('topics-table')).toBeVisible();
}

test('the preset topics are applied with one action, idempotently', async ({ page }, testInfo) => {
  await openTopics(page);
  const panel = page.getByTestId('preset-topics-panel');
  // Missing on a fresh stack; an earlier spec may already have created it (a pipeline's source topic).
  await expect(panel.locator('tr[data-preset-topic="data_quality_alerts"]')).toHaveAttribute('data-state', /missing|ok/);
  await page.getByTestId('apply-preset-topics').click();
  for (const topic of ['stavanger_parking_events', 'data_quality_alerts', 'system_metrics']) {
    await expect(panel.locator(`tr[data-preset-topic="${topic}"]`)).toHaveAttribute('data-state', 'ok');
    await expect(page.locator(`[data-topic="${topic}"]`)).toBeVisible();
  }
  await expect(page.locator('[data-topic="data_quality_alerts"]')).toContainText('compact');
  await expect(page.locator('[data-topic="stavanger_parking_events"]')).toContainText('7 days');
  await page.getByTestId('apply-preset-topics').click();
  await expect(panel).toContainText('Nothing to do');
  await page.screenshot({ path: testInfo.outputPath('topics-preset.png'), fullPage: true });
});

test('the Create Topic modal names the bad field, then creates the topic', async ({ page }, testInfo) => {
  await openTopics(page);
  await page.getByTestId('open-create-topic').click();
  const modal = page.getByTestId('create-topic-modal');
  await modal.locator('input[name="name"]').fill('bad name!');
  await modal.locator('input[name="replicationFactor"]').fill('3');
  await page.getByTestId('create-topic-submit').click();
  await expect(modal).toContainText('Topic name may contain only letters');
  await page.screenshot({ path: testInfo.outputPath('create-topic-invalid.png') });

  await modal.locator('input[name="name"]').fill('e2e.sensor-readings');
  await page.getByTestId('create-topic-submit').click();
  await expect(modal).toContainText('3 is more than the 1 broker in the cluster');
  await modal.locator('input[name="replicationFactor"]').fill('1');
  await modal.locator('input[name="partitions"]').fill('4');
  await modal.locator('input[name="retentionHours"]').fill('48');
  await modal.locator('select[name="cleanupPolicy"]').selectOption('compact,delete');
  await page.screenshot({ path: testInfo.outputPath('create-topic-filled.png') });
  await page.getByTestId('create-topic-submit').click();

  await expect(page.getByTestId('topic-title')).toHaveText('e2e.sensor-readings');
  await expect(page.getByTestId('partitions-table').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('configs-table')).toContainText('172800000');
  await page.getByRole('link', { name: '← Topics' }).click();
  await page.getByTestId('topic-filter').fill('sensor');
  await expect(page.locator('[data-topic="e2e.sensor-readings"]')).toContainText('2 days');
});

test('the generator streams records, its counts are exact, and a produced message lands', async ({ page }, testInfo) => {
  await page.goto(`${readE2eEnv().serveUrl}#/topics/stavanger_parking_events`);
  await expect(page.getByTestId('topic-title')).toHaveText('stavanger_parking_events');
  await page.getByTestId('generator-rate-input').fill('200');
  await page.getByTestId('generator-start').click();
  const row = page.getByTestId('generator-row').first();
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => Number((await row.getByTestId('generator-sent').textContent())?.replace(/,/g, '')), { timeout: 20_000 }).toBeGreaterThan(300);
  await expect.poll(async () => Number((await page.getByTestId('topic-messages').textContent())?.replace(/,/g, '')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('generator-running.png'), fullPage: true });
  await row.getByTestId('generator-stop').click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  const sent = Number((await row.getByTestId('generator-sent').textContent())?.replace(/,/g, ''));
  await expect(row.getByTestId('generator-failed')).toHaveText('0');
  expect(kcatCount('stavanger_parking_events')).toBe(sent);

  await page.getByTestId('open-produce').click();
  const modal = page.getByTestId('produce-modal');
  await modal.locator('textarea').fill('{"garage": "Kyrre", ');
  await page.getByTestId('produce-submit').click();
  await expect(modal).toContainText('is not valid JSON');
  await modal.locator('textarea').fill('{"garage": "<img src=x onerror=alert(1)>", "free": 3}');
  await page.getByTestId('produce-submit').click();
  await expect(page.getByTestId('produce-result')).toContainText('offset');
  await page.screenshot({ path: testInfo.outputPath('produce-modal.png') });
  expect(kcatCount('stavanger_parking_events')).toBe(sent + 1);
});

test('the Overview charts live throughput while a generator runs', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/topics/stavanger_parking_events`);
  await page.getByTestId('generator-rate-input').fill('150');
  await page.getByTestId('generator-start').click();
  await page.goto(`${env.serveUrl}#/overview`);
  await expect(page.getByTestId('flow-indicator')).toHaveAttribute('data-flowing', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('chart-messages').locator('.chart-plot[data-series="1"]')).toBeVisible({ timeout: 20_000 });
  // from the broker's JMX exporter: MB/s in and out, requests and error responses
  await expect(page.getByTestId('chart-bytes').locator('.chart-plot[data-series="2"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('chart-requests').locator('.chart-plot[data-series="2"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('chart-requests').locator('.chart-current')).toHaveText(/^[1-9][\d,.]*\/s$/);
  await expect(page.getByTestId('chart-lag')).toBeVisible();
  await expect(page.getByTestId('throughput')).toContainText('stavanger_parking_events');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: testInfo.outputPath('overview-live-charts.png'), fullPage: true });
  // the topic's own charts: its messages/s near the generator's rate, its bytes in and out, its produce and fetch requests
  await page.goto(`${env.serveUrl}#/topics/stavanger_parking_events`);
  await expect(page.getByTestId('topic-chart').locator('.chart-current')).toHaveText(/^1[0-9]{2}\/s$/, { timeout: 20_000 });
  await expect(page.getByTestId('topic-flow-indicator')).toHaveAttribute('data-flowing', 'true');
  await expect(page.getByTestId('topic-chart-bytes').locator('.chart-plot[data-series="2"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('topic-chart-requests').locator('.chart-plot[data-series="2"]')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('topic-chart').screenshot({ path: testInfo.outputPath('topic-live-chart.png') });
  await page.getByTestId('generator-stop').first().click();
  await expect(page.getByTestId('generator-row').first()).toHaveAttribute('data-state', 'stopped');
  await expect(page.getByTestId('topic-flow-indicator')).toContainText(/No data for \d+ s/, { timeout: 20_000 });
});

test('Purge records previews what goes per partition, asks for the name, and leaves exactly the rest (kcat)', async ({ page }, testInfo) => {
  const topic = 'e2e.purge';
  await call('topics:create', { name: topic, partitions: 2, replicationFactor: 1, retentionHours: 1, cleanupPolicy: 'delete' });
  for (const partition of [0, 1]) {
    const lines = Array.from({ length: 40 }, (_, i) => `p${partition}-${i}`).join('\n');
    execFileSync('kcat', ['-b', bootstrap(), '-P', '-t', topic, '-p', String(partition)], { input: `${lines}\n`, timeout: 30_000 });
  }
  await page.goto(`${readE2eEnv().serveUrl}#/topics/${topic}`);
  await page.getByTestId('open-purge').click();
  const modal = page.getByTestId('purge-modal');
  await page.getByTestId('purge-offset').fill('25');
  await modal.locator('input[placeholder="all"]').fill('1');
  await page.getByTestId('purge-preview-button').click();
  const preview = page.getByTestId('purge-preview');
  await expect(preview.locator('tbody tr')).toHaveCount(1);
  await expect(preview.locator('tbody tr').first()).toContainText('25');
  await expect(page.getByTestId('purge-apply')).toBeDisabled();
  await page.getByTestId('purge-confirm').fill(topic);
  await page.screenshot({ path: testInfo.outputPath('purge-preview.png') });
  await page.getByTestId('purge-apply').click();
  await expect(modal).toBeHidden();
  expect(kcatCount(topic)).toBe(40 + 15);
});
