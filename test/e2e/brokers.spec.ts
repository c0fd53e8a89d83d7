// The Brokers page and the quorum tile on the e2e stack (ZooKeeper mode), checked with Kafka's and ZooKeeper's own tools
// from the stack's jars: ZooKeeper's shell for the /controller znode, kafka-configs (ConfigCommand) for the configs.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { ROOT } from './cli';
import { readE2eEnv } from './stack-env';

const port = (flag: string) => {
  const args = readE2eEnv().stackArgs;
  return args[args.indexOf(flag) + 1];
};

/** A class from the ZooKeeper-mode Kafka's jars; its stdout. Not blocking: serve and the page keep running meanwhile. */
async function tool(main: string, args: string[]): Promise<string> {
  const classpath = `${path.join(ROOT, 'compose', 'native', 'lib', 'kafka-zk')}/*`;
  const { stdout } = await promisify(execFile)('java', ['-Xmx128m', '-cp', classpath, main, ...args], { encoding: 'utf8', timeout: 90_000 });
  return stdout;
}

const controllerZnode = async () => {
  const out = await tool('org.apache.zookeeper.ZooKeeperMain', ['-server', `127.0.0.1:${port('--zookeeper-port')}`, 'get', '/controller']);
  return (JSON.parse(out.split('\n').find((line) => line.startsWith('{'))!) as { brokerid: number }).brokerid;
};

const dynamicConfigs = (broker: number) =>
  tool('kafka.admin.ConfigCommand', [
    '--bootstrap-server',
    `127.0.0.1:${port('--kafka-port')}`,
    '--describe',
    '--entity-type',
    'brokers',
    '--entity-name',
    String(broker),
  ]);

test('the Brokers page names the controller ZooKeeper names, shows the ensemble, and edits a dynamic config with the broker checking it', async ({
  page,
}, testInfo) => {
  const env = readE2eEnv();
  const zookeeper = `127.0.0.1:${port('--zookeeper-port')}`;
  const controller = await controllerZnode();

  await page.goto(env.serveUrl);
  const tile = page.getByTestId('tile-quorum');
  await expect(tile).toHaveAttribute('data-status', 'up');
  await expect(tile).toContainText('ZooKeeper ensemble');
  await expect(tile).toContainText(zookeeper);
  await expect(page.getByTestId('tile-kafka')).toContainText(`#${controller}`);
  await tile.screenshot({ path: testInfo.outputPath('quorum-tile.png') });

  await page.goto(`${env.serveUrl}#/brokers/${controller}`);
  const row = page.getByTestId(`broker-${controller}`);
  await expect(row).toContainText('controller');
  await expect(row).toContainText(`127.0.0.1:${port('--kafka-port')}`);
  await expect(row).toContainText(/free of/);
  await expect(page.getByTestId('brokers-summary')).toContainText(`active controller #${controller}`);
  await expect(page.getByTestId(`quorum-voter-${zookeeper}`)).toContainText('standalone');
  await expect(page.getByTestId('quorum-leader')).toHaveText(zookeeper);
  await expect(page.getByTestId('config-group-static')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('brokers.png'), fullPage: true });

  // a bad value: the broker's refusal under the field, and kafka-configs sees nothing set
  await page.getByTestId('show-broker-defaults').check();
  await page.getByTestId('broker-config-log.cleaner.threads').getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('broker-config-value').fill('abc');
  await page.getByTestId('save-broker-config').click();
  const dialog = page.getByTestId('edit-broker-config');
  await expect(dialog.locator('.field-error')).toContainText('Invalid value abc for configuration log.cleaner.threads');
  await dialog.screenshot({ path: testInfo.outputPath('config-refused.png') });
  expect(await dynamicConfigs(controller)).not.toMatch(/log\.cleaner\.threads/);

  await page.getByTestId('broker-config-value').fill('2');
  await page.getByTestId('save-broker-config').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('broker-config-log.cleaner.threads')).toHaveAttribute('data-source', 'dynamic-broker');
  expect(await dynamicConfigs(controller)).toMatch(/log\.cleaner\.threads=2 .*DYNAMIC_BROKER_CONFIG:log\.cleaner\.threads=2/);
  await page.screenshot({ path: testInfo.outputPath('config-set.png'), fullPage: true });

  // removing the override leaves the broker as it was before this test
  await page.getByTestId('broker-config-log.cleaner.threads').getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('reset-broker-config').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('broker-config-log.cleaner.threads')).toHaveAttribute('data-source', 'default');
  expect(await dynamicConfigs(controller)).not.toMatch(/log\.cleaner\.threads/);
});
