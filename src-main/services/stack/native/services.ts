// Per-service recipes: how to prepare and launch each JVM, and how to tell it is ready.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokerIndex } from './brokers';
import { FLINK_JAVA17_OPTS, flinkConfYaml, flinkJvmMemoryFlags, zooCfg } from './configs';
import { brokerProbe, launchBroker } from './kafka-broker';
import type { Layout } from './layout';
import { flinkOverview, freePort, getJson, portFree, zkFourLetter } from './probes';
import { connectProbe, launchKafkaConnect } from './kafka-connect';
import { launchSchemaRegistry, registryProbe } from './schema-registry';
import { launchSqlGateway, sqlGatewayProbe } from './sql-gateway';
import type { NativeServiceName } from './types';

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
    case 'kafka-2':
    case 'kafka-3':
      return brokerProbe(l, brokerIndex(s) ?? 0);
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
    case 'kafka-2':
    case 'kafka-3':
      return launchBroker(l, brokerIndex(s) ?? 0);
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
