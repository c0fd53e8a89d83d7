// NativeStack: ZooKeeper/Kafka/Flink (and, when asked, Apicurio Registry) as detached local JVMs, tracked through pid files.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brokerIndex, brokerServices } from './brokers';
import { transientStartFailure } from './start-failures';
import { Layout } from './layout';
import { tailLines } from './logs';
import { portFree } from './probes';
import { isOurProcess, killAndWait, readPidFile, removePidFile, sleep, spawnDetached, writePidFile } from './proc';
import { CONNECT_RUNTIME_JAR, installedPlugins, installPluginComponent } from './kafka-connect';
import { REGISTRY_APP_JAR, REGISTRY_RUN_JAR, registryJava } from './schema-registry';
import { prepareLaunch, probeFor } from './services';
import { keptFor } from '@main/core/kept-for';
import { SQL_GATEWAY_JAR } from './sql-gateway';
import type { NativeComponent, NativeProgress, NativeServiceName, NativeServiceState, NativeStackOptions } from './types';

/** A Flink lib folder is complete with the SQL Gateway and the avro-confluent format (a folder fetched before the format was added is fetched again). */
const FLINK_NEEDS = [SQL_GATEWAY_JAR, /^flink-sql-avro-confluent-registry-.*\.jar$/];

const DEFAULT_UP_TIMEOUT_MS = 180_000;
const DEFAULT_START_TIMEOUT_MS = 120_000;
/** How long a file lookup (Java 21+ for the registry, the exporter's jar) is taken as still true (see skipReason). */
const LOOKUP_MS = 5_000;

export class NativeStack {
  /** schemaRegistry: null when this stack runs no registry (not asked for). */
  readonly ports: {
    kafka: number;
    zookeeper: number | null;
    flinkRest: number;
    sqlGateway: number;
    schemaRegistry: number | null;
    connect: number | null;
    /** The first KRaft controller's port as configured (null in ZooKeeper mode). */
    kafkaController: number | null;
  };
  private readonly l: Layout;

  constructor(opts: NativeStackOptions) {
    const problem = optionsProblem(opts);
    if (problem) throw new Error(problem);
    this.l = new Layout(opts);
    this.ports = {
      kafka: this.l.ports.kafka,
      zookeeper: this.l.kraft ? null : this.l.ports.zookeeper,
      flinkRest: this.l.ports.flinkRest,
      sqlGateway: this.l.ports.sqlGateway,
      schemaRegistry: this.l.schemaRegistry ? this.l.ports.schemaRegistry : null,
      connect: this.l.connect ? this.l.ports.connect : null,
      kafkaController: this.l.kraft ? this.l.ports.kafkaController : null,
    };
  }

  /** The broker's Prometheus endpoint, when the exporter agent is configured and its jar is present. */
  get metricsUrl(): string | null {
    const exporter = this.l.jmxExporter;
    return exporter && this.exporterJarPresent() ? `http://${this.l.host}:${exporter.port}/metrics` : null;
  }

  /** Whether the exporter's agent jar is there (a fetch of the jars adds it; looked at again every few seconds, as skipReason). */
  private readonly exporterJarPresent = keptFor(LOOKUP_MS, () => {
    const exporter = this.l.jmxExporter;
    return exporter ? existsSync(exporter.agentJar) : false;
  });

  /** How many brokers, and the super user when the stack is secure. */
  get shape(): { brokers: number; superUser: string | null } {
    return { brokers: this.l.brokers, superUser: this.l.secure?.superUser ?? null };
  }

  services(): NativeServiceName[] {
    const flink: NativeServiceName[] = ['flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway'];
    const registry: NativeServiceName[] = this.l.schemaRegistry ? ['schema-registry'] : [];
    const connect: NativeServiceName[] = this.l.connect ? ['kafka-connect'] : [];
    const brokers = brokerServices(this.l.brokers);
    const all: NativeServiceName[] = [...(this.l.kraft ? brokers : ['zookeeper' as const, ...brokers]), ...connect, ...flink, ...registry];
    const only = this.l.only;
    return only ? all.filter((s) => only.includes(s)) : all;
  }

  /**
   * Why `s` is not run here, or null: the registry needs Java 21+ (looked up afresh every few
   * seconds, so a JDK installed meanwhile counts at the next start). Not at every call: the local
   * connection asks on every Kafka target it builds, and the lookup reads the JDK folders
   * synchronously (3-6 ms of serve's main thread per ingest batch, bench/ingest --cpu-prof).
   */
  skipReason(s: NativeServiceName): string | null {
    return s === 'schema-registry' ? this.registryJavaProblem() : null;
  }

  private readonly registryJavaProblem = keptFor(LOOKUP_MS, () => {
    const java = registryJava(this.l.jvmRoots);
    return java.found ? null : `Apicurio Registry needs Java 21+: ${java.reason}`;
  });

  /** Components of the services that run here whose lib folder has no jars, or (Flink) lacks the SQL Gateway's or the avro-confluent format's, fetched before those joined the pom. */
  missingComponents(): NativeComponent[] {
    const comps = [...new Set(this.runnable(this.services()).map((s) => this.l.component(s)))];
    return comps.filter((c) => {
      const jars = this.l.jars(c);
      if (c === 'registry') return !jars.includes(REGISTRY_RUN_JAR);
      if (c === 'connect-zk' || c === 'connect-kraft') return !jars.some((j) => CONNECT_RUNTIME_JAR.test(j));
      return jars.length === 0 || (c === 'flink' && !FLINK_NEEDS.every((re) => jars.some((j) => re.test(j))));
    });
  }

  /** Each missing component with the command that fetches it. */
  missingJars(): string[] {
    return this.missingComponents().map(
      (c) =>
        `${c}: ${this.l.componentDir(c)} ${this.l.jars(c).length === 0 ? 'is empty' : `has no ${c === 'registry' ? REGISTRY_RUN_JAR : c.startsWith('connect-') ? 'connect-runtime jar' : 'flink-sql-gateway or flink-sql-avro-confluent-registry jar'}`}; fetch with: ${this.l.fetchCommand([c])}`,
    );
  }

  /** The script that fetches components' jars from Maven Central (compose/native/fetch-jars.sh). */
  get fetchScript(): string {
    return this.l.fetchScript;
  }

  /** The services that run from a component's jars. */
  servicesOf(components: NativeComponent[]): NativeServiceName[] {
    return this.services().filter((s) => components.includes(this.l.component(s)));
  }

  /** Version of each component, read from its lib folder's jar names (null when not fetched). */
  versions(): Partial<Record<NativeComponent, string | null>> {
    const pick = (c: NativeComponent, re: RegExp): string | null => {
      for (const j of this.l.jars(c)) {
        const m = re.exec(j);
        if (m?.[1]) return m[1];
      }
      return null;
    };
    const kafkaComp = this.l.kraft ? 'kafka-kraft' : 'kafka-zk';
    const out: Partial<Record<NativeComponent, string | null>> = {
      [kafkaComp]: pick(kafkaComp, /^kafka_2\.13-(.+)\.jar$/),
      flink: pick('flink', /^flink-runtime-(\d.+)\.jar$/),
    };
    if (!this.l.kraft) out.zookeeper = pick('zookeeper', /^zookeeper-(\d.+)\.jar$/);
    if (this.l.schemaRegistry) out.registry = this.registryVersion();
    if (this.l.connect) {
      const connectComp = this.l.component('kafka-connect');
      out[connectComp] = pick(connectComp, CONNECT_RUNTIME_JAR);
    }
    return out;
  }

  /** The plugin folders on the Connect worker's plugin.path (under the data dir). */
  connectPlugins(): string[] {
    return installedPlugins(this.l);
  }

  /** Copies a fetched plugin component into plugin.path; a running worker loads it once restarted. */
  installConnectPlugin(component: NativeComponent): string[] {
    return installPluginComponent(this.l, component);
  }

  /** The live pid of `s` recorded in its pid file (synchronous; null when not running). */
  pidSync(s: NativeServiceName): number | null {
    return this.livePid(s);
  }

  logFile(s: NativeServiceName): string {
    return this.l.logFile(s);
  }

  async up(onProgress?: NativeProgress, timeoutMs = DEFAULT_UP_TIMEOUT_MS): Promise<void> {
    const missing = this.missingJars();
    if (missing.length > 0) throw new Error(`native stack: jars are missing:\n  ${missing.join('\n  ')}`);
    mkdirSync(this.l.runDir, { recursive: true });
    const deadline = Date.now() + timeoutMs;
    const started: NativeServiceName[] = [];
    for (const s of this.services()) {
      const reason = this.skipReason(s);
      if (reason) onProgress?.({ service: s, phase: 'skipped', message: reason });
    }
    // independent chains, started side by side: the Kafka side (Connect keeps its state in Kafka), the Flink side and
    // the registry (H2 needs no Kafka). Within a chain, one step after the other; the brokers of a step start together
    // (a KRaft node answers only once a majority of the quorum runs)
    const brokers = brokerServices(this.l.brokers);
    const chains: NativeServiceName[][][] = [
      this.l.kraft ? [brokers, ['kafka-connect']] : [['zookeeper'], brokers, ['kafka-connect']],
      [['flink-jobmanager'], ['flink-taskmanager'], ['flink-sql-gateway']],
      [['schema-registry']],
    ];
    const results = await Promise.allSettled(
      chains.map(async (chain) => {
        for (const step of chain) {
          const here = this.runnable(this.ofThisStack(step));
          const settled = await Promise.allSettled(here.map((s) => this.ensure(s, deadline, onProgress, started)));
          const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) throw failed.reason;
        }
      }),
    );
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason)));
    if (failures.length > 0) {
      const left = started.length > 0 ? `\n(started in this call and left running for down(): ${started.join(', ')})` : '';
      throw new Error(failures.join('\n\n') + left);
    }
  }

  async start(service: NativeServiceName, timeoutMs = DEFAULT_START_TIMEOUT_MS): Promise<void> {
    this.assertService(service);
    const skipped = this.skipReason(service);
    if (skipped) throw new Error(`${service}: ${skipped}`);
    const missing = this.l.jars(this.l.component(service)).length === 0;
    if (missing) throw new Error(`${service}: jars are missing; fetch with: ${this.l.fetchCommand([this.l.component(service)])}`);
    await this.ensure(service, Date.now() + timeoutMs, undefined, []);
  }

  async stop(service: NativeServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.assertService(service);
    const pidFile = this.l.pidFile(service);
    const pid = readPidFile(pidFile);
    if (pid !== null) await killAndWait(pid, this.l.markers(service), signal, signal === 'SIGKILL' ? 5_000 : 15_000);
    removePidFile(pidFile);
  }

  async down(): Promise<void> {
    const brokers = brokerServices(this.l.brokers);
    const chains: NativeServiceName[][][] = [
      this.l.kraft ? [['kafka-connect'], brokers] : [['kafka-connect'], brokers, ['zookeeper']],
      [['flink-sql-gateway'], ['flink-taskmanager'], ['flink-jobmanager']],
      [['schema-registry']],
    ];
    await Promise.all(
      chains.map(async (chain) => {
        for (const step of chain) await Promise.all(this.ofThisStack(step).map((s) => this.stop(s)));
      }),
    );
  }

  state(): Promise<NativeServiceState[]> {
    return Promise.resolve(
      this.services().map((name) => {
        const pid = this.livePid(name);
        return {
          name,
          pid,
          running: pid !== null,
          port: this.l.portOf(name),
          logFile: this.l.logFile(name),
          skipped: pid === null ? this.skipReason(name) : null,
        };
      }),
    );
  }

  // ---- internals ----

  /** Those of `services` that are not skipped here. */
  private runnable(services: NativeServiceName[]): NativeServiceName[] {
    return services.filter((s) => this.skipReason(s) === null);
  }

  private registryVersion(): string | null {
    for (const jar of this.l.jars('registry').length > 0 ? readdirSafe(join(this.l.componentDir('registry'), 'app')) : []) {
      const m = REGISTRY_APP_JAR.exec(jar);
      if (m?.[1]) return m[1];
    }
    return null;
  }

  /** The services of `chain` this stack runs (all of them unless `only` narrowed it). */
  private ofThisStack(chain: NativeServiceName[]): NativeServiceName[] {
    const mine = this.services();
    return chain.filter((s) => mine.includes(s));
  }

  private assertService(s: NativeServiceName): void {
    if (!this.services().includes(s)) throw new Error(`${s} is not part of this stack (${this.l.kraft ? 'KRaft' : 'ZooKeeper'} mode)`);
  }

  private livePid(s: NativeServiceName): number | null {
    const pid = readPidFile(this.l.pidFile(s));
    return pid !== null && isOurProcess(pid, this.l.markers(s)) ? pid : null;
  }

  /** Adopt `s` if our process is alive, otherwise launch it; then wait until it answers. */
  private async ensure(s: NativeServiceName, deadline: number, onProgress: NativeProgress | undefined, started: NativeServiceName[]): Promise<void> {
    const emit = onProgress ?? (() => undefined);
    const adopted = this.livePid(s);
    if (adopted !== null) {
      try {
        const msg = await this.waitReady(s, adopted, probeFor(this.l, s), deadline);
        emit({ service: s, phase: 'already-running', message: `pid ${adopted}; ${msg}` });
        return;
      } catch (e) {
        emit({ service: s, phase: 'failed', message: (e as Error).message });
        throw e;
      }
    }
    removePidFile(this.l.pidFile(s));
    emit({ service: s, phase: 'starting' });
    const t0 = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const launched = await this.launch(s, started);
        const msg = await this.waitReady(s, launched.pid, launched.probe, deadline);
        emit({ service: s, phase: 'ready', message: `pid ${launched.pid}; ${msg}; ${((Date.now() - t0) / 1000).toFixed(1)} s` });
        return;
      } catch (e) {
        const message = (e as Error).message;
        const transient = attempt === 1 && Date.now() < deadline ? transientStartFailure(message) : null;
        if (transient === null) {
          emit({ service: s, phase: 'failed', message });
          throw e;
        }
        emit({ service: s, phase: 'starting', message: `started again: ${transient}` });
      }
    }
  }

  private async launch(s: NativeServiceName, started: NativeServiceName[]): Promise<{ pid: number; probe: () => Promise<string | null> }> {
    await this.assertPortsFree(s);
    const java = s === 'schema-registry' ? registryJava(this.l.jvmRoots) : null;
    const launch = await prepareLaunch(this.l, s, java?.found ? java.javaBin : undefined);
    const pid = spawnDetached(launch.java ?? this.l.javaBin, launch.args, this.l.outFile(s), this.l.runDir, launch.env);
    writePidFile(this.l.pidFile(s), pid);
    if (!started.includes(s)) started.push(s);
    return { pid, probe: launch.probe };
  }

  private async assertPortsFree(s: NativeServiceName): Promise<void> {
    const ports: number[] = [];
    if (s === 'zookeeper') ports.push(this.l.ports.zookeeper);
    const broker = brokerIndex(s);
    if (broker !== null) ports.push(this.l.kafkaPort(broker), ...(this.l.kraft ? [this.l.controllerPorts[broker] ?? 0] : []));
    if (s === 'flink-jobmanager') ports.push(this.l.ports.flinkRest);
    if (s === 'flink-sql-gateway') ports.push(this.l.ports.sqlGateway);
    if (s === 'schema-registry') ports.push(this.l.ports.schemaRegistry);
    if (s === 'kafka-connect') ports.push(this.l.ports.connect);
    for (const p of ports) {
      if (!(await portFree(this.l.host, p))) {
        throw new Error(`${s}: port ${this.l.host}:${p} is already in use by a process this stack did not start (pid files in ${this.l.runDir})`);
      }
    }
  }

  private async waitReady(s: NativeServiceName, pid: number, probe: () => Promise<string | null>, deadline: number): Promise<string> {
    let lastErr = '';
    for (;;) {
      if (!isOurProcess(pid, this.l.markers(s))) {
        removePidFile(this.l.pidFile(s));
        throw new Error(`${s} (pid ${pid}) exited before it was ready${this.logExcerpt(s)}`);
      }
      try {
        const msg = await probe();
        if (msg !== null) return msg;
      } catch (e) {
        lastErr = (e as Error).message;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `${s} (pid ${pid}) did not answer in time${lastErr ? ` (last probe: ${lastErr})` : ''}; it is left running for down()${this.logExcerpt(s)}`,
        );
      }
      await sleep(250);
    }
  }

  private logExcerpt(s: NativeServiceName): string {
    let out = '';
    for (const f of [this.l.logFile(s), this.l.outFile(s)]) {
      if (!existsSync(f)) continue;
      const t = tailLines(f, 30);
      if (t.trim()) out += `\n--- last lines of ${f} ---\n${t}`;
    }
    return out || `\n(no log output in ${this.l.logsDir})`;
  }
}

const SUPER_USER = /^[A-Za-z0-9._-]+$/;

/** Why these options cannot make a stack, naming the option, or null. */
function optionsProblem(o: NativeStackOptions): string | null {
  if (o.brokers !== undefined && o.brokers !== 1 && o.brokers !== 3) return `brokers: ${String(o.brokers)} is not offered (1 or 3)`;
  if (o.secure && !SUPER_USER.test(o.secure.superUser)) return `secure.superUser: "${o.secure.superUser}" may only hold letters, digits, '.', '_' and '-'`;
  if (o.secure && (o.saslScram || o.tls)) return 'secure: the secure stack has its own SASL listeners; saslScram and tls are for the plain one';
  return null;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
