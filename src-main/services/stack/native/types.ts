import type { NativeTlsListeners } from './broker-configs';

/** `kafka` is the first broker (the only one unless `brokers: 3`); `kafka-2` and `kafka-3` the others. */
export type NativeServiceName =
  'zookeeper' | 'kafka' | 'kafka-2' | 'kafka-3' | 'flink-jobmanager' | 'flink-taskmanager' | 'flink-sql-gateway' | 'schema-registry' | 'kafka-connect';

/** A folder of compose/native/lib: one per component so classpaths never mix. */
export type NativeComponent = 'zookeeper' | 'kafka-zk' | 'kafka-kraft' | 'flink' | 'registry' | 'connect-zk' | 'connect-kraft' | 'debezium-postgres';

export interface NativeStackOptions {
  /** Holds kafka/, zookeeper/, flink/{checkpoints,savepoints,tmp}, run/ (pid files, generated configs), logs/. */
  dataDir: string;
  /** compose/native/lib */
  libDir: string;
  /** compose/native/conf */
  confDir: string;
  kraft?: boolean;
  /**
   * Defaults 9092, 2181, 8081, 9093, 8083 (SQL Gateway REST), 8085 (Schema Registry), 8084 (Kafka Connect REST). Flink's other ports (rpc, blob, TM) and
   * the registry's management port are chosen free/ephemeral.
   */
  ports?: Partial<{
    kafka: number;
    zookeeper: number;
    flinkRest: number;
    kafkaController: number;
    sqlGateway: number;
    schemaRegistry: number;
    connect: number;
  }>;
  /**
   * Opt-in: Apicurio Registry (`schema-registry`, lib/registry) with H2 storage under dataDir/registry. It needs Java 21+
   * (STREAMDESK_JAVA21_HOME, JAVA_HOME or a JDK under jvmRoots); without one it is skipped with the reason, the rest unaffected.
   */
  schemaRegistry?: boolean;
  /**
   * Opt-in: a Kafka Connect distributed worker (`kafka-connect`, lib/connect-zk or lib/connect-kraft: the broker's Kafka line),
   * started once Kafka answers; its plugin.path is dataDir/connect/plugins.
   */
  connect?: boolean;
  /** Where JDKs are looked for (default Debian's /usr/lib/jvm). */
  jvmRoots?: string[];
  /** Default 'java'. */
  javaBin?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Opt-in (ZooKeeper mode only): an extra SASL_PLAINTEXT listener offering SCRAM-SHA-256,
   * SCRAM-SHA-512 and PLAIN for these users, to test authenticated clients. PLAINTEXT stays the
   * inter-broker (and ready-probe) listener. Without it the broker is exactly as before.
   */
  saslScram?: NativeSaslScramOptions;
  /** Opt-in (ZooKeeper mode only): TLS and mutual-TLS listeners, to test clients with CA, certificate and key files. */
  tls?: NativeTlsListeners;
  /**
   * Opt-in: the Prometheus JMX exporter java agent on the broker (bytes in/out, request rates),
   * serving `http://host:port/metrics`. Skipped when the agent jar is not there.
   */
  jmxExporter?: { agentJar: string; config: string; port: number };
  /**
   * How many brokers (default 1): with 3, brokers `kafka`, `kafka-2`, `kafka-3` on the Kafka port and the two after it,
   * sharing the stack's ZooKeeper, or in KRaft three combined broker+controller nodes forming a quorum of three.
   */
  brokers?: 1 | 3;
  /**
   * SASL/SCRAM-SHA-512 on every listener (no PLAINTEXT one), an authorizer (AclAuthorizer on ZooKeeper,
   * StandardAuthorizer on KRaft) and this super user; the brokers and the Connect worker sign in as it.
   */
  secure?: NativeSecurity;
  /**
   * Opt-in: run only these services, e.g. `['kafka']` for an extra broker that joins the
   * ZooKeeper of another stack (given as ports.zookeeper). Default: every service of the mode.
   */
  only?: NativeServiceName[];
}

export interface NativeSecurity {
  superUser: string;
  /** Asked for when a JVM starts or a probe signs in; it reaches the JVMs through their environment only, never a file. */
  password: () => string;
}

export interface NativeSaslScramOptions {
  port: number;
  /** Usernames: letters, digits, '.', '_', '-'. Passwords: no spaces, quotes, backslashes, ',', '=', '[' or ']'. */
  users: Array<{ username: string; password: string }>;
}

export interface NativeServiceState {
  name: NativeServiceName;
  pid: number | null;
  running: boolean;
  port: number;
  logFile: string;
  /** Why this service is not run here (the registry without Java 21+), or null. */
  skipped: string | null;
}

type NativeProgressPhase = 'starting' | 'ready' | 'already-running' | 'failed' | 'skipped';

export interface NativeProgressEvent {
  service: NativeServiceName;
  phase: NativeProgressPhase;
  message?: string;
}

export type NativeProgress = (e: NativeProgressEvent) => void;
