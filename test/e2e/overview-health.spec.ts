import { expect, test } from '@playwright/test';
import { streamdesk } from './cli';
import { readE2eEnv } from './stack-env';

const CORE_TILES = ['kafka', 'zookeeper', 'flink', 'taskmanagers', 'schemaRegistry', 'connect'];

function kafkaPid(stackArgs: string[]): number {
  const status = streamdesk(['stack', 'status', '--json', ...stackArgs]);
  const parsed = JSON.parse(status.stdout) as { services: { name: string; pid: number | null }[] };
  const pid = parsed.services.find((service) => service.name === 'kafka')?.pid;
  if (!pid) throw new Error(`no Kafka pid in stack status:\n${status.stdout}\n${status.stderr}`);
  return pid;
}

test('the Overview shows every service green, Kafka red with a reason when killed, and green again after a restart', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  await page.goto(env.serveUrl);
  // The token leaves the address bar once the session cookie is set.
  await expect(page).not.toHaveURL(/token=/);

  for (const tile of CORE_TILES) await expect(page.getByTestId(`tile-${tile}`)).toHaveAttribute('data-status', 'up');
  await expect(page.getByTestId('tile-kafka')).toContainText('Brokers');
  await expect(page.getByTestId('tile-zookeeper')).toContainText('standalone');
  await expect(page.getByTestId('tile-taskmanagers')).toContainText('Slots free');
  await expect(page.getByTestId('tile-schemaRegistry')).toContainText('Subjects');
  await expect(page.getByTestId('overall')).toContainText('Up');
  await page.screenshot({ path: testInfo.outputPath('overview-green.png'), fullPage: true });

  process.kill(kafkaPid(env.stackArgs), 'SIGKILL');
  const kafkaTile = page.getByTestId('tile-kafka');
  await expect(kafkaTile).toHaveAttribute('data-status', 'down', { timeout: 20_000 });
  await expect(page.getByTestId('reason-kafka')).toContainText(/Kafka at 127\.0\.0\.1:\d+/);
  await expect(page.getByTestId('next-step')).toBeVisible();
  await expect(page.getByTestId('tile-zookeeper')).toHaveAttribute('data-status', 'up');
  await expect(page.getByTestId('statusbar-alerts')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('overview-kafka-down.png'), fullPage: true });

  const restart = streamdesk(['stack', 'up', '--native', ...env.stackArgs]);
  expect(restart.status, restart.stderr).toBe(0);
  await expect(kafkaTile).toHaveAttribute('data-status', 'up', { timeout: 60_000 });
  await expect(page.getByTestId('next-step')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('overview-recovered.png'), fullPage: true });

  // The alert fired when the broker died and cleared when it came back.
  await page.goto(`${env.serveUrl}#/alerts`);
  const alert = page.getByTestId('alerts-list').locator('tr[data-alert="broker-down"]').first();
  await expect(alert).toHaveAttribute('data-cleared', 'true', { timeout: 20_000 });
  await expect(alert).toContainText('Kafka is down');
  await page.screenshot({ path: testInfo.outputPath('alerts.png'), fullPage: true });
});

test('the Stack page lists the native services (the Schema Registry too) with their pids and ports, and Kafka UI as needing Docker', async ({
  page,
}, testInfo) => {
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/stack`);
  const rows = page.getByTestId('stack-services').locator('tbody tr[data-running]');
  await expect(rows).toHaveCount(7);
  for (const service of ['zookeeper', 'kafka', 'kafka-connect', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway', 'schema-registry']) {
    await expect(page.locator(`tr[data-service="${service}"]`)).toContainText('running');
  }
  // Kafka UI is a container image: on the native backend its row says so instead of being missing
  await expect(page.getByTestId('kafka-ui-needs-docker')).toHaveText('needs Docker');
  await expect(page.locator('tr[data-service="kafka-ui"]')).toContainText('Docker');
  await page.screenshot({ path: testInfo.outputPath('stack-page.png'), fullPage: true });
});
