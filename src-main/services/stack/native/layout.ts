// Where every file of a native stack lives, derived from NativeStackOptions.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brokerIndex, controllerPorts } from './brokers';
import type { NativeComponent, NativeSaslScramOptions, NativeSecurity, NativeServiceName, NativeStackOptions } from './types';

const DEFAULT_PORTS = { kafka: 9092, zookeeper: 2181, flinkRest: 8081, kafkaController: 9093, sqlGateway: 8083, schemaRegistry: 8085, connect: 8084 } as const;

export class Layout {
  readonly dataDir: string;
  readonly runDir: string;
  readonly logsDir: string;
  readonly libDir: string;
  readonly confDir: string;
  readonly host: string;
  readonly kraft: boolean;
  readonly javaBin: string;
  readonly ports: { kafka: number; zookeeper: number; flinkRest: number; kafkaController: number; sqlGateway: number; schemaRegistry: number; connect: number };
  readonly saslScram: NativeSaslScramOptions | undefined;
  readonly tls: NativeStackOptions['tls'];
  readonly jmxExporter: NativeStackOptions['jmxExporter'];
  readonly brokers: number;
  readonly secure: NativeSecurity | undefined;
  readonly only: NativeServiceName[] | null;
  readonly schemaRegistry: boolean;
  readonly connect: boolean;
  readonly jvmRoots: string[];

  constructor(o: NativeStackOptions) {
    this.dataDir = resolve(o.dataDir);
    this.runDir = join(this.dataDir, 'run');
    this.logsDir = join(this.dataDir, 'logs');
    this.libDir = resolve(o.libDir);
    this.confDir = resolve(o.confDir);
    this.host = o.host ?? '127.0.0.1';
    this.kraft = o.kraft ?? false;
    this.javaBin = o.javaBin ?? 'java';
    this.ports = { ...DEFAULT_PORTS, ...definedOnly(o.ports ?? {}) };
    this.saslScram = o.saslScram;
    this.tls = o.tls;
    this.jmxExporter = o.jmxExporter;
    this.brokers = o.brokers ?? 1;
    this.secure = o.secure;
    this.only = o.only ?? null;
    this.schemaRegistry = o.schemaRegistry ?? false;
    this.connect = o.connect ?? false;
    this.jvmRoots = o.jvmRoots ?? ['/usr/lib/jvm'];
  }

  get zkDataDir(): string {
    return join(this.dataDir, 'zookeeper');
  }
  /**
   * A broker's log dir. ZooKeeper-mode and KRaft-mode logs are not interchangeable, so each mode has its own folder.
   * In ZooKeeper mode more brokers simply join the first one's data; a KRaft metadata log is bound to its quorum
   * (standalone or three voters) and holds the SCRAM credentials it was formatted with, so each KRaft shape has its own.
   */
  kafkaLogDir(index = 0): string {
    if (!this.kraft) return join(this.dataDir, 'kafka', index === 0 ? 'zk' : `zk-broker-${index}`);
    if (this.brokers === 1 && !this.secure) return join(this.dataDir, 'kafka', 'kraft');
    const shape = `kraft${this.brokers > 1 ? `-${this.brokers}` : ''}${this.secure ? '-secure' : ''}`;
    return join(this.dataDir, 'kafka', shape, `node-${index + 1}`);
  }
  /** Where a KRaft cluster of several nodes keeps the cluster id every node is formatted with. */
  get kraftClusterIdFile(): string {
    return join(dirname(this.kafkaLogDir(0)), 'cluster-id');
  }
  /** The port broker `index` serves clients on: the Kafka port and the ones after it. */
  kafkaPort(index = 0): number {
    return this.ports.kafka + index;
  }
  /** Every KRaft controller's port, node 1's first. */
  get controllerPorts(): number[] {
    return controllerPorts(this.ports.kafka, this.ports.kafkaController, this.brokers);
  }
  /** The port a service is reached on (the TaskManager answers through the JobManager's REST API). */
  portOf(s: NativeServiceName): number {
    const broker = brokerIndex(s);
    if (broker !== null) return this.kafkaPort(broker);
    if (s === 'zookeeper') return this.ports.zookeeper;
    if (s === 'flink-sql-gateway') return this.ports.sqlGateway;
    if (s === 'schema-registry') return this.ports.schemaRegistry;
    if (s === 'kafka-connect') return this.ports.connect;
    return this.ports.flinkRest;
  }
  get flinkDir(): string {
    return join(this.dataDir, 'flink');
  }
  /** The registry's H2 database and temp files. */
  get registryDir(): string {
    return join(this.dataDir, 'registry');
  }
  /** The Connect worker's plugin.path and temp files. */
  get connectDir(): string {
    return join(this.dataDir, 'connect');
  }
  get connectPluginDir(): string {
    return join(this.connectDir, 'plugins');
  }
  get flinkConfDir(): string {
    return join(this.runDir, 'flink-conf');
  }

  pidFile(s: NativeServiceName): string {
    return join(this.runDir, `${s}.pid`);
  }
  /** What the service's logger writes. */
  logFile(s: NativeServiceName): string {
    return join(this.logsDir, `${s}.log`);
  }
  /** The process's stdout/stderr (JVM errors before logging starts, crashes). */
  outFile(s: NativeServiceName): string {
    return join(this.logsDir, `${s}.out`);
  }

  /** Exact argv entries that identify a process as this stack's `s`. */
  markers(s: NativeServiceName): string[] {
    return [`-Dstreamdesk.service=${s}`, `-Dstreamdesk.home=${this.dataDir}`];
  }

  component(s: NativeServiceName): NativeComponent {
    if (s === 'zookeeper') return 'zookeeper';
    if (brokerIndex(s) !== null) return this.kraft ? 'kafka-kraft' : 'kafka-zk';
    if (s === 'schema-registry') return 'registry';
    if (s === 'kafka-connect') return this.kraft ? 'connect-kraft' : 'connect-zk';
    return 'flink';
  }

  componentDir(c: NativeComponent): string {
    return join(this.libDir, c);
  }

  classpath(c: NativeComponent): string {
    return `${this.componentDir(c)}/*`;
  }

  jars(c: NativeComponent): string[] {
    try {
      return readdirSync(this.componentDir(c)).filter((f) => f.endsWith('.jar'));
    } catch {
      return [];
    }
  }

  get fetchScript(): string {
    return join(dirname(this.libDir), 'fetch-jars.sh');
  }

  fetchCommand(components: NativeComponent[]): string {
    return `bash ${this.fetchScript} ${components.join(' ')}`.trim();
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
