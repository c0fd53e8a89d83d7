import type { ConnectPluginName, StackBackend, StackProgress, StackServiceState } from '@shared/stack';

/** Tells the console how one service is getting on while a backend starts the stack. */
export type StackEmit = (service: string, phase: StackProgress['phase'], message?: string) => void;

/** Where the console reaches the local stack. */
export interface LocalStackPorts {
  kafka: number;
  zookeeper: number | null;
  flinkRest: number;
  sqlGateway: number;
  /** null when the stack runs no Schema Registry */
  schemaRegistry: number | null;
  /** null when the stack runs no Kafka Connect worker */
  connect: number | null;
}

/**
 * One way of running the local stack: local JVM processes or Docker Compose. StackService keeps
 * one of each, makes one active (`stack:setBackend`) and around it adds what both share: one
 * operation at a time, progress events, the last error, the data size and reset.
 */
export interface StackRunner {
  readonly backend: StackBackend;
  /** How the Stack page names it ("Docker Compose"). */
  readonly title: string;
  readonly ports: LocalStackPorts;
  /** The broker's Prometheus endpoint, when there is one. */
  readonly metricsUrl: string | null;
  /** Whether it can run here, and if not, why and what to do. `recheck` skips a cached answer. */
  availability(recheck?: boolean): Promise<{ available: boolean; detail: string }>;
  /** Why the stack's Schema Registry does not run here (no Java 21+), or null. */
  registrySkipped(): string | null;
  /** The stack's services as the Stack page lists them. */
  services(): Promise<StackServiceState[]>;
  /** What must be fetched before a start, each with the command that fetches it. */
  missingJars(): string[];
  /** Pids of running processes (for their CPU and memory); null where processes are not ours to see. */
  runningPids(): Promise<{ service: string; pid: number }[] | null>;
  /** Starts every service and waits until they answer; rejects, naming what failed. */
  up(emit: StackEmit): Promise<void>;
  /** The services `down()` stops, for its progress events. */
  serviceNames(): Promise<string[]>;
  down(): Promise<void>;
  /** `service` as one of this stack's service names; not-found otherwise. */
  serviceNamed(service: string): string;
  /** Starts one stopped service again and waits until it answers. */
  startService(name: string): Promise<void>;
  logFile(name: string): string;
  /** The plugin folders on the Connect worker's plugin.path. */
  connectPlugins(): string[];
  /** Fetches a Connect plugin into the worker's plugin.path and restarts a running worker so it loads it. */
  addConnectPlugin(plugin: ConnectPluginName, emit: StackEmit): Promise<void>;
  /** ZooKeeper (false) or KRaft (true) from the next start on. */
  setKraft(kraft: boolean): void;
}
