import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { ConnectPluginName, StackBackend, StackProgress, StackStatus, StackUpArgs } from '@shared/stack';
import type { ComposeStack } from './compose';
import { ComposeRunner } from './compose-runner';
import { DataSizeMeter } from './data-size';
import type { NativeStackOptions } from './native';
import { tailLines } from './native/logs';
import { NativeRunner } from './native-runner';
import { CCOMPAT_PATH } from './native/schema-registry';
import { readRecordedPorts, resolvePorts } from './recorded-ports';
import { LOCAL_SUPER_USER, readRecordedShape, recordShape, type StackShape } from './recorded-shape';
import type { StackRunner } from './stack-runner';

export interface StackServiceOptions extends Omit<NativeStackOptions, 'kraft' | 'jmxExporter' | 'brokers' | 'secure'> {
  /** The mode to start in; left out, the mode the data dir's stack last ran in (ZooKeeper when it never ran). */
  kraft?: boolean;
  /**
   * The secure stack's super user's password, from the profile's secret store (made there on first use). Without it
   * (a back end with no profiles) the stack cannot be made secure.
   */
  superUserPassword?: () => string;
  /** The exporter agent; without a port, the one this data dir's stack was started on, else 7071. */
  jmxExporter?: { agentJar: string; config: string; port?: number };
  /** Docker Compose for the same stack, when Docker works here; built per mode (ZooKeeper/KRaft). */
  compose?: (kraft: boolean) => ComposeStack;
  onProgress?: (progress: StackProgress) => void;
  now?: () => number;
}

/** The JMX exporter agent's port when neither a flag nor this data dir's record names one. */
const DEFAULT_EXPORTER_PORT = 7071;

/** What the status says of Docker Compose while it is left unasked (deferComposeCheck). */
const COMPOSE_NOT_CHECKED = { available: false, detail: 'Not checked yet whether Docker Compose works here (StreamDesk has just started).' };

/**
 * The local stack as the console sees it: the active backend (local JVM processes or Docker
 * Compose, each a StackRunner), one operation at a time, with progress events, logs, data size
 * and reset.
 */
export class StackService {
  private readonly runners: Record<StackBackend, StackRunner>;
  private readonly composeRunner: ComposeRunner;
  /** Until this time (now()), status() leaves Docker Compose unasked: deferComposeCheck. */
  private composeUnaskedUntil = 0;
  private readonly nativeRunner: NativeRunner;
  private active: StackRunner;
  private kraft: boolean;
  private busy: StackStatus['busy'] = 'idle';
  private lastError: string | null = null;
  private readonly dataDir: string;
  private readonly dataSize: DataSizeMeter;
  private shape: StackShape;
  private readonly superUserPassword: (() => string) | undefined;
  private readonly now: () => number;
  private readonly onProgress: (progress: StackProgress) => void;

  constructor(given: StackServiceOptions) {
    const { compose, onProgress, now, jmxExporter, superUserPassword, ...native } = given;
    this.now = now ?? Date.now;
    this.onProgress = onProgress ?? (() => undefined);
    this.dataDir = given.dataDir;
    this.dataSize = new DataSizeMeter(given.dataDir);
    this.superUserPassword = superUserPassword;
    const { kraft: recordedKraft, ...shape } = readRecordedShape(given.dataDir);
    this.shape = shape;
    this.kraft = given.kraft ?? recordedKraft;
    const { exporter, ...ports } = resolvePorts({ ...given.ports, exporter: jmxExporter?.port }, readRecordedPorts(given.dataDir));
    const nativeRunner = new NativeRunner({
      ...native,
      kraft: this.kraft,
      brokers: this.shape.brokers,
      secure: this.security(this.shape.secure),
      ports,
      ...(jmxExporter ? { jmxExporter: { ...jmxExporter, port: exporter ?? DEFAULT_EXPORTER_PORT } } : {}),
    });
    this.composeRunner = new ComposeRunner({ compose, kraft: this.kraft, native: nativeRunner, now: this.now });
    this.runners = { native: nativeRunner, compose: this.composeRunner };
    this.nativeRunner = nativeRunner;
    this.active = nativeRunner;
  }

  /** How many brokers, and the super user of a secure stack (null when plain). */
  get cluster(): { brokers: number; superUser: string | null } {
    return { brokers: this.shape.brokers, superUser: this.shape.secure ? LOCAL_SUPER_USER : null };
  }

  /** Every broker's address (the native stack's brokers listen on the Kafka port and the ones after it). */
  kafkaBootstrap(): string[] {
    return this.active === this.nativeRunner ? this.nativeRunner.kafkaBootstrap() : [`127.0.0.1:${this.active.ports.kafka}`];
  }

  get ports() {
    return this.active.ports;
  }

  get metricsUrl(): string | null {
    return this.active.metricsUrl;
  }

  /**
   * The stack's Schema Registry (Apicurio's Confluent-compatible API), or null with why: not part
   * of this stack (reason null), or not run here (no Java 21+ for the native one).
   */
  schemaRegistry(): { url: string; reason: null } | { url: null; reason: string | null } {
    const port = this.active.ports.schemaRegistry;
    if (port === null) return { url: null, reason: null };
    const skipped = this.active.registrySkipped();
    return skipped
      ? { url: null, reason: `The local stack runs no Schema Registry: ${skipped}` }
      : { url: `http://127.0.0.1:${port}${CCOMPAT_PATH}`, reason: null };
  }

  /** The stack's Kafka Connect worker (its REST URL), or null when this stack runs none. */
  connectUrl(): string | null {
    const port = this.active.ports.connect;
    return port === null ? null : `http://127.0.0.1:${port}`;
  }

  /** Pids of the stack's running processes (for their CPU and memory); null under Docker Compose. */
  runningPids(): Promise<{ service: string; pid: number }[] | null> {
    return this.active.runningPids();
  }

  isStarting(): boolean {
    return this.busy === 'starting';
  }

  /**
   * A back end that keeps running (serve, the window) leaves Docker Compose unasked for its first `ms`: the check spawns
   * `docker compose version` (docker-compose 1.x is a Python program, ~0.7 s of CPU, and the spawn itself 0.1–0.2 s of
   * serve's) at the status bar's first stack:status, beside the first page's start (bench/coldstart), where nothing
   * needs the answer. The Stack page reads the status every 5 s and gets it after; switching backends asks at once.
   */
  deferComposeCheck(ms: number): void {
    this.composeUnaskedUntil = this.now() + ms;
  }

  private composeAvailability(): Promise<{ available: boolean; detail: string }> | { available: boolean; detail: string } {
    if (this.active === this.composeRunner || this.now() >= this.composeUnaskedUntil) return this.composeRunner.availability();
    return this.composeRunner.known() ?? COMPOSE_NOT_CHECKED;
  }

  async status(): Promise<StackStatus> {
    const compose = await this.composeAvailability();
    return {
      backend: this.active.backend,
      compose,
      dataSizeBytes: await this.dataSize.bytes(),
      kraft: this.kraft,
      dataDir: this.dataDir,
      missingJars: this.active.missingJars(),
      busy: this.busy,
      lastError: this.lastError,
      services: await this.active.services(),
      connectPlugins: this.active.connectPlugins(),
      brokers: this.shape.brokers,
      superUser: this.cluster.superUser,
    };
  }

  async setBackend(backend: StackBackend): Promise<StackStatus> {
    if (backend === this.active.backend) return this.status();
    if (this.busy !== 'idle') throw new StreamdeskError('conflict', `The local stack is ${this.busy}; switch backends when it is idle`);
    const next = this.runners[backend];
    const availability = await next.availability(true);
    if (!availability.available) throw new StreamdeskError('unavailable', `backend: ${next.title} cannot run here: ${availability.detail}`);
    if (await this.anyRunning()) {
      throw invalidField(['backend'], `stop the running ${this.active.backend} stack before switching to ${backend}`, 'conflict');
    }
    this.active = next;
    return this.status();
  }

  async up(args: StackUpArgs = {}): Promise<StackStatus> {
    const { kraft } = args;
    this.claim('starting');
    try {
      if (kraft !== undefined && kraft !== this.kraft) await this.switchMode(kraft);
      await this.reshape({ brokers: args.brokers ?? this.shape.brokers, secure: args.secure ?? this.shape.secure });
      this.lastError = null;
      await this.active.up((service, phase, message) => this.emit(service, phase, message));
      this.recordShape();
    } catch (error) {
      // a start that failed half-way left processes of this shape behind: whoever opens the data dir next adopts them as such
      if (await this.anyRunning().catch(() => false)) this.recordShape();
      this.lastError = error instanceof Error ? error.message : String(error);
      throw error instanceof StreamdeskError ? error : new StreamdeskError('unavailable', this.lastError);
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  async down(): Promise<StackStatus> {
    this.claim('stopping');
    try {
      const names = await this.active.serviceNames();
      for (const service of names) this.emit(service, 'stopping');
      await this.active.down();
      for (const service of names) this.emit(service, 'stopped');
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  /** Starts one stopped service again (after a crash), and waits until it answers. */
  async restartService(service: string): Promise<StackStatus> {
    const name = this.active.serviceNamed(service);
    this.claim('starting');
    try {
      this.emit(name, 'starting');
      await this.active.startService(name);
      this.emit(name, 'ready');
    } catch (error) {
      this.emit(name, 'failed', (error as Error).message);
      throw new StreamdeskError('unavailable', (error as Error).message);
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  /** Fetches a Connect plugin into the worker's plugin.path (progress on the worker's row) and restarts the worker to load it. */
  async addConnectPlugin(plugin: ConnectPluginName): Promise<StackStatus> {
    this.claim('starting');
    try {
      await this.active.addConnectPlugin(plugin, (service, phase, message) => this.emit(service, phase, message));
    } catch (error) {
      this.emit('kafka-connect', 'failed', (error as Error).message);
      throw error instanceof StreamdeskError ? error : new StreamdeskError('unavailable', (error as Error).message);
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  logs(service: string, lines: number): { service: string; file: string; lines: string[] } {
    const file = this.active.logFile(this.active.serviceNamed(service));
    const text = tailLines(file, lines);
    return { service, file, lines: text === '' ? [] : text.split('\n') };
  }

  /** Deletes the stack's data (topics, offsets, checkpoints, savepoints, logs) while it is stopped. */
  async reset(): Promise<StackStatus> {
    if (await this.anyRunning()) throw new StreamdeskError('conflict', 'Stop the local stack before resetting its data');
    for (const folder of ['kafka', 'zookeeper', 'flink', 'registry', 'connect', 'logs'])
      rmSync(path.join(this.dataDir, folder), { recursive: true, force: true });
    this.dataSize.forget();
    return this.status();
  }

  /** ZooKeeper or KRaft from this start on; refused while the stack of the other mode runs. */
  private async switchMode(kraft: boolean): Promise<void> {
    if (await this.anyRunning())
      throw new StreamdeskError('conflict', `Stop the running ${this.kraft ? 'KRaft' : 'ZooKeeper'} stack before starting the other mode`);
    this.kraft = kraft;
    for (const runner of Object.values(this.runners)) runner.setKraft(kraft);
  }

  /**
   * One broker or three, plain or secure, from this start on; refused while the stack runs in another shape, under
   * Docker Compose (it runs one plain broker) and, for a secure stack, without the profiles' secret store. Recorded in
   * the data dir once something of it runs, so whoever opens the data dir next adopts the stack as it was started.
   */
  private async reshape(shape: StackShape): Promise<void> {
    const changed = shape.brokers !== this.shape.brokers || shape.secure !== this.shape.secure;
    const field = shape.brokers !== this.shape.brokers ? 'brokers' : 'secure';
    if (this.active !== this.nativeRunner && (shape.brokers !== 1 || shape.secure))
      throw invalidField([field], 'Docker Compose runs one plain broker; three brokers and a secure stack run as local JVM processes');
    if (shape.secure && !this.superUserPassword)
      throw invalidField(
        ['secure'],
        "a secure stack keeps its super user's password in the profiles' secret store, and this back end opened none",
        'unavailable',
      );
    if (changed && (await this.anyRunning()))
      throw invalidField([field], `stop the running stack (${this.describe(this.shape)}) before starting it as ${this.describe(shape)}`, 'conflict');
    // made (or read) now, so a secret store that cannot seal it stops the start before anything runs
    if (shape.secure) this.superUserPassword?.();
    if (changed) this.nativeRunner.setShape(shape.brokers, this.security(shape.secure));
    this.shape = shape;
  }

  private recordShape(): void {
    mkdirSync(this.dataDir, { recursive: true });
    recordShape(this.dataDir, { ...this.shape, kraft: this.kraft });
  }

  private describe(shape: StackShape): string {
    return `${shape.brokers === 1 ? 'one broker' : 'three brokers'}${shape.secure ? ', secure' : ''}`;
  }

  /** The native stack's security for a secure shape: the super user, its password asked for when a JVM or probe needs it. */
  private security(secure: boolean): NativeStackOptions['secure'] {
    const password = this.superUserPassword;
    if (!secure || !password) return undefined;
    return { superUser: LOCAL_SUPER_USER, password };
  }

  private async anyRunning(): Promise<boolean> {
    return (await this.active.services()).some((service) => service.running);
  }

  private emit(service: string, phase: StackProgress['phase'], message?: string): void {
    this.onProgress({ service, phase, message, at: this.now() });
  }

  private claim(operation: 'starting' | 'stopping'): void {
    if (this.busy !== 'idle') throw new StreamdeskError('conflict', `The local stack is already ${this.busy}`);
    this.busy = operation;
  }
}
