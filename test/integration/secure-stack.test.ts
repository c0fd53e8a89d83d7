// `streamdesk stack up --brokers 3 --secure` in both modes, checked with tools no one here wrote. ZooKeeper mode
// (Kafka 3.9): kcat signed in with SASL/SCRAM-SHA-512 as the super user lists three brokers, produces and consumes; a
// wrong password and no credentials are refused. KRaft (Kafka 4.1): kcat without credentials is refused, but kcat
// cannot sign in with SCRAM there: this machine's librdkafka (2.0.2) repeats the client nonce in its final message,
// which Kafka 4 rejects as RFC 5802 asks (fixed in librdkafka 2.6.1, confluentinc/librdkafka#4895; kcat issue #462),
// so Kafka's own tools from the stack's jars sign in instead: BrokerApiVersionsCommand lists the brokers,
// ConsoleProducer and ConsoleConsumer make the round trip, MetadataQuorumCommand shows three voters. The password
// reaches the JVMs through their environment only: no file under the data dir holds it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { NATIVE_DIR, startTestStack, type TestStack } from '@test/stack';

const execFileP = promisify(execFile);
const SUPER_USER = 'streamdesk';
const PASSWORD = randomBytes(18).toString('base64url');

interface Run {
  code: number;
  out: string;
}

async function run(cmd: string, args: string[], input?: string): Promise<Run> {
  const child = execFileP(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const r = await child;
    return { code: 0, out: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const sasl = (password: string): string[] => [
  '-X',
  'security.protocol=SASL_PLAINTEXT',
  '-X',
  'sasl.mechanisms=SCRAM-SHA-512',
  '-X',
  `sasl.username=${SUPER_USER}`,
  '-X',
  `sasl.password=${password}`,
];

/** Every file under `dir` whose bytes contain `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) found.push(...filesHolding(path, needle));
    else if (stat.size < 64 * 1024 * 1024 && readFileSync(path).includes(needle)) found.push(path);
  }
  return found;
}

const stacks: TestStack[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}, 120_000);

async function secureCluster(kraft: boolean): Promise<TestStack> {
  const stack = await startTestStack({
    kraft,
    brokers: 3,
    secure: { superUser: SUPER_USER, password: () => PASSWORD },
    only: kraft ? ['kafka', 'kafka-2', 'kafka-3'] : ['zookeeper', 'kafka', 'kafka-2', 'kafka-3'],
    timeoutMs: 300_000,
    onProgress: (event) => console.log(`[secure ${kraft ? 'kraft' : 'zk'}] ${event.service} ${event.phase}${event.message ? `: ${event.message}` : ''}`),
  });
  stacks.push(stack);
  return stack;
}

/** ZooKeeper mode: three brokers to the super user, a record round trip through two brokers, refusals without the password. */
async function checkWithKcat(stack: TestStack, topic: string): Promise<void> {
  const [first, , third] = stack.brokers;
  const listed = await run('kcat', ['-b', first, ...sasl(PASSWORD), '-L', '-m', '15']);
  expect(listed.code, listed.out).toBe(0);
  expect(listed.out).toMatch(/ 3 brokers:/);

  const lines = ['one', 'two', 'three'];
  const produced = await run('kcat', ['-b', first, ...sasl(PASSWORD), '-P', '-t', topic], `${lines.join('\n')}\n`);
  expect(produced.code, produced.out).toBe(0);
  // read through another broker: the topic and its records are the cluster's, not one broker's
  const consumed = await run('kcat', [
    '-b',
    third,
    ...sasl(PASSWORD),
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-c',
    String(lines.length),
    '-e',
    '-q',
    '-m',
    '15',
  ]);
  expect(consumed.code, consumed.out).toBe(0);
  expect(consumed.out.trim().split('\n')).toEqual(lines);

  const wrong = await run('kcat', ['-b', first, ...sasl(`${PASSWORD}x`), '-L', '-m', '8']);
  expect(wrong.code).not.toBe(0);
  expect(wrong.out).toMatch(/Authentication failed|SASL authentication error/i);
  await expectAnonymousRefused(stack);
}

/** kcat with no credentials gets no metadata from any broker. */
async function expectAnonymousRefused(stack: TestStack): Promise<void> {
  for (const broker of stack.brokers) {
    const anonymous = await run('kcat', ['-b', broker, '-L', '-m', '8']);
    expect(anonymous.code, anonymous.out).not.toBe(0);
    expect(anonymous.out).not.toMatch(/ brokers:/);
  }
}

/** A client config for Kafka's own tools, in a temp dir of the test's (removed after it). */
function clientConfig(password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'streamdesk-secure-client-'));
  tempDirs.push(dir);
  const file = join(dir, 'client.properties');
  writeFileSync(
    file,
    [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${SUPER_USER}" password="${password}";`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

/** One of Kafka's command-line classes, run from the KRaft stack's own jars. */
const kafkaTool = (mainClass: string, args: string[], input?: string): Promise<Run> =>
  run('java', ['-Xmx256m', '-cp', join(NATIVE_DIR, 'lib', 'kafka-kraft', '*'), mainClass, ...args], input);

/** KRaft mode: the same checks through Kafka's own tools (see the top of this file for why not kcat). */
async function checkWithKafkaTools(stack: TestStack, topic: string): Promise<void> {
  const config = clientConfig(PASSWORD);
  const versions = await kafkaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', ['--bootstrap-server', stack.bootstrap, '--command-config', config]);
  expect(versions.code, versions.out).toBe(0);
  expect([...versions.out.matchAll(/^\S+:\d+ \(id: (\d+) rack/gm)].map((m) => Number(m[1])).sort()).toEqual([1, 2, 3]);

  const lines = ['one', 'two', 'three'];
  const produced = await kafkaTool(
    'org.apache.kafka.tools.ConsoleProducer',
    ['--bootstrap-server', stack.brokers[0], '--producer.config', config, '--topic', topic],
    `${lines.join('\n')}\n`,
  );
  expect(produced.code, produced.out).toBe(0);
  const consumed = await kafkaTool('org.apache.kafka.tools.consumer.ConsoleConsumer', [
    '--bootstrap-server',
    stack.brokers[2],
    '--consumer.config',
    config,
    '--topic',
    topic,
    '--from-beginning',
    '--max-messages',
    String(lines.length),
    '--timeout-ms',
    '30000',
  ]);
  expect(consumed.code, consumed.out).toBe(0);
  expect(consumed.out.split('\n').filter((line) => lines.includes(line))).toEqual(lines);

  const wrong = await kafkaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', [
    '--bootstrap-server',
    stack.bootstrap,
    '--command-config',
    clientConfig(`${PASSWORD}x`),
  ]);
  expect(wrong.code).not.toBe(0);
  expect(wrong.out).toMatch(/Authentication failed/);
  await expectAnonymousRefused(stack);
}

describe('a secured three-broker local stack', () => {
  it('ZooKeeper mode: SCRAM-SHA-512 only, three brokers, AclAuthorizer refuses what is not signed in', async () => {
    const stack = await secureCluster(false);
    await checkWithKcat(stack, 'secure-zk');
    const props = readFileSync(join(stack.dataDir, 'run', 'kafka-2-server.properties'), 'utf8');
    expect(props).toContain('authorizer.class.name=kafka.security.authorizer.AclAuthorizer');
    expect(filesHolding(stack.dataDir, PASSWORD)).toEqual([]);
    await stack.stop();
  }, 600_000);

  it('KRaft mode: three combined nodes form a quorum of three voters (MetadataQuorumCommand)', async () => {
    const stack = await secureCluster(true);
    await checkWithKafkaTools(stack, 'secure-kraft');
    const quorum = await kafkaTool('org.apache.kafka.tools.MetadataQuorumCommand', [
      '--bootstrap-server',
      stack.bootstrap,
      '--command-config',
      clientConfig(PASSWORD),
      'describe',
      '--status',
    ]);
    console.log(`[secure kraft] MetadataQuorumCommand describe --status:\n${quorum.out}`);
    expect(quorum.code, quorum.out).toBe(0);
    const voters = /^CurrentVoters:\s*(.*)$/m.exec(quorum.out)?.[1] ?? '';
    expect([...voters.matchAll(/"id":\s*(\d+)/g)].map((m) => Number(m[1])).sort()).toEqual([1, 2, 3]);
    expect(quorum.out).toMatch(/^LeaderId:\s*[123]$/m);
    expect(filesHolding(stack.dataDir, PASSWORD)).toEqual([]);
    await stack.stop();
  }, 600_000);
});
