import { StreamdeskError } from '@shared/errors';
import type { StackServiceState } from '@shared/stack';
import type { ComposeProgress, ComposeStack } from './compose';
import type { StackEmit, StackRunner } from './stack-runner';

/** How long an answer to "does Docker Compose work here" is reused. */
const AVAILABILITY_TTL_MS = 30_000;
const NOT_CONFIGURED = 'Docker Compose support is not configured in this build';

export interface ComposeRunnerOptions {
  /** Docker Compose for the stack, built per mode (ZooKeeper/KRaft); absent when this build has none. */
  compose?: (kraft: boolean) => ComposeStack;
  kraft: boolean;
  /**
   * The native stack: the console reaches the stack at its ports under Compose too, and a
   * service's restart and log file are the native stack's (the Stack page offers neither under
   * Compose), as they were before the backends shared an interface.
   */
  native: StackRunner;
  now: () => number;
}

/** The stack as Docker Compose containers (the seed's compose files, with Kafka UI). */
export class ComposeRunner implements StackRunner {
  readonly backend = 'compose';
  readonly title = 'Docker Compose';
  private kraft: boolean;
  private checked: { available: boolean; detail: string; at: number } | null = null;

  constructor(private readonly o: ComposeRunnerOptions) {
    this.kraft = o.kraft;
  }

  get ports() {
    return this.o.native.ports;
  }

  get metricsUrl(): string | null {
    return this.o.native.metricsUrl;
  }

  /** The last answer while it is fresh, without asking Docker; null when there is none. */
  known(): { available: boolean; detail: string } | null {
    if (!this.o.compose) return { available: false, detail: NOT_CONFIGURED };
    return this.checked && this.o.now() - this.checked.at < AVAILABILITY_TTL_MS ? this.checked : null;
  }

  async availability(recheck = false): Promise<{ available: boolean; detail: string }> {
    if (!this.o.compose) return { available: false, detail: NOT_CONFIGURED };
    if (!recheck && this.checked && this.o.now() - this.checked.at < AVAILABILITY_TTL_MS) return this.checked;
    const detection = await this.compose().detect();
    this.checked = detection.ok
      ? { available: true, detail: `${detection.flavor === 'plugin' ? 'docker compose' : 'docker-compose'} ${detection.version}`, at: this.o.now() }
      : { available: false, detail: `${detection.problem.message} ${detection.problem.nextStep}`, at: this.o.now() };
    return this.checked;
  }

  setKraft(kraft: boolean): void {
    this.kraft = kraft;
  }

  connectPlugins(): string[] {
    return [];
  }

  /** The cp-kafka-connect container has its own plugin path (confluent-hub install in the image), not the data dir's. */
  addConnectPlugin(): Promise<void> {
    return Promise.reject(
      new StreamdeskError(
        'unavailable',
        'plugin: under Docker Compose, Connect plugins are installed in the cp-kafka-connect image; switch to local JVM processes',
      ),
    );
  }

  /** The registry runs in its own container: Java on this machine does not matter. */
  registrySkipped(): null {
    return null;
  }

  async services(): Promise<StackServiceState[]> {
    const states = await this.compose().status();
    return states.map((state) => ({
      name: state.service,
      pid: null,
      running: state.state === 'running',
      port: state.publishedPorts[0]?.published ?? 0,
      logFile: `docker compose logs ${state.service}`,
      portHolder: null,
      health: state.health,
      skipped: null,
    }));
  }

  missingJars(): string[] {
    return [];
  }

  runningPids(): Promise<null> {
    return Promise.resolve(null);
  }

  async up(emit: StackEmit): Promise<void> {
    await this.compose().up((event) => {
      if (event.service) emit(event.service, phaseOf(event), event.message);
    });
  }

  async serviceNames(): Promise<string[]> {
    return (await this.services()).map((service) => service.name);
  }

  down(): Promise<void> {
    return this.compose().down();
  }

  serviceNamed(service: string): string {
    return this.o.native.serviceNamed(service);
  }

  startService(name: string): Promise<void> {
    return this.o.native.startService(name);
  }

  logFile(name: string): string {
    return this.o.native.logFile(name);
  }

  private compose(): ComposeStack {
    if (!this.o.compose) throw new StreamdeskError('unavailable', NOT_CONFIGURED);
    return this.o.compose(this.kraft);
  }
}

/** Compose's finer phases (pulling, creating, waiting…) are all "starting" on the Stack page. */
function phaseOf(event: ComposeProgress): 'starting' | 'ready' | 'failed' {
  if (event.phase === 'healthy' || event.phase === 'ready') return 'ready';
  return event.phase === 'error' ? 'failed' : 'starting';
}
