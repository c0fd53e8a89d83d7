// Kafka Connect as a native-stack process: one distributed worker (`ConnectDistributed`) of the broker's own Kafka line,
// its config/offset/status topics in the stack's Kafka, REST on 127.0.0.1, and a plugin.path under the data dir that
// holds the bundled file and MirrorMaker 2 connectors plus what `plugins add` unpacked there (Debezium).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPER_USER_PASSWORD_ENV } from './broker-configs';
import { secureEnv } from './kafka-broker';
import type { Layout } from './layout';
import { getJson } from './probes';
import type { Launch } from './services';
import type { NativeComponent } from './types';

const SERVICE = 'kafka-connect' as const;

/** The worker's group and the topics it keeps its state in (replicated on up to three brokers). */
const CONNECT_GROUP_ID = 'streamdesk-connect';
export const CONNECT_TOPICS = { config: '_streamdesk-connect-configs', offset: '_streamdesk-connect-offsets', status: '_streamdesk-connect-status' } as const;

/** The connector jar whose name carries the worker's version. */
export const CONNECT_RUNTIME_JAR = /^connect-runtime-(\d.*)\.jar$/;

/** Plugins the worker component ships (fetch-jars.sh moved them to lib/<component>/plugins/). */
const BUNDLED_PLUGINS = ['connect-file', 'connect-mirror'] as const;

interface WorkerSettings {
  bootstrap: string;
  host: string;
  port: number;
  pluginPath: string;
  /** The brokers' count: the worker's topics are replicated on up to three. */
  brokers: number;
  /** A secure stack's super user, whom the worker and its connectors' clients sign in as. */
  superUser: string | null;
}

/**
 * SASL/SCRAM for the worker's own clients and, through the prefixes, its connectors' producers, consumers and admins.
 * The password is a reference the worker resolves from its environment (EnvVarConfigProvider): no file holds it.
 */
function workerSaslLines(superUser: string): Array<[string, string]> {
  const client: Array<[string, string]> = [
    ['security.protocol', 'SASL_PLAINTEXT'],
    ['sasl.mechanism', 'SCRAM-SHA-512'],
    [
      'sasl.jaas.config',
      `org.apache.kafka.common.security.scram.ScramLoginModule required username="${superUser}" password="\${env:${SUPER_USER_PASSWORD_ENV}}";`,
    ],
  ];
  return [
    ['config.providers', 'env'],
    ['config.providers.env.class', 'org.apache.kafka.common.config.provider.EnvVarConfigProvider'],
    ...client,
    ...['producer.', 'consumer.', 'admin.'].flatMap((prefix) => client.map(([k, v]): [string, string] => [prefix + k, v])),
  ];
}

/** connect-distributed.properties for the local worker. */
function connectWorkerProperties(s: WorkerSettings): string {
  const props: Array<[string, string | number]> = [
    ['bootstrap.servers', s.bootstrap],
    ['group.id', CONNECT_GROUP_ID],
    ['config.storage.topic', CONNECT_TOPICS.config],
    ['offset.storage.topic', CONNECT_TOPICS.offset],
    ['status.storage.topic', CONNECT_TOPICS.status],
    ['config.storage.replication.factor', Math.min(s.brokers, 3)],
    ['offset.storage.replication.factor', Math.min(s.brokers, 3)],
    ['status.storage.replication.factor', Math.min(s.brokers, 3)],
    // Connect's defaults (25 and 5) are sized for a cluster of workers; one local worker needs few
    ['offset.storage.partitions', 5],
    ['status.storage.partitions', 1],
    // plain text both ways, so a file's lines and a topic's records stay readable; a connector that wants JSON
    // or Avro names its own converters
    ['key.converter', 'org.apache.kafka.connect.storage.StringConverter'],
    ['value.converter', 'org.apache.kafka.connect.storage.StringConverter'],
    ['offset.flush.interval.ms', 5000],
    ['listeners', `http://${s.host}:${s.port}`],
    ['rest.advertised.host.name', s.host],
    ['rest.advertised.port', s.port],
    ['plugin.path', s.pluginPath],
    // a local worker: connectors may set their own producer/consumer/admin settings
    ['connector.client.config.override.policy', 'All'],
    ...(s.superUser ? workerSaslLines(s.superUser) : []),
  ];
  return `${props.map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}

/**
 * Ready when `GET /health` (KIP-1017, Connect 3.9+) answers 200: the worker has created or read its three topics and
 * joined its group. /connectors answers earlier, while the status topic may not exist yet.
 */
export function connectProbe(l: Layout): () => Promise<string | null> {
  return async () => {
    const base = `http://${l.host}:${l.ports.connect}`;
    const health = (await getJson(`${base}/health`)) as { status?: string };
    if (health.status !== 'healthy') return null;
    const connectors = await getJson(`${base}/connectors`);
    if (!Array.isArray(connectors)) return null;
    const info = (await getJson(`${base}/`)) as { version?: string };
    return `REST up, Kafka Connect ${info.version ?? '?'}, ${connectors.length} connector(s)`;
  };
}

/** The plugin folders under the data dir's plugin.path. */
export function installedPlugins(l: Layout): string[] {
  try {
    return readdirSync(l.connectPluginDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** Copies the worker component's bundled plugins into plugin.path (again each start: they follow the fetched version). */
function syncBundledPlugins(l: Layout): void {
  mkdirSync(l.connectPluginDir, { recursive: true });
  for (const plugin of BUNDLED_PLUGINS) {
    const from = join(l.componentDir(l.component(SERVICE)), 'plugins', plugin);
    const to = join(l.connectPluginDir, plugin);
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
}

/**
 * Copies a fetched plugin component (lib/<component>/<plugin folder>) into plugin.path, replacing an older copy;
 * returns the plugin folders copied. The worker loads them at its next start.
 */
export function installPluginComponent(l: Layout, component: NativeComponent): string[] {
  const from = l.componentDir(component);
  const folders = readdirSync(from, { withFileTypes: true }).filter((d) => d.isDirectory());
  if (folders.length === 0) throw new Error(`${component}: ${from} holds no plugin folder; fetch it with: ${l.fetchCommand([component])}`);
  mkdirSync(l.connectPluginDir, { recursive: true });
  for (const folder of folders) {
    const to = join(l.connectPluginDir, folder.name);
    rmSync(to, { recursive: true, force: true });
    cpSync(join(from, folder.name), to, { recursive: true });
  }
  return folders.map((d) => d.name);
}

export function launchKafkaConnect(l: Layout): Launch {
  syncBundledPlugins(l);
  mkdirSync(join(l.connectDir, 'tmp'), { recursive: true });
  const props = join(l.runDir, 'connect-distributed.properties');
  writeFileSync(
    props,
    connectWorkerProperties({
      bootstrap: Array.from({ length: l.brokers }, (_, i) => `${l.host}:${l.kafkaPort(i)}`).join(','),
      host: l.host,
      port: l.ports.connect,
      pluginPath: l.connectPluginDir,
      brokers: l.brokers,
      superUser: l.secure?.superUser ?? null,
    }),
  );
  // the worker logs through the same framework as its broker line: log4j2 for Kafka 4, reload4j for 3.9
  const logging = l.kraft
    ? [`-Dlog4j2.configurationFile=${join(l.confDir, 'kafka-log4j2.properties')}`]
    : [`-Dlog4j.configuration=file:${join(l.confDir, 'kafka-log4j.properties')}`];
  return {
    args: [
      '-Xmx512m',
      '-Xms64m',
      '-XX:+UseSerialGC',
      // C1 only, like the registry: it starts beside Kafka and Flink on a laptop; a local worker's load never needs C2
      '-XX:TieredStopAtLevel=1',
      ...l.markers(SERVICE),
      '-Djava.awt.headless=true',
      `-XX:ErrorFile=${join(l.logsDir, `${SERVICE}-hs_err_%p.log`)}`,
      `-Djava.io.tmpdir=${join(l.connectDir, 'tmp')}`,
      ...logging,
      `-Dstreamdesk.log.file=${l.logFile(SERVICE)}`,
      '-cp',
      l.classpath(l.component(SERVICE)),
      'org.apache.kafka.connect.cli.ConnectDistributed',
      props,
    ],
    env: secureEnv(l),
    probe: connectProbe(l),
  };
}
