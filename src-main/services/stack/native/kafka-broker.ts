// A Kafka broker of the native stack: its server.properties, its SCRAM users, KRaft's storage format, its ready-probe.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { kafkaKraftProperties, kafkaZkProperties, saslUsersProblem, scramCredentialConfig, SUPER_USER_PASSWORD_ENV } from './broker-configs';
import { brokerServices } from './brokers';
import type { Layout } from './layout';
import { sleep } from './proc';
import { kafkaMetadataBrokers, zkFourLetter } from './probes';
import type { Launch } from './services';

const execFileP = promisify(execFile);

// Kafka's own default heap (kafka-server-start.sh): 10,000 partitions kept 84 % of a 512 MB heap in use (bench/topics).
const kafkaJvm = ['-Xmx1g', '-Xms128m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent'];

/** The super user's password checked for what would break the JAAS quoting or the tools' `[name=…,password=…]` syntax. */
function superUserPassword(l: Layout): string {
  const secure = l.secure;
  if (!secure) throw new Error('kafka: the stack is not secure');
  const password = secure.password();
  const problem = saslUsersProblem([{ username: secure.superUser, password }]);
  if (problem) throw new Error(`secure: ${problem.replace('saslScram.users: ', '')}`);
  return password;
}

/** What a secure stack's JVMs need in their environment: the password the `${env:…}` references resolve to. */
export function secureEnv(l: Layout): Record<string, string> {
  return l.secure ? { [SUPER_USER_PASSWORD_ENV]: superUserPassword(l) } : {};
}

/** Ready when the broker answers metadata; a secure broker only to a client signed in with SCRAM as the super user. */
export function brokerProbe(l: Layout, index: number): () => Promise<string | null> {
  const port = l.kafkaPort(index);
  if (!l.secure) {
    return async () => {
      const brokers = await kafkaMetadataBrokers(l.host, port);
      return brokers.length > 0 ? `metadata: ${brokers.length} broker(s)` : null;
    };
  }
  const superUser = l.secure.superUser;
  // asked for once per probe, not at every tick of its 250 ms wait (the secret store decrypts it each time)
  let password: string | undefined;
  return async () => {
    password ??= superUserPassword(l);
    const sasl = { mechanism: 'scram-sha-512' as const, username: superUser, password };
    const admin = kafkaClient({ brokers: [`${l.host}:${port}`], sasl }, { clientId: 'streamdesk-probe', retries: 0 }).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 ? `metadata (SASL/SCRAM-SHA-512 as ${superUser}): ${cluster.brokers.length} broker(s)` : null;
    } finally {
      await admin.disconnect();
    }
  };
}

export async function launchBroker(l: Layout, index: number): Promise<Launch> {
  const env = secureEnv(l);
  const props = l.kraft ? await prepareKraftBroker(l, index, env) : await prepareZkBroker(l, index, env);
  const log4j = l.kraft
    ? [`-Dlog4j2.configurationFile=${join(l.confDir, 'kafka-log4j2.properties')}`]
    : [`-Dlog4j.configuration=file:${join(l.confDir, 'kafka-log4j.properties')}`];
  const service = brokerServices(l.brokers)[index] ?? 'kafka';
  return {
    args: [
      ...kafkaJvm,
      // one exporter port: the first broker's figures
      ...(index === 0 ? exporterAgent(l) : []),
      ...l.markers(service),
      '-Djava.awt.headless=true',
      `-XX:ErrorFile=${join(l.logsDir, `${service}-hs_err_%p.log`)}`,
      ...log4j,
      `-Dstreamdesk.log.file=${l.logFile(service)}`,
      '-cp',
      l.classpath(l.kraft ? 'kafka-kraft' : 'kafka-zk'),
      'kafka.Kafka',
      props,
    ],
    env,
    probe: brokerProbe(l, index),
  };
}

/** `-javaagent:` for the JMX exporter when it is asked for and its jar was fetched. */
function exporterAgent(l: Layout): string[] {
  const exporter = l.jmxExporter;
  if (!exporter || !existsSync(exporter.agentJar)) return [];
  return [`-javaagent:${exporter.agentJar}=${l.host}:${exporter.port}:${exporter.config}`];
}

/**
 * After a kill -9 the old broker's ephemeral /brokers/ids/<id> lives on until its ZooKeeper session
 * expires (zookeeper.session.timeout.ms, 6 s here); a broker started before that dies with
 * NodeExistsException. ZooKeeper's `dump` lists live ephemerals, so wait for the node to go.
 */
async function waitForStaleBrokerRegistration(l: Layout, brokerId: number, maxMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    let dump: string;
    try {
      dump = await zkFourLetter(l.host, l.ports.zookeeper, 'dump');
    } catch {
      return; // ZooKeeper unreachable: let the broker report it
    }
    if (!new RegExp(`^\\s*/brokers/ids/${brokerId}\\s*$`, 'm').test(dump)) return;
    await sleep(250);
  }
}

/**
 * SCRAM credentials live in ZooKeeper (/config/users); ConfigCommand may still write them directly there while no
 * broker runs, which is why this happens before the broker starts. The password is on the tool's command line for
 * the second it runs (ConfigCommand reads it nowhere else); it is never written to a file or a log.
 */
async function createScramUsers(l: Layout, users: Array<{ username: string; password: string }>, mechanisms: string): Promise<void> {
  const out: string[] = [];
  for (const u of users) {
    const credential = mechanisms === 'SCRAM-SHA-512' ? `SCRAM-SHA-512=[password=${u.password}]` : scramCredentialConfig(u.password);
    const args = [
      '-Xmx128m',
      `-Dlog4j.configuration=file:${join(l.confDir, 'kafka-log4j.properties')}`,
      `-Dstreamdesk.log.file=${join(l.logsDir, 'kafka-scram-users.log')}`,
      '-cp',
      l.classpath('kafka-zk'),
      'kafka.admin.ConfigCommand',
      '--zookeeper',
      `${l.host}:${l.ports.zookeeper}`,
      '--alter',
      '--add-config',
      credential,
      '--entity-type',
      'users',
      '--entity-name',
      u.username,
    ];
    try {
      const r = await execFileP(l.javaBin, args, { cwd: l.runDir, timeout: 60_000 });
      out.push(r.stdout + r.stderr);
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      // the command line holds the password: report only what the tool printed
      throw new Error(
        `kafka: creating the SCRAM credentials of "${u.username}" failed:\n${`${err.stdout ?? ''}${err.stderr ?? ''}`.split('\n').slice(-20).join('\n')}`,
      );
    }
  }
  writeFileSync(join(l.logsDir, 'kafka-scram-users.out'), out.join(''));
}

async function prepareZkBroker(l: Layout, index: number, env: Record<string, string>): Promise<string> {
  await waitForStaleBrokerRegistration(l, index);
  mkdirSync(l.kafkaLogDir(index), { recursive: true });
  if (l.saslScram) {
    const problem = saslUsersProblem(l.saslScram.users);
    if (problem) throw new Error(`kafka: ${problem}`);
    await createScramUsers(l, l.saslScram.users, 'both');
  }
  const password = env[SUPER_USER_PASSWORD_ENV];
  // the first broker writes the super user's credential; the others find it in ZooKeeper
  if (l.secure && password && index === 0) await createScramUsers(l, [{ username: l.secure.superUser, password }], 'SCRAM-SHA-512');
  const props = join(l.runDir, `${brokerServices(l.brokers)[index] ?? 'kafka'}-server.properties`);
  writeFileSync(
    props,
    kafkaZkProperties({
      host: l.host,
      port: l.kafkaPort(index),
      zookeeperPort: l.ports.zookeeper,
      logDir: l.kafkaLogDir(index),
      index,
      brokers: l.brokers,
      ...(l.secure ? { secure: { superUser: l.secure.superUser } } : {}),
      ...(l.saslScram ? { saslScram: l.saslScram } : {}),
      ...(l.tls ? { tls: l.tls } : {}),
    }),
  );
  return props;
}

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints). Like Kafka's
 * own Uuid.randomUuid, never one starting with '-': `kafka-storage format --cluster-id -x…` reads it as an option (1 in 64).
 */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** One id for every node of a quorum, kept beside their log dirs (a single node keeps none: it is formatted once). */
function kraftClusterId(l: Layout): string {
  if (l.brokers === 1) return randomClusterId();
  if (existsSync(l.kraftClusterIdFile)) return readFileSync(l.kraftClusterIdFile, 'utf8').trim();
  const id = randomClusterId();
  mkdirSync(join(l.kraftClusterIdFile, '..'), { recursive: true });
  writeFileSync(l.kraftClusterIdFile, `${id}\n`);
  return id;
}

async function prepareKraftBroker(l: Layout, index: number, env: Record<string, string>): Promise<string> {
  if (l.saslScram) throw new Error('kafka: saslScram is only supported by the ZooKeeper-mode broker');
  if (l.tls) throw new Error('kafka: tls listeners are only supported by the ZooKeeper-mode broker');
  const logDir = l.kafkaLogDir(index);
  mkdirSync(logDir, { recursive: true });
  const props = join(l.runDir, `${brokerServices(l.brokers)[index] ?? 'kafka'}-server.properties`);
  const text = kafkaKraftProperties({
    host: l.host,
    port: l.kafkaPort(index),
    controllerPorts: l.controllerPorts,
    logDir,
    index,
    brokers: l.brokers,
    ...(l.secure ? { secure: { superUser: l.secure.superUser } } : {}),
  });
  writeFileSync(props, text);
  if (!existsSync(join(logDir, 'meta.properties'))) await formatKraftStorage(l, index, props, env);
  return props;
}

/**
 * KRaft storage is formatted once per node: a single node as a standalone quorum, three as static voters. A secure
 * cluster's super user is written into the bootstrap metadata here (`--add-scram`; the password is on the tool's
 * command line for the second it runs, never in a file), as SCRAM credentials can only live in the metadata log.
 */
async function formatKraftStorage(l: Layout, index: number, props: string, env: Record<string, string>): Promise<void> {
  const service = brokerServices(l.brokers)[index] ?? 'kafka';
  const password = env[SUPER_USER_PASSWORD_ENV];
  const args = [
    '-Xmx256m',
    `-Dlog4j2.configurationFile=${join(l.confDir, 'kafka-log4j2.properties')}`,
    `-Dstreamdesk.log.file=${l.logFile(service)}`,
    '-cp',
    l.classpath('kafka-kraft'),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    kraftClusterId(l),
    '-c',
    props,
    ...(l.brokers === 1 ? ['--standalone'] : []),
    ...(l.secure && password ? ['--add-scram', `SCRAM-SHA-512=[name=${l.secure.superUser},password=${password}]`] : []),
  ];
  const outFile = join(l.logsDir, `${service}-format.out`);
  try {
    const r = await execFileP(l.javaBin, args, { cwd: l.runDir, timeout: 120_000, env: { ...process.env, ...env } });
    writeFileSync(outFile, r.stdout + r.stderr);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    writeFileSync(outFile, out);
    // the command line may hold the password: report only what the tool printed
    throw new Error(`${service}: formatting KRaft storage failed:\n${out.split('\n').slice(-30).join('\n')}`);
  }
}
