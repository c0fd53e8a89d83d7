// Where every file of a native stack lives, derived from NativeStackOptions.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { NativeComponent, NativeSaslScramOptions, NativeServiceName, NativeStackOptions } from './types';

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
  readonly brokerId: number;
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
    this.brokerId = o.brokerId ?? 0;
    this.only = o.only ?? null;
    this.schemaRegistry = o.schemaRegistry ?? false;
    this.connect = o.connect ?? false;
    this.jvmRoots = o.jvmRoots ?? ['/usr/lib/jvm'];
  }

  get zkDataDir(): string {
    return join(this.dataDir, 'zookeeper');
  }
  /** ZooKeeper-mode and KRaft-mode logs are not interchangeable, so each mode has its own folder. */
  get kafkaLogDir(): string {
    return join(this.dataDir, 'kafka', this.kraft ? 'kraft' : 'zk');
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
    if (s === 'kafka') return this.kraft ? 'kafka-kraft' : 'kafka-zk';
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
