// Reusable test harness: a real native stack (ZooKeeper/Kafka/Flink JVMs, Apicurio Registry and a Kafka Connect worker when asked) on free ports in a temp dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, NativeStack } from '@main/services/stack/native';
import type { NativeProgress, NativeServiceName, NativeStackOptions } from '@main/services/stack/native';
import { JMX_EXPORTER } from '@main/paths';
import { CCOMPAT_PATH } from '@main/services/stack/native/schema-registry';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NATIVE_DIR = join(REPO_ROOT, 'compose', 'native');

export interface TestStackPorts {
  kafka: number;
  zookeeper: number | null;
  flinkRest: number;
  sqlGateway: number;
  kafkaController: number | null;
  /** null unless the registry was asked for */
  schemaRegistry: number | null;
  /** null unless Connect was asked for */
  connect: number | null;
}

export interface TestStack {
  stack: NativeStack;
  ports: TestStackPorts;
  host: string;
  dataDir: string;
  /** `host:port` for Kafka clients (the first broker) */
  bootstrap: string;
  /** Every broker's `host:port`, the first broker's first. */
  brokers: string[];
  /** `http://host:port` of Flink's REST API */
  flinkUrl: string;
  /** `http://host:port` of the Flink SQL Gateway's REST API */
  sqlGatewayUrl: string;
  /** The broker's JMX exporter (`http://host:port/metrics`), when asked for. */
  exporterUrl: string | null;
  /** Apicurio's Confluent-compatible API (`http://host:port/apis/ccompat/v7`), when asked for; null otherwise. */
  schemaRegistryUrl: string | null;
  /** The Connect worker's REST API (`http://host:port`), when asked for; null otherwise. */
  connectUrl: string | null;
  /** down() and remove the temp data dir (kept when STREAMDESK_KEEP_STACK_DATA=1). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartTestStackOptions {
  kraft?: boolean;
  onProgress?: NativeProgress;
  timeoutMs?: number;
  /** Opt-in SASL_PLAINTEXT listener with SCRAM/PLAIN users (ZooKeeper mode); pick its port with freePorts. */
  saslScram?: NativeStackOptions['saslScram'];
  tls?: NativeStackOptions['tls'];
  /** Opt-in: the broker runs the Prometheus JMX exporter agent with the app's own rules (compose/jmx-exporter). */
  jmxExporter?: boolean;
  /**
   * Opt-in: Apicurio Registry 3 (H2 on disk in the data dir) on a JDK 21+; only tests that need it ask (it adds a JVM).
   * Fails at once, with the reason, when no JDK 21+ is found (STREAMDESK_JAVA21_HOME, JAVA_HOME, /usr/lib/jvm).
   */
  schemaRegistry?: boolean;
  /** Opt-in: a Kafka Connect distributed worker of the broker's Kafka line (one more JVM, started after Kafka); only tests that need it ask. */
  connect?: boolean;
  /** Opt-in: a cluster of three brokers (ZooKeeper mode: sharing ZooKeeper; KRaft: a quorum of three combined nodes). */
  brokers?: 1 | 3;
  /** Opt-in: SASL/SCRAM-SHA-512 only, with an authorizer and this super user. */
  secure?: NativeStackOptions['secure'];
  /** Opt-in: run only these services (e.g. without Flink's three JVMs when a test needs only Kafka and Connect). */
  only?: NativeServiceName[];
}

/** Distinct free ports, below the range the OS hands out by itself (see freePort). */
export async function freePorts(n: number, host = '127.0.0.1'): Promise<number[]> {
  const out = new Set<number>();
  while (out.size < n) out.add(await freePort(host));
  return [...out];
}

/** The first of `n` consecutive free ports (a multi-broker stack's brokers listen on the Kafka port and the ones after it). */
export async function freePortRun(n: number, host = '127.0.0.1'): Promise<number> {
  // freePort hands out ports in ascending order, so a run of n answers in a row is a run of free ports, and taken
  // (no later freePort hands them out again)
  for (let tries = 0; tries < 200; tries += 1) {
    const ports: number[] = [];
    for (let i = 0; i < n; i += 1) ports.push(await freePort(host));
    if (ports.every((port, i) => port === (ports[0] ?? 0) + i)) return ports[0] ?? 0;
  }
  throw new Error(`no run of ${n} free ports on ${host}`);
}

/** Fetch missing jars with compose/native/fetch-jars.sh (Maven; slow only the first time). */
export function ensureJars(stack: NativeStack): void {
  const missing = stack.missingJars();
  if (missing.length === 0) return;
  const comps = missing.map((m) => m.split(':')[0] ?? '').filter(Boolean);
  const r = spawnSync('bash', [join(NATIVE_DIR, 'fetch-jars.sh'), ...comps], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`fetch-jars.sh ${comps.join(' ')} failed (status ${r.status})`);
  const still = stack.missingJars();
  if (still.length > 0) throw new Error(`jars still missing:\n${still.join('\n')}`);
}

const live = new Set<TestStack>();
let exitHookInstalled = false;

/** Last-resort guard: if the test process exits without stop(), SIGKILL what the stacks started. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const t of live) {
      for (const s of t.stack.services()) {
        const pid = t.stack.pidSync(s);
        if (pid !== null) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
    }
  });
}

export async function startTestStack(opts: StartTestStackOptions = {}): Promise<TestStack> {
  const host = '127.0.0.1';
  const kraft = opts.kraft ?? false;
  const brokers = opts.brokers ?? 1;
  const kafka = await freePortRun(brokers, host);
  const kafkaController = await freePortRun(brokers, host);
  const [zookeeper, flinkRest, sqlGateway, exporter, schemaRegistry, connect] = (await freePorts(6, host)) as [number, number, number, number, number, number];
  const dataDir = mkdtempSync(join(tmpdir(), `streamdesk-stack-${kraft ? 'kraft' : 'zk'}-`));
  const stack = new NativeStack({
    dataDir,
    libDir: join(NATIVE_DIR, 'lib'),
    confDir: join(NATIVE_DIR, 'conf'),
    kraft,
    host,
    ports: { kafka, zookeeper, flinkRest, kafkaController, sqlGateway, schemaRegistry, connect },
    schemaRegistry: opts.schemaRegistry ?? false,
    connect: opts.connect ?? false,
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.brokers ? { brokers: opts.brokers } : {}),
    ...(opts.secure ? { secure: opts.secure } : {}),
    ...(opts.saslScram ? { saslScram: opts.saslScram } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.jmxExporter ? { jmxExporter: { ...JMX_EXPORTER, port: exporter } } : {}),
  });
  const noRegistry = opts.schemaRegistry ? stack.skipReason('schema-registry') : null;
  if (noRegistry) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`startTestStack({ schemaRegistry: true }): ${noRegistry}`);
  }
  ensureJars(stack);
  let stopped = false;
  const t: TestStack = {
    stack,
    host,
    dataDir,
    ports: {
      kafka,
      zookeeper: kraft ? null : zookeeper,
      flinkRest,
      kafkaController: kraft ? kafkaController : null,
      sqlGateway,
      schemaRegistry: opts.schemaRegistry ? schemaRegistry : null,
      connect: opts.connect ? connect : null,
    },
    bootstrap: `${host}:${kafka}`,
    brokers: Array.from({ length: brokers }, (_, i) => `${host}:${kafka + i}`),
    flinkUrl: `http://${host}:${flinkRest}`,
    sqlGatewayUrl: `http://${host}:${sqlGateway}`,
    exporterUrl: stack.metricsUrl,
    schemaRegistryUrl: opts.schemaRegistry ? `http://${host}:${schemaRegistry}${CCOMPAT_PATH}` : null,
    connectUrl: opts.connect ? `http://${host}:${connect}` : null,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await stack.down();
      } finally {
        live.delete(t);
        if (process.env.STREAMDESK_KEEP_STACK_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  live.add(t);
  installExitHook();
  try {
    await stack.up(opts.onProgress, opts.timeoutMs ?? 240_000);
  } catch (e) {
    // keep the logs for the error message, but never leak processes
    await stack.down().catch(() => undefined);
    live.delete(t);
    stopped = true;
    throw e;
  }
  return t;
}
