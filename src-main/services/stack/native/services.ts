// Per-service recipes: how to prepare and launch each JVM, and how to tell it is ready.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  FLINK_JAVA17_OPTS,
  flinkConfYaml,
  flinkJvmMemoryFlags,
  kafkaKraftProperties,
  kafkaZkProperties,
  saslUsersProblem,
  scramCredentialConfig,
  zooCfg,
} from './configs';
import type { Layout } from './layout';
import { sleep } from './proc';
import { flinkOverview, freePort, getJson, kafkaMetadataBrokers, portFree, zkFourLetter } from './probes';
import { connectProbe, launchKafkaConnect } from './kafka-connect';
import { launchSchemaRegistry, registryProbe } from './schema-registry';
import { launchSqlGateway, sqlGatewayProbe } from './sql-gateway';
import type { NativeServiceName } from './types';

const execFileP = promisify(execFile);

const FLINK_SLOTS = 2;

export interface Launch {
  /** the java binary, when not the stack's own (the registry needs Java 21+) */
  java?: string;
  /** argv after the java binary */
  args: string[];
  /** extra environment variables */
  env?: Record<string, string>;
  /** a probe that resolves to a status message when ready, null when not yet */
  probe: () => Promise<string | null>;
}

const commonJvm = (l: Layout, s: NativeServiceName): string[] => [
  ...l.markers(s),
  '-Djava.awt.headless=true',
  `-XX:ErrorFile=${join(l.logsDir, `${s}-hs_err_%p.log`)}`,
];

/** Ready-probe for a service that was already running (adopted) or just launched. */
export function probeFor(l: Layout, s: NativeServiceName, tmResourceId?: string): () => Promise<string | null> {
  switch (s) {
    case 'zookeeper':
      return async () => {
        if ((await zkFourLetter(l.host, l.ports.zookeeper, 'ruok')) !== 'imok') return null;
        // ruok answers imok even while the server is not serving; srvr tells (it then lacks "Mode:")
        const mode = /^Mode: (\S+)/m.exec(await zkFourLetter(l.host, l.ports.zookeeper, 'srvr'));
        return mode ? `imok, mode ${mode[1]}` : null;
      };
    case 'kafka':
      return async () => {
        const brokers = await kafkaMetadataBrokers(l.host, l.ports.kafka);
        return brokers.length > 0 ? `metadata: ${brokers.length} broker(s)` : null;
      };
    case 'flink-jobmanager':
      return async () => {
        const o = await flinkOverview(l.host, l.ports.flinkRest);
        return `REST up, flink ${o['flink-version'] ?? '?'}`;
      };
    case 'flink-sql-gateway':
      return sqlGatewayProbe(l);
    case 'schema-registry':
      return registryProbe(l);
    case 'kafka-connect':
      return connectProbe(l);
    case 'flink-taskmanager':
      return async () => {
        if (tmResourceId) {
          const r = (await getJson(`http://${l.host}:${l.ports.flinkRest}/taskmanagers`)) as { taskmanagers?: Array<{ id: string; slotsNumber?: number }> };
          const ours = (r.taskmanagers ?? []).find((t) => t.id === tmResourceId);
          if (!ours || !(ours.slotsNumber && ours.slotsNumber > 0)) return null;
        }
        // a TaskManager can be listed a moment before its slots are counted in /overview
        const o = await flinkOverview(l.host, l.ports.flinkRest);
        return o.taskmanagers >= 1 && o['slots-total'] >= 1 ? `taskmanagers: ${o.taskmanagers}, slots: ${o['slots-total']}` : null;
      };
  }
}

/** `java` is the binary a service needs beyond the stack's own (the registry's Java 21+). */
export async function prepareLaunch(l: Layout, s: NativeServiceName, java?: string): Promise<Launch> {
  mkdirSync(l.runDir, { recursive: true });
  mkdirSync(l.logsDir, { recursive: true });
  switch (s) {
    case 'zookeeper':
      return launchZookeeper(l);
    case 'kafka':
      return l.kraft ? launchKafkaKraft(l) : launchKafkaZk(l);
    case 'flink-jobmanager':
      return launchFlinkJobManager(l);
    case 'flink-taskmanager':
      return launchFlinkTaskManager(l);
    case 'flink-sql-gateway':
      return launchSqlGateway(l);
    case 'schema-registry':
      mkdirSync(join(l.registryDir, 'tmp'), { recursive: true });
      if (!java) throw new Error('schema-registry: no Java 21+ to run it with');
      return launchSchemaRegistry(l, java);
    case 'kafka-connect':
      return launchKafkaConnect(l);
  }
}

function launchZookeeper(l: Layout): Launch {
  mkdirSync(l.zkDataDir, { recursive: true });
  const cfg = join(l.runDir, 'zoo.cfg');
  writeFileSync(cfg, zooCfg({ host: l.host, port: l.ports.zookeeper, dataDir: l.zkDataDir }));
  return {
    args: [
      '-Xmx256m',
      '-Xms64m',
      ...commonJvm(l, 'zookeeper'),
      `-Dlogback.configurationFile=${join(l.confDir, 'zookeeper-logback.xml')}`,
      `-Dstreamdesk.log.file=${l.logFile('zookeeper')}`,
      '-Dzookeeper.admin.enableServer=false',
      '-cp',
      l.classpath('zookeeper'),
      'org.apache.zookeeper.server.quorum.QuorumPeerMain',
      cfg,
    ],
    probe: probeFor(l, 'zookeeper'),
  };
}

/** `-javaagent:` for the JMX exporter when it is asked for and its jar was fetched. */
function exporterAgent(l: Layout): string[] {
  const exporter = l.jmxExporter;
  if (!exporter || !existsSync(exporter.agentJar)) return [];
  return [`-javaagent:${exporter.agentJar}=${l.host}:${exporter.port}:${exporter.config}`];
}

// Kafka's own default heap (kafka-server-start.sh): 10,000 partitions kept 84 % of a 512 MB heap in use (bench/topics).
const kafkaJvm = ['-Xmx1g', '-Xms128m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent'];

/**
 * After a kill -9 the old broker's ephemeral /brokers/ids/<id> lives on until its ZooKeeper session
 * expires (zookeeper.session.timeout.ms, 6 s here); a broker started before that dies with
 * NodeExistsException. ZooKeeper's `dump` lists live ephemerals, so wait for the node to go.
 */
async function waitForStaleBrokerRegistration(l: Layout, maxMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    let dump: string;
    try {
      dump = await zkFourLetter(l.host, l.ports.zookeeper, 'dump');
    } catch {
      return; // ZooKeeper unreachable: let the broker report it
    }
    if (!new RegExp(`^\\s*/brokers/ids/${l.brokerId}\\s*$`, 'm').test(dump)) return;
    await sleep(250);
  }
}

/**
 * SCRAM credentials live in ZooKeeper (/config/users); ConfigCommand may still write them
 * directly there while no broker runs, which is why this happens before the broker starts.
 */
async function createScramUsers(l: Layout, users: Array<{ username: string; password: string }>): Promise<void> {
  const out: string[] = [];
  for (const u of users) {
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
      scramCredentialConfig(u.password),
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

async function launchKafkaZk(l: Layout): Promise<Launch> {
  await waitForStaleBrokerRegistration(l);
  mkdirSync(l.kafkaLogDir, { recursive: true });
  if (l.saslScram) {
    const problem = saslUsersProblem(l.saslScram.users);
    if (problem) throw new Error(`kafka: ${problem}`);
    await createScramUsers(l, l.saslScram.users);
  }
  const props = join(l.runDir, 'kafka-server.properties');
  writeFileSync(
    props,
    kafkaZkProperties({
      host: l.host,
      port: l.ports.kafka,
      zookeeperPort: l.ports.zookeeper,
      logDir: l.kafkaLogDir,
      brokerId: l.brokerId,
      ...(l.saslScram ? { saslScram: l.saslScram } : {}),
      ...(l.tls ? { tls: l.tls } : {}),
    }),
  );
  return {
    args: [
      ...kafkaJvm,
      ...exporterAgent(l),
      ...commonJvm(l, 'kafka'),
      `-Dlog4j.configuration=file:${join(l.confDir, 'kafka-log4j.properties')}`,
      `-Dstreamdesk.log.file=${l.logFile('kafka')}`,
      '-cp',
      l.classpath('kafka-zk'),
      'kafka.Kafka',
      props,
    ],
    probe: probeFor(l, 'kafka'),
  };
}

/** A Kafka cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints). */
function randomClusterId(): string {
  return randomBytes(16).toString('base64url');
}

async function launchKafkaKraft(l: Layout): Promise<Launch> {
  if (l.saslScram) throw new Error('kafka: saslScram is only supported by the ZooKeeper-mode broker');
  if (l.tls) throw new Error('kafka: tls listeners are only supported by the ZooKeeper-mode broker');
  mkdirSync(l.kafkaLogDir, { recursive: true });
  const props = join(l.runDir, 'kafka-server.properties');
  writeFileSync(props, kafkaKraftProperties({ host: l.host, port: l.ports.kafka, controllerPort: l.ports.kafkaController, logDir: l.kafkaLogDir }));
  const log4j = [`-Dlog4j2.configurationFile=${join(l.confDir, 'kafka-log4j2.properties')}`, `-Dstreamdesk.log.file=${l.logFile('kafka')}`];
  if (!existsSync(join(l.kafkaLogDir, 'meta.properties'))) {
    const clusterId = randomClusterId();
    const fmtArgs = [
      '-Xmx256m',
      ...log4j,
      '-cp',
      l.classpath('kafka-kraft'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      props,
      '--standalone',
    ];
    try {
      const r = await execFileP(l.javaBin, fmtArgs, { cwd: l.runDir, timeout: 120_000 });
      writeFileSync(join(l.logsDir, 'kafka-format.out'), r.stdout + r.stderr);
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      const out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
      writeFileSync(join(l.logsDir, 'kafka-format.out'), out);
      throw new Error(`kafka: formatting KRaft storage failed: ${err.message}\n${out.split('\n').slice(-30).join('\n')}`);
    }
  }
  return {
    args: [...kafkaJvm, ...exporterAgent(l), ...commonJvm(l, 'kafka'), ...log4j, '-cp', l.classpath('kafka-kraft'), 'kafka.Kafka', props],
    probe: probeFor(l, 'kafka'),
  };
}

/** Flink reads its plugins folder (and, for some tools, its config folder) from the environment. */
const flinkEnv = (l: Layout): Record<string, string> => ({ FLINK_PLUGINS_DIR: join(l.flinkDir, 'plugins'), FLINK_CONF_DIR: l.flinkConfDir });

const flinkLogging = (l: Layout, s: NativeServiceName): string[] => [
  `-Dlog.file=${l.logFile(s)}`,
  `-Dlog4j.configuration=file:${join(l.confDir, 'flink-log4j2.properties')}`,
  `-Dlog4j.configurationFile=file:${join(l.confDir, 'flink-log4j2.properties')}`,
];

function writeFlinkConf(l: Layout, rpcPort: number): void {
  mkdirSync(l.flinkConfDir, { recursive: true });
  for (const d of ['checkpoints', 'savepoints', 'tmp', 'web-tmp', 'web-upload', 'plugins']) mkdirSync(join(l.flinkDir, d), { recursive: true });
  const text = flinkConfYaml({ host: l.host, restPort: l.ports.flinkRest, rpcPort, flinkDir: l.flinkDir, slots: FLINK_SLOTS });
  // 1.18 reads flink-conf.yaml; 1.19/1.20 prefer config.yaml; 2.x reads only config.yaml
  writeFileSync(join(l.flinkConfDir, 'flink-conf.yaml'), text);
  writeFileSync(join(l.flinkConfDir, 'config.yaml'), text);
}

async function launchFlinkJobManager(l: Layout): Promise<Launch> {
  // Keep the RPC port of the previous run when it is free: a TaskManager that outlived its
  // JobManager keeps calling that address and re-registers once the JobManager is back.
  // Otherwise a fresh free port; the TaskManager reads it from the same file.
  const previous = flinkRpcPort(l);
  const rpcPort = previous !== null && (await portFree(l.host, previous)) ? previous : await freePort(l.host);
  writeFlinkConf(l, rpcPort);
  return {
    args: [
      ...flinkJvmMemoryFlags('jobmanager'),
      ...FLINK_JAVA17_OPTS,
      ...commonJvm(l, 'flink-jobmanager'),
      ...flinkLogging(l, 'flink-jobmanager'),
      '-cp',
      l.classpath('flink'),
      'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint',
      '--configDir',
      l.flinkConfDir,
    ],
    env: flinkEnv(l),
    probe: probeFor(l, 'flink-jobmanager'),
  };
}

/** The JobManager RPC port recorded in the generated config, if any. */
function flinkRpcPort(l: Layout): number | null {
  try {
    const m = /^jobmanager\.rpc\.port: (\d+)$/m.exec(readFileSync(join(l.flinkConfDir, 'flink-conf.yaml'), 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function launchFlinkTaskManager(l: Layout): Promise<Launch> {
  if (flinkRpcPort(l) === null) writeFlinkConf(l, await freePort(l.host));
  // a known resource id lets the ready-probe find *this* TaskManager (a killed one stays listed until its heartbeat times out)
  const resourceId = `streamdesk-tm-${Date.now().toString(36)}`;
  return {
    args: [
      ...flinkJvmMemoryFlags('taskmanager'),
      ...FLINK_JAVA17_OPTS,
      ...commonJvm(l, 'flink-taskmanager'),
      ...flinkLogging(l, 'flink-taskmanager'),
      '-cp',
      l.classpath('flink'),
      'org.apache.flink.runtime.taskexecutor.TaskManagerRunner',
      '--configDir',
      l.flinkConfDir,
      '-D',
      `taskmanager.resource-id=${resourceId}`,
    ],
    env: flinkEnv(l),
    probe: probeFor(l, 'flink-taskmanager', resourceId),
  };
}
