// ACLs in Chromium on a secured stack of the spec's own (`streamdesk stack up --native --secure`: SASL/SCRAM-SHA-512 and
// AclAuthorizer; the shared e2e stack runs no authorizer). A user is created on the Users page with a generated password,
// a binding on the ACLs page, the checker answers for it, kcat signed in as that user agrees (produce allowed here,
// refused on another topic), and a delete filter's preview lists exactly the binding it then removes.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startServe, streamdesk } from './cli';
import { freePort } from './stack-env';

const NOT_AUTHORIZED = /Topic authorization failed|Not authorized to access topics|TopicAuthorizationException/i;
let dataDir: string;
let stackArgs: string[];
let serve: Awaited<ReturnType<typeof startServe>> | undefined;
let kafkaPort: number;

async function kcatAs(user: string, password: string, args: string[], input: string): Promise<string> {
  const sasl = [
    '-X',
    'security.protocol=SASL_PLAINTEXT',
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    `sasl.username=${user}`,
    '-X',
    `sasl.password=${password}`,
  ];
  const child = promisify(execFile)('kcat', ['-b', `127.0.0.1:${kafkaPort}`, ...sasl, ...args], { encoding: 'utf8', timeout: 60_000 });
  child.child.stdin?.end(input);
  try {
    const r = await child;
    return r.stdout + r.stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''} (failed)`;
  }
}

test.beforeAll(async () => {
  test.setTimeout(400_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'streamdesk-e2e-acls-'));
  kafkaPort = await freePort();
  stackArgs = ['--data-dir', dataDir, '--kafka-port', String(kafkaPort)];
  for (const flag of ['--zookeeper-port', '--flink-port', '--exporter-port', '--sql-gateway-port', '--registry-port', '--connect-port']) {
    stackArgs.push(flag, String(await freePort()));
  }
  // its own profiles (and so the super user's sealed password) in its own config dir
  process.env.STREAMDESK_CONFIG_DIR = path.join(dataDir, 'config');
  const up = streamdesk(['stack', 'up', '--native', '--secure', ...stackArgs], 400_000);
  if (up.status !== 0) {
    streamdesk(['stack', 'down', ...stackArgs]);
    throw new Error(`stack up --secure failed:\n${up.stdout}\n${up.stderr}`);
  }
  serve = await startServe(['--port', String(await freePort()), ...stackArgs]);
});

test.afterAll(async () => {
  serve?.child.kill('SIGTERM');
  streamdesk(['stack', 'down', ...stackArgs]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Through serve's contract route, signed in as the super user like the page. */
async function createTopic(name: string): Promise<void> {
  const url = new URL(serve!.url);
  const token = url.searchParams.get('token')!;
  const response = await fetch(`${url.origin}/api/call/topics:create`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, partitions: 1, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' }),
  });
  expect(response.status, await response.text()).toBe(200);
}

async function createUser(page: Page, name: string): Promise<string> {
  await page.goto(serve!.url.replace(/#.*$/, '') + '#/users');
  await page.getByTestId('user-name').fill(name);
  await page.getByTestId('user-create').click();
  await expect(page.getByTestId('user-done')).toContainText(`User ${name} created`);
  const password = (await page.getByTestId('generated-password').textContent())!;
  await expect(page.getByTestId(`user-${name}`)).toContainText('SCRAM-SHA-512 (8192)');
  return password;
}

test('create a user and an ACL, the checker and kcat agree, a delete is previewed first', async ({ page }, testInfo) => {
  const password = await createUser(page, 'erin');
  await page.getByTestId('quota-user').fill('erin');
  await page.getByTestId('quota-produce').fill('fast');
  await page.getByTestId('quota-set').click();
  await expect(page.getByTestId('quotas')).toContainText('expected number');
  await page.getByTestId('quota-produce').fill('1048576');
  await page.getByTestId('quota-set').click();
  await expect(page.getByTestId('quotas-table')).toContainText('1,048,576');
  await page.screenshot({ path: testInfo.outputPath('users.png'), fullPage: true });
  for (const topic of ['e2e.allowed', 'e2e.other']) await createTopic(topic);

  await page.goto(serve!.url.replace(/#.*$/, '') + '#/acls');
  await page.getByTestId('acl-principal').fill('User:erin');
  await page.getByTestId('acl-operation').selectOption('write');
  await page.getByTestId('acl-resource-name').fill('e2e.allowed');
  await page.getByTestId('acl-create').click();
  await expect(page.getByTestId('acl-created')).toContainText('allow User:erin write on topic e2e.allowed');
  await expect(page.getByTestId('acls-table')).toContainText('User:erin');

  // a name the contract refuses is named beside its field, and nothing is added
  await page.getByTestId('acl-principal').fill('erin');
  await page.getByTestId('acl-create').click();
  await expect(page.getByTestId('create-acl')).toContainText('must be a principal such as User:alice');

  await page.getByTestId('check-principal').fill('User:erin');
  await page.getByTestId('check-operation').selectOption('write');
  await page.getByTestId('check-resource-name').fill('e2e.allowed');
  await page.getByTestId('check-run').click();
  await expect(page.getByTestId('check-verdict')).toContainText('Allowed');
  await expect(page.getByTestId('check-decided-by')).toContainText('e2e.allowed');
  await page.screenshot({ path: testInfo.outputPath('acl-check-allowed.png'), fullPage: true });
  await page.getByTestId('check-resource-name').fill('e2e.other');
  await page.getByTestId('check-run').click();
  await expect(page.getByTestId('check-verdict')).toContainText('Denied');

  // kcat signed in as erin agrees with the checker
  expect(await kcatAs('erin', password, ['-P', '-t', 'e2e.allowed', '-m', '15'], 'hello\n')).not.toMatch(NOT_AUTHORIZED);
  expect(await kcatAs('erin', password, ['-P', '-t', 'e2e.other', '-m', '15'], 'hello\n')).toMatch(NOT_AUTHORIZED);

  await page.getByTestId('delete-principal').fill('User:erin');
  await page.getByTestId('delete-acls-preview').click();
  await expect(page.getByTestId('delete-acls-would-remove')).toContainText('Would remove 1');
  await expect(page.getByTestId('delete-acls-bindings').getByTestId('acl-row')).toHaveCount(1);
  await page.getByTestId('delete-acls-would-remove').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('acl-delete-preview.png'), fullPage: true });
  await page.getByTestId('delete-acls-apply').click();
  await expect(page.getByTestId('delete-acls-removed')).toContainText('Removed 1');
  await expect(page.getByTestId('acls-table-empty')).toBeVisible();
  expect(await kcatAs('erin', password, ['-P', '-t', 'e2e.allowed', '-m', '15'], 'hello\n')).toMatch(NOT_AUTHORIZED);
});
