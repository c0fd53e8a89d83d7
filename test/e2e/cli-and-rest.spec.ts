import { expect, test } from '@playwright/test';
import { streamdesk } from './cli';
import { readE2eEnv } from './stack-env';

test('`streamdesk status --json` reports Kafka, ZooKeeper, Flink and the Schema Registry up, one entry per service', () => {
  const env = readE2eEnv();
  const result = streamdesk(['status', '--json', ...env.stackArgs]);
  expect(result.status, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as Record<string, { status: string; reason: string } | string>;
  expect(report.overall).toBe('up');
  for (const service of ['kafka', 'zookeeper', 'flink', 'taskmanagers']) {
    expect(report[service]).toMatchObject({ status: 'up', reason: '' });
  }
  expect(report.kafkaUi).toMatchObject({ status: 'not-configured' });
  const registryPort = env.stackArgs[env.stackArgs.indexOf('--registry-port') + 1];
  expect(report.schemaRegistry).toMatchObject({ status: 'up', reason: '', url: `http://127.0.0.1:${registryPort}/apis/ccompat/v7` });
  expect((report.schemaRegistry as unknown as { subjects: unknown }).subjects).toEqual(expect.any(Number));
  const connectPort = env.stackArgs[env.stackArgs.indexOf('--connect-port') + 1];
  expect(report.connect).toMatchObject({ status: 'up', reason: '', urls: [`http://127.0.0.1:${connectPort}`], workers: 1 });
});

test('a later command over the same data dir finds the stack on the ports it was started on, without the port flags', () => {
  const env = readE2eEnv();
  const flag = (name: string) => Number(env.stackArgs[env.stackArgs.indexOf(name) + 1]);
  const stack = streamdesk(['stack', 'status', '--json', '--data-dir', env.dataDir]);
  expect(stack.status, stack.stderr).toBe(0);
  const services = (JSON.parse(stack.stdout) as { services: { name: string; running: boolean; port: number }[] }).services;
  expect(services.map((s) => [s.name, s.running, s.port])).toEqual([
    ['zookeeper', true, flag('--zookeeper-port')],
    ['kafka', true, flag('--kafka-port')],
    ['kafka-connect', true, flag('--connect-port')],
    ['flink-jobmanager', true, flag('--flink-port')],
    ['flink-taskmanager', true, flag('--flink-port')],
    ['flink-sql-gateway', true, flag('--sql-gateway-port')],
    ['schema-registry', true, flag('--registry-port')],
  ]);
  const health = streamdesk(['status', '--json', '--data-dir', env.dataDir]);
  expect(health.status, health.stderr).toBe(0);
  expect(JSON.parse(health.stdout)).toMatchObject({
    overall: 'up',
    kafka: { status: 'up' },
    zookeeper: { status: 'up' },
    flink: { status: 'up' },
    schemaRegistry: { status: 'up', url: `http://127.0.0.1:${flag('--registry-port')}/apis/ccompat/v7` },
    connect: { status: 'up', urls: [`http://127.0.0.1:${flag('--connect-port')}`] },
  });
});

test('GET /api/streaming/status answers 401 without the token and the health with it', async ({ request }) => {
  const env = readE2eEnv();
  const url = new URL(env.serveUrl);
  const token = url.searchParams.get('token')!;
  const bare = await request.get(`${url.origin}/api/streaming/status`);
  expect(bare.status()).toBe(401);
  const authorized = await request.get(`${url.origin}/api/streaming/status`, { headers: { Authorization: `Bearer ${token}` } });
  expect(authorized.status()).toBe(200);
  const body = (await authorized.json()) as { overall: string; kafka: { status: string } };
  expect(body.kafka.status).toBe('up');
});

test('the dark theme follows the OS', async ({ browser }, testInfo) => {
  const env = readE2eEnv();
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.goto(env.serveUrl);
  await expect(page.getByTestId('tile-kafka')).toHaveAttribute('data-status', 'up');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(17, 20, 24)');
  await page.screenshot({ path: testInfo.outputPath('overview-dark.png'), fullPage: true });
  await context.close();
});
