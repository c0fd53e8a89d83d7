import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readE2eEnv } from './stack-env';

// Runs after every other spec (its own project in playwright.config.ts, which depends on theirs): it stops, resets and restarts the stack they use.

function portOf(flag: string): number {
  const args = readE2eEnv().stackArgs;
  return Number(args[args.indexOf(flag) + 1]);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

function rows(page: Page): Locator {
  return page.getByTestId('stack-services').locator('tbody tr[data-running]');
}

test('Stop frees every port, a taken port stops a start before anything runs, Reset empties the data, Start brings every service back', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/stack`);
  await expect(page.getByTestId('stack-backend')).toContainText('Docker Compose');
  await expect(page.locator('tr[data-service="schema-registry"]')).toHaveAttribute('data-running', 'true');
  await page.screenshot({ path: testInfo.outputPath('stack-running.png'), fullPage: true });

  await page.getByTestId('stack-stop').click();
  for (const row of await rows(page).all()) await expect(row).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  for (const flag of ['--kafka-port', '--zookeeper-port', '--flink-port', '--registry-port']) expect(await portAnswers(portOf(flag))).toBe(false);

  // Another program on the Kafka port (it hangs up on whoever connects, so close() never waits).
  const squatter = net.createServer((socket) => socket.destroy()).listen(portOf('--kafka-port'), '127.0.0.1');
  try {
    await new Promise((resolve) => squatter.once('listening', resolve));
    await page.reload();
    await expect(page.getByTestId('port-taken-kafka')).toContainText(`pid ${process.pid}`, { timeout: 15_000 });
    await page.getByTestId('stack-start').click();
    await expect(page.getByTestId('stack-error')).toContainText(`Nothing was started: port ${portOf('--kafka-port')} (kafka) is taken by pid ${process.pid}`);
    for (const row of await rows(page).all()) await expect(row).toHaveAttribute('data-running', 'false');
    await page.screenshot({ path: testInfo.outputPath('stack-port-taken.png'), fullPage: true });
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }

  expect(existsSync(path.join(env.dataDir, 'kafka'))).toBe(true);
  expect(existsSync(path.join(env.dataDir, 'registry'))).toBe(true);
  await page.getByRole('button', { name: 'Reset data' }).click();
  await page.getByTestId('reset-dialog').locator('input').fill('reset');
  await page.getByRole('button', { name: 'Delete all data' }).click();
  await expect(page.getByTestId('reset-dialog')).toHaveCount(0);
  expect(existsSync(path.join(env.dataDir, 'kafka'))).toBe(false);
  expect(existsSync(path.join(env.dataDir, 'zookeeper'))).toBe(false);
  expect(existsSync(path.join(env.dataDir, 'registry'))).toBe(false);
  expect(existsSync(path.join(env.dataDir, 'connect'))).toBe(false);

  await page.getByTestId('stack-start').click();
  for (const row of await rows(page).all()) await expect(row).toHaveAttribute('data-running', 'true', { timeout: 180_000 });
  await page.goto(`${env.serveUrl}#/overview`);
  for (const tile of ['kafka', 'zookeeper', 'flink', 'taskmanagers', 'schemaRegistry', 'connect'])
    await expect(page.getByTestId(`tile-${tile}`)).toHaveAttribute('data-status', 'up', { timeout: 60_000 });
  // The data was really reset: the topics of the earlier specs are gone; the three left are the ones the Connect worker
  // keeps its state in, made afresh when it started (its connectors went with the reset too)
  await expect(page.getByTestId('tile-kafka')).toContainText(/TOPICS\s*3|Topics\s*3/i);
  await expect(page.getByTestId('tile-connect')).toContainText(/RUNNING\s*0|Running\s*0/i);
  await expect(page.getByTestId('tile-schemaRegistry')).toContainText(/SUBJECTS\s*0|Subjects\s*0/i);
});

test('a killed service is reported on the Stack page and restarted from there', async ({ page }, testInfo) => {
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/stack`);
  const row = page.locator('tr[data-service="flink-taskmanager"]');
  await expect(row).toHaveAttribute('data-running', 'true');
  const pid = Number(await row.locator('td').nth(2).textContent());
  process.kill(pid, 'SIGKILL');
  await expect(row).toHaveAttribute('data-running', 'false', { timeout: 15_000 });
  await page.screenshot({ path: testInfo.outputPath('stack-service-killed.png'), fullPage: true });
  await page.getByTestId('restart-flink-taskmanager').click();
  await expect(row).toHaveAttribute('data-running', 'true', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Log' }).first().click();
  await expect(page.getByTestId('log-view')).toContainText('following');
  await page.screenshot({ path: testInfo.outputPath('stack-log.png') });
});
