import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Connection } from '@shared/connection';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import { SERVICE_KEYS, type HealthSnapshot } from '@shared/health';
import { statusReport } from './services/health/status-report';
import type { BackendOptions } from './backend';
import { consoleLogger } from './core/logger';
import { exitWhenFlushed } from './core/exit-when-flushed';
import { appVersion, COMPOSE_DIR, defaultConfigDir, defaultDataDir, JMX_EXPORTER, NATIVE_CONF_DIR, NATIVE_LIB_DIR, RENDERER_DIR } from './paths';
import { runSearch } from './cli-search';
import { searchDecode, searchTarget } from './cli-search-setup';
import { JsonFileStore, profileStorageIn } from './services/profiles';
import type { Api, CallArgs, CallName, CallResult } from '@shared/contract';
import { unwrap } from '@shared/errors';
import { allServicesRunning, ConnectPluginName, type StackStatus } from '@shared/stack';
import { dispatch } from './core/dispatch';

const USAGE = `streamdesk — a control console for Kafka + ZooKeeper/KRaft + Flink

Usage:
  streamdesk serve [--host H] [--port P] [--token T]     the console in a browser, plus the REST API
  streamdesk stack up|down|status [--native] [--kraft] [--brokers 1|3] [--secure] [--data-dir D]
                                                          --brokers 3: three brokers on the Kafka port and the two after it
                                                          --secure: SASL/SCRAM-SHA-512 only, ACLs enforced, super user
                                                          "streamdesk" (password sealed in the profile store)
  streamdesk stack plugins add debezium-postgres          a Connect plugin from Maven Central into the worker's plugin.path
  streamdesk status [--json]                              health of the configured stack
  streamdesk search TOPIC --filter EXPR [--from beginning|end|OFFSET|TIMESTAMP] [--limit N] [--json] [--on-cluster]
                                                          matches on stdout (JSON Lines with --json), scanned count and rate on stderr;
                                                          --on-cluster runs it as a Flink SQL query (search --help: every option)

Connection (all commands; default: the active profile, saved in ~/.config/streamdesk or STREAMDESK_CONFIG_DIR):
  --kafka HOST:PORT[,HOST:PORT]  --zookeeper HOST:PORT  --flink-url URL  --kafka-ui-url URL
  --schema-registry URL (with --kafka: the registry records are decoded through; also STREAMDESK_SCHEMA_REGISTRY)
Local stack ports: --kafka-port --zookeeper-port --flink-port --exporter-port --sql-gateway-port --registry-port
  --connect-port --controller-port (defaults 9092, 2181, 8081, 7071, 8083, 8085, 8084, 9093; the KRaft controllers listen
  from --controller-port on, or right after the brokers' ports when those would overlap; the Schema Registry needs
  Java 21+, else it is skipped with the reason)

status exits 0 when every configured service is up, 1 otherwise.`;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  native: { type: 'boolean' },
  kraft: { type: 'boolean' },
  brokers: { type: 'string' },
  secure: { type: 'boolean' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  kafka: { type: 'string' },
  zookeeper: { type: 'string' },
  'flink-url': { type: 'string' },
  'kafka-ui-url': { type: 'string' },
  'schema-registry': { type: 'string' },
  'kafka-port': { type: 'string' },
  'zookeeper-port': { type: 'string' },
  'flink-port': { type: 'string' },
  'exporter-port': { type: 'string' },
  'sql-gateway-port': { type: 'string' },
  'registry-port': { type: 'string' },
  'connect-port': { type: 'string' },
  'controller-port': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

type PortFlag =
  'port' | 'kafka-port' | 'zookeeper-port' | 'flink-port' | 'exporter-port' | 'sql-gateway-port' | 'registry-port' | 'connect-port' | 'controller-port';

function portFlag(flags: Flags, name: PortFlag): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--${name} must be a port number (0-65535), got "${raw}"`);
  return port;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** An explicit connection when any address flag (or STREAMDESK_* variable) is given. */
function connectionFrom(flags: Flags): Connection | undefined {
  const kafka = flags.kafka ?? process.env.STREAMDESK_KAFKA;
  const zookeeper = flags.zookeeper ?? process.env.STREAMDESK_ZOOKEEPER;
  const flinkUrl = flags['flink-url'] ?? process.env.STREAMDESK_FLINK_URL;
  const kafkaUiUrl = flags['kafka-ui-url'] ?? process.env.STREAMDESK_KAFKA_UI_URL;
  if (!kafka && !zookeeper && !flinkUrl && !kafkaUiUrl) return undefined;
  return {
    name: 'Command line',
    kafkaBootstrap: kafka
      ? kafka
          .split(',')
          .map((broker) => broker.trim())
          .filter(Boolean)
      : LOCAL_STACK_CONNECTION.kafkaBootstrap,
    zookeeper: zookeeper === 'none' ? null : (zookeeper ?? (flags.kraft ? null : LOCAL_STACK_CONNECTION.zookeeper)),
    flinkUrl: flinkUrl === 'none' ? null : (flinkUrl ?? LOCAL_STACK_CONNECTION.flinkUrl),
    kafkaUiUrl: kafkaUiUrl ?? null,
    schemaRegistryUrl: flags['schema-registry'] ?? process.env.STREAMDESK_SCHEMA_REGISTRY ?? null,
  };
}

/** Loaded on demand: `streamdesk search` starts in a fraction of the time without the whole back end. */
async function backendFrom(flags: Flags) {
  const { createBackend } = await import('./backend');
  const options: BackendOptions = {
    version: appVersion(),
    connection: connectionFrom(flags),
    profiles: profileStorageIn(defaultConfigDir()),
    alertsFile: new JsonFileStore(path.join(defaultConfigDir(), 'alerts.json')),
    dataDir: path.resolve(flags['data-dir'] ?? defaultDataDir()),
    libDir: NATIVE_LIB_DIR,
    confDir: NATIVE_CONF_DIR,
    composeDir: COMPOSE_DIR,
    // without --kraft, `serve` and `status` find the stack in the mode its data dir recorded
    ...(flags.kraft ? { kraft: true } : {}),
    jmxExporter: { ...JMX_EXPORTER, ...definedOnly({ port: portFlag(flags, 'exporter-port') }) },
    stackPorts: definedOnly({
      kafka: portFlag(flags, 'kafka-port'),
      zookeeper: portFlag(flags, 'zookeeper-port'),
      flinkRest: portFlag(flags, 'flink-port'),
      sqlGateway: portFlag(flags, 'sql-gateway-port'),
      schemaRegistry: portFlag(flags, 'registry-port'),
      connect: portFlag(flags, 'connect-port'),
      kafkaController: portFlag(flags, 'controller-port'),
    }),
    schemaRegistry: true,
    connect: true,
    logger: consoleLogger,
  };
  return createBackend(options);
}

/** A contract call as the hosts make it (validated and answered by dispatch); a refusal is thrown. */
async function call<K extends CallName>(api: Api, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  return unwrap(await dispatch(api, name, args)) as CallResult<K>;
}

function printHealth(snapshot: HealthSnapshot): void {
  console.log(`overall: ${snapshot.overall}${snapshot.overallReason ? ` (${snapshot.overallReason})` : ''}`);
  for (const key of SERVICE_KEYS) {
    const health = snapshot.services[key];
    console.log(`  ${key.padEnd(15)} ${health.status.padEnd(15)} ${health.reason}`);
  }
}

async function serve(flags: Flags): Promise<void> {
  const host = flags.host ?? '127.0.0.1';
  const token = flags.token ?? process.env.STREAMDESK_TOKEN ?? randomBytes(24).toString('base64url');
  if (token.length < 16) throw new UsageError('--token must be at least 16 characters');
  const backend = await backendFrom(flags);
  const { startWebHost } = await import('./hosts/web');
  const web = await startWebHost({
    api: backend.api,
    bus: backend.bus,
    token,
    host,
    port: portFlag(flags, 'port') ?? 8765,
    rendererDir: RENDERER_DIR,
    logger: consoleLogger,
  });
  backend.start();
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.warn(`WARNING: listening on ${host}: anyone who can reach this machine and knows the token can control the stack.`);
  }
  console.log(`StreamDesk is serving at ${web.url}`);
  const shutdown = () => {
    void backend
      .dispose()
      .then(() => web.close())
      .then(() => exitWhenFlushed(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function stateWord(service: { running: boolean; pid: number | null; skipped: string | null }): string {
  if (service.running) return `running (pid ${service.pid})`;
  return service.skipped ? `skipped (${service.skipped})` : 'stopped';
}

/** "KRaft mode, 3 brokers, secure (SASL/SCRAM-SHA-512, super user streamdesk…)": never a password. */
function describeStack(status: StackStatus): string {
  const brokers = status.brokers === 1 ? 'one broker' : `${status.brokers} brokers`;
  const secure = status.superUser ? `, secure (SASL/SCRAM-SHA-512, super user ${status.superUser}; its password is sealed in the profile store)` : '';
  return `${status.kraft ? 'KRaft' : 'ZooKeeper'} mode, ${brokers}${secure}`;
}

async function stack(action: string | undefined, flags: Flags): Promise<number> {
  const backend = await backendFrom(flags);
  let lastMessage: string | undefined;
  backend.bus.onAny((event, payload) => {
    if (event === 'stack:progressed') {
      const progress = payload as { service: string; phase: string; message?: string };
      // fetching jars is one message for every service it concerns: said once
      if (progress.message !== undefined && progress.message === lastMessage) return;
      lastMessage = progress.message;
      console.error(`  ${progress.service.padEnd(18)} ${progress.phase}${progress.message ? `: ${progress.message}` : ''}`);
    }
  });
  switch (action) {
    case 'up': {
      // the dispatcher checks --brokers against the contract (1 or 3) and names the field when it is neither
      const brokers = (flags.brokers === undefined ? 1 : Number(flags.brokers)) as 1 | 3;
      const status = await call(backend.api, 'stack:up', { kraft: Boolean(flags.kraft), brokers, secure: Boolean(flags.secure) });
      console.log(`Local stack is up (${describeStack(status)}, data in ${status.dataDir})`);
      return 0;
    }
    case 'down':
      await call(backend.api, 'stack:down', {});
      console.log('Local stack is stopped');
      return 0;
    case 'status': {
      const status = await call(backend.api, 'stack:status', {});
      if (flags.json) console.log(JSON.stringify(status, null, 2));
      else for (const service of status.services) console.log(`  ${service.name.padEnd(18)} ${stateWord(service)}  :${service.port}  ${service.logFile}`);
      return allServicesRunning(status.services) ? 0 : 1;
    }
    default:
      throw new UsageError('stack needs up, down or status');
  }
}

/** `stack plugins add NAME`: fetched, copied into the worker's plugin.path, the worker restarted (its progress on stderr). */
async function stackPlugins([verb, name]: string[], flags: Flags): Promise<number> {
  const plugin = ConnectPluginName.safeParse(name);
  if (verb !== 'add' || !plugin.success) throw new UsageError(`stack plugins needs: add ${ConnectPluginName.options.join('|')}`);
  const backend = await backendFrom(flags);
  backend.bus.onAny((event, payload) => {
    if (event !== 'stack:progressed') return;
    const progress = payload as { service: string; phase: string; message?: string };
    console.error(`  ${progress.service.padEnd(18)} ${progress.phase}${progress.message ? `: ${progress.message}` : ''}`);
  });
  const status = await call(backend.api, 'stack:addConnectPlugin', { plugin: plugin.data });
  console.log(`${plugin.data} is on the Connect worker's plugin.path (${status.connectPlugins.join(', ')})`);
  return 0;
}

async function status(flags: Flags): Promise<number> {
  const backend = await backendFrom(flags);
  const snapshot = await call(backend.api, 'health:refresh', {});
  if (flags.json) console.log(JSON.stringify(statusReport(snapshot), null, 2));
  else printHealth(snapshot);
  return snapshot.overall === 'up' ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  // search has its own flags (--filter, --from, --limit): it parses the rest of the line itself.
  if (argv[0] === 'search') return runSearch(argv.slice(1), searchTarget(argv.slice(1)), process.stdout, process.stderr, searchDecode(argv.slice(1)));
  const { values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, action, ...rest] = positionals;
  if (flags.help || !command) {
    console.log(USAGE);
    return command || flags.help ? 0 : 2;
  }
  switch (command) {
    case 'serve':
      await serve(flags);
      return -1; // keeps running
    case 'stack':
      return action === 'plugins' ? stackPlugins(rest, flags) : stack(action, flags);
    case 'status':
      return status(flags);
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) void exitWhenFlushed(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`streamdesk: ${(error as Error).message}\n\n${USAGE}`);
      return void exitWhenFlushed(2);
    }
    console.error(`streamdesk: ${error instanceof Error ? error.message : String(error)}`);
    void exitWhenFlushed(1);
  },
);
