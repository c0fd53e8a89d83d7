import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { invalidField, StreamdeskError } from '../../../src-shared/errors';
import type { StackBackend, StackProgress, StackServiceState, StackStatus } from '../../../src-shared/stack';
import type { ComposeStack } from './compose';
import { folderSize } from './data-size';
import { NativeStack, portFree, type NativeServiceName, type NativeStackOptions } from './native';
import { runFetchScript } from './native/fetch-jars';
import { tailLines } from './native/logs';
import { portHolder } from './port-holder';
import { readRecordedPorts, recordPorts, resolvePorts } from './recorded-ports';

export interface StackServiceOptions extends Omit<NativeStackOptions, 'kraft' | 'jmxExporter'> {
  kraft: boolean;
  /** The exporter agent; without a port, the one this data dir's stack was started on, else 7071. */
  jmxExporter?: { agentJar: string; config: string; port?: number };
  /** Docker Compose for the same stack, when Docker works here; built per mode (ZooKeeper/KRaft). */
  compose?: (kraft: boolean) => ComposeStack;
  onProgress?: (progress: StackProgress) => void;
  now?: () => number;
}

/** Services whose port a stopped stack needs free (the TaskManager answers through the JobManager's). */
const LISTENING: NativeServiceName[] = ['zookeeper', 'kafka', 'flink-jobmanager', 'flink-sql-gateway'];
const COMPOSE_CHECK_MS = 30_000;
/** The JMX exporter agent's port when neither a flag nor this data dir's record names one. */
export const DEFAULT_EXPORTER_PORT = 7071;

/**
 * The local stack as the console sees it: the native runner or Docker Compose, one operation at
 * a time, with progress events, a port check before starting, logs, data size and reset.
 */
export class StackService {
  private runner: NativeStack;
  private backend: StackBackend = 'native';
  private busy: StackStatus['busy'] = 'idle';
  private lastError: string | null = null;
  private composeState: { available: boolean; detail: string; at: number } | null = null;
  private readonly now: () => number;
  /** The options with the ports resolved and the mode as last started: a copy, the caller's object is left as given. */
  private options: StackServiceOptions;

  constructor(given: StackServiceOptions) {
    this.now = given.now ?? Date.now;
    const { exporter, ...ports } = resolvePorts({ ...given.ports, exporter: given.jmxExporter?.port }, readRecordedPorts(given.dataDir));
    this.options = { ...given, ports, ...(given.jmxExporter ? { jmxExporter: { ...given.jmxExporter, port: exporter ?? DEFAULT_EXPORTER_PORT } } : {}) };
    this.runner = new NativeStack(this.nativeOptions());
  }

  get ports() {
    return this.runner.ports;
  }

  get metricsUrl(): string | null {
    return this.runner.metricsUrl;
  }

  /** Pids of the native stack's running processes (for their CPU and memory); null under Docker Compose. */
  async runningPids(): Promise<{ service: string; pid: number }[] | null> {
    if (this.backend !== 'native') return null;
    return (await this.runner.state()).flatMap((state) => (state.pid === null ? [] : [{ service: state.name, pid: state.pid }]));
  }

  isStarting(): boolean {
    return this.busy === 'starting';
  }

  async status(): Promise<StackStatus> {
    const compose = await this.composeAvailability();
    const services = this.backend === 'compose' ? await this.composeServices() : await this.nativeServices();
    return {
      backend: this.backend,
      compose,
      dataSizeBytes: folderSize(this.options.dataDir),
      kraft: Boolean(this.options.kraft),
      dataDir: this.options.dataDir,
      missingJars: this.backend === 'native' ? this.runner.missingJars() : [],
      busy: this.busy,
      lastError: this.lastError,
      services,
    };
  }

  async setBackend(backend: StackBackend): Promise<StackStatus> {
    if (backend === this.backend) return this.status();
    if (this.busy !== 'idle') throw new StreamdeskError('conflict', `The local stack is ${this.busy}; switch backends when it is idle`);
    if (backend === 'compose' && !(await this.composeAvailability(true)).available) {
      throw new StreamdeskError('unavailable', `backend: Docker Compose cannot run here: ${this.composeState?.detail}`);
    }
    if ((await this.status()).services.some((service) => service.running)) {
      throw invalidField(['backend'], `stop the running ${this.backend} stack before switching to ${backend}`, 'conflict');
    }
    this.backend = backend;
    return this.status();
  }

  async up(kraft?: boolean): Promise<StackStatus> {
    this.claim('starting');
    try {
      if (kraft !== undefined && kraft !== this.options.kraft) {
        const running = (await this.runner.state()).some((service) => service.running);
        if (running) throw new StreamdeskError('conflict', `Stop the running ${this.options.kraft ? 'KRaft' : 'ZooKeeper'} stack before starting the other mode`);
        this.options = { ...this.options, kraft };
        this.runner = new NativeStack(this.nativeOptions());
      }
      this.lastError = null;
      if (this.backend === 'compose') {
        await this.compose().up((event) => {
          if (event.service) this.emit(event.service, event.phase === 'healthy' || event.phase === 'ready' ? 'ready' : event.phase === 'error' ? 'failed' : 'starting', event.message);
        });
      }
      else await this.upNative();
    } catch (error) {
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
      const names = this.backend === 'compose' ? (await this.composeServices()).map((service) => service.name) : this.runner.services();
      for (const service of names) this.emit(service, 'stopping');
      if (this.backend === 'compose') await this.compose().down();
      else await this.runner.down();
      for (const service of names) this.emit(service, 'stopped');
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  /** Starts one stopped native service again (after a crash), and waits until it answers. */
  async restartService(service: string): Promise<StackStatus> {
    const name = this.nativeName(service);
    this.claim('starting');
    try {
      this.emit(name, 'starting');
      await this.runner.start(name);
      this.emit(name, 'ready');
    } catch (error) {
      this.emit(name, 'failed', (error as Error).message);
      throw new StreamdeskError('unavailable', (error as Error).message);
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  logs(service: string, lines: number): { service: string; file: string; lines: string[] } {
    const file = this.runner.logFile(this.nativeName(service));
    const text = tailLines(file, lines);
    return { service, file, lines: text === '' ? [] : text.split('\n') };
  }

  /** Deletes the stack's data (topics, offsets, checkpoints, savepoints, logs) while it is stopped. */
  async reset(): Promise<StackStatus> {
    if ((await this.status()).services.some((service) => service.running)) {
      throw new StreamdeskError('conflict', 'Stop the local stack before resetting its data');
    }
    for (const folder of ['kafka', 'zookeeper', 'flink', 'logs']) rmSync(path.join(this.options.dataDir, folder), { recursive: true, force: true });
    return this.status();
  }

  /** Refuses to start when a port the stack needs is taken by another process, naming it. */
  private nativeOptions(): NativeStackOptions {
    const exporter = this.options.jmxExporter;
    return { ...this.options, jmxExporter: exporter && { ...exporter, port: exporter.port ?? DEFAULT_EXPORTER_PORT } };
  }

  private async upNative(): Promise<void> {
    const taken = (await this.nativeServices()).filter((service) => service.portHolder);
    if (taken.length > 0) {
      throw new StreamdeskError('conflict', `Nothing was started: ${taken.map((service) => `port ${service.port} (${service.name}) is taken by ${service.portHolder}`).join('; ')}`);
    }
    await this.fetchMissingJars();
    await this.runner.up((event) => this.emit(event.service, event.phase, event.message));
    const { kafka, zookeeper, flinkRest, sqlGateway } = this.runner.ports;
    recordPorts(this.options.dataDir, { kafka, flinkRest, sqlGateway, ...(zookeeper !== null ? { zookeeper } : {}), ...(this.options.jmxExporter?.port ? { exporter: this.options.jmxExporter.port } : {}) });
  }

  /**
   * A fresh install has no jars: the first start fetches them from Maven Central (Maven does), so
   * that one click starts the stack. The exporter agent is optional: without it the stack starts
   * and the console names the figures that need it.
   */
  private async fetchMissingJars(): Promise<void> {
    const components = this.runner.missingComponents();
    const services = this.runner.servicesOf(components);
    if (components.length > 0) {
      const say = (message: string) => services.forEach((service) => this.emit(service, 'starting', message));
      say(`fetching the ${components.join(', ')} jars from Maven Central (first start only; a few minutes)`);
      try {
        await runFetchScript(this.runner.fetchScript, components, say);
      } catch (error) {
        const message = `Fetching the stack's jars from Maven Central failed; Maven 3 (mvn) must be installed and Maven Central reachable. ${(error as Error).message}`;
        services.forEach((service) => this.emit(service, 'failed', message));
        throw new StreamdeskError('unavailable', message);
      }
    }
    const agent = this.options.jmxExporter?.agentJar;
    if (agent && !existsSync(agent)) {
      const say = (message: string) => this.emit('kafka', 'starting', message);
      say('fetching the Prometheus JMX exporter agent from Maven Central');
      await runFetchScript(path.join(path.dirname(agent), 'fetch-agent.sh'), [], say).catch((error: Error) => say(`the JMX exporter agent could not be fetched, so MB/s figures will be missing: ${error.message}`));
    }
  }

  private async nativeServices(): Promise<StackServiceState[]> {
    const states = await this.runner.state();
    return Promise.all(
      states.map(async (state) => {
        let holder: string | null = null;
        if (!state.running && LISTENING.includes(state.name) && !(await portFree('127.0.0.1', state.port))) {
          const found = portHolder(state.port);
          holder = found ? `pid ${found.pid} (${found.command})` : 'another process';
        }
        return { ...state, portHolder: holder, health: null };
      }),
    );
  }

  private async composeServices(): Promise<StackServiceState[]> {
    const states = await this.compose().status();
    return states.map((state) => ({
      name: state.service,
      pid: null,
      running: state.state === 'running',
      port: state.publishedPorts[0]?.published ?? 0,
      logFile: `docker compose logs ${state.service}`,
      portHolder: null,
      health: state.health,
    }));
  }

  private async composeAvailability(force = false): Promise<{ available: boolean; detail: string }> {
    if (!this.options.compose) return { available: false, detail: 'Docker Compose support is not configured in this build' };
    if (!force && this.composeState && this.now() - this.composeState.at < COMPOSE_CHECK_MS) return this.composeState;
    const detection = await this.compose().detect();
    this.composeState = detection.ok
      ? { available: true, detail: `${detection.flavor === 'plugin' ? 'docker compose' : 'docker-compose'} ${detection.version}`, at: this.now() }
      : { available: false, detail: `${detection.problem.message} ${detection.problem.nextStep}`, at: this.now() };
    return this.composeState;
  }

  private compose(): ComposeStack {
    if (!this.options.compose) throw new StreamdeskError('unavailable', 'Docker Compose support is not configured in this build');
    return this.options.compose(this.options.kraft);
  }

  private nativeName(service: string): NativeServiceName {
    const name = this.runner.services().find((candidate) => candidate === service);
    if (!name) throw new StreamdeskError('not-found', `service: "${service}" is not part of the local stack (${this.runner.services().join(', ')})`);
    return name;
  }

  private emit(service: string, phase: StackProgress['phase'], message?: string): void {
    this.options.onProgress?.({ service, phase, message, at: this.now() });
  }

  private claim(operation: 'starting' | 'stopping'): void {
    if (this.busy !== 'idle') throw new StreamdeskError('conflict', `The local stack is already ${this.busy}`);
    this.busy = operation;
  }
}
