import { existsSync } from 'node:fs';
import path from 'node:path';
import { StreamdeskError } from '@shared/errors';
import type { ConnectPluginName, StackServiceState } from '@shared/stack';
import { NativeStack, portFree, type NativeServiceName, type NativeStackOptions } from './native';
import { runFetchScript } from './native/fetch-jars';
import { portHolder } from './port-holder';
import { recordPorts } from './recorded-ports';
import type { StackEmit, StackRunner } from './stack-runner';

/** Services whose port a stopped stack needs free (the TaskManager answers through the JobManager's). */
const LISTENING: NativeServiceName[] = [
  'zookeeper',
  'kafka',
  'kafka-2',
  'kafka-3',
  'flink-jobmanager',
  'flink-sql-gateway',
  'schema-registry',
  'kafka-connect',
];

/** The stack as local JVM processes (NativeStack), adopted through their pid files when already running. */
export class NativeRunner implements StackRunner {
  readonly backend = 'native';
  readonly title = 'local JVM processes';
  private stack: NativeStack;

  constructor(private options: NativeStackOptions) {
    this.stack = new NativeStack(options);
  }

  get ports() {
    return this.stack.ports;
  }

  get metricsUrl(): string | null {
    return this.stack.metricsUrl;
  }

  availability(): Promise<{ available: boolean; detail: string }> {
    return Promise.resolve({ available: true, detail: this.title });
  }

  registrySkipped(): string | null {
    return this.stack.services().includes('schema-registry') ? this.stack.skipReason('schema-registry') : null;
  }

  setKraft(kraft: boolean): void {
    this.options = { ...this.options, kraft };
    this.stack = new NativeStack(this.options);
  }

  /** One broker or three, plain or secure (with this super user), from the next start on. */
  setShape(brokers: 1 | 3, secure: NativeStackOptions['secure']): void {
    this.options = { ...this.options, brokers, secure };
    this.stack = new NativeStack(this.options);
  }

  /** Every broker's address, the first broker's first. */
  kafkaBootstrap(): string[] {
    const { brokers } = this.stack.shape;
    return Array.from({ length: brokers }, (_, i) => `127.0.0.1:${this.stack.ports.kafka + i}`);
  }

  /** Each service's state; a stopped one whose port is taken names who holds it. */
  async services(): Promise<StackServiceState[]> {
    const states = await this.stack.state();
    return Promise.all(
      states.map(async (state) => {
        let holder: string | null = null;
        // a skipped service (the registry without Java 21+) will not take its port: whoever holds it is no conflict
        if (!state.running && !state.skipped && LISTENING.includes(state.name) && !(await portFree('127.0.0.1', state.port))) {
          const found = portHolder(state.port);
          holder = found ? `pid ${found.pid} (${found.command})` : 'another process';
        }
        return { ...state, portHolder: holder, health: null };
      }),
    );
  }

  missingJars(): string[] {
    return this.stack.missingJars();
  }

  async runningPids(): Promise<{ service: string; pid: number }[]> {
    return (await this.stack.state()).flatMap((state) => (state.pid === null ? [] : [{ service: state.name, pid: state.pid }]));
  }

  /** Refuses to start when a port the stack needs is taken by another process, naming it; records the ports it started on. */
  async up(emit: StackEmit): Promise<void> {
    const taken = (await this.services()).filter((service) => service.portHolder);
    if (taken.length > 0) {
      throw new StreamdeskError(
        'conflict',
        `Nothing was started: ${taken.map((service) => `port ${service.port} (${service.name}) is taken by ${service.portHolder}`).join('; ')}`,
      );
    }
    await this.fetchMissingJars(emit);
    await this.stack.up((event) => emit(event.service, event.phase, event.message));
    const { kafka, zookeeper, flinkRest, sqlGateway, schemaRegistry, connect, kafkaController } = this.stack.ports;
    const exporter = this.options.jmxExporter?.port;
    recordPorts(this.options.dataDir, {
      kafka,
      flinkRest,
      sqlGateway,
      ...(zookeeper !== null ? { zookeeper } : {}),
      ...(exporter ? { exporter } : {}),
      ...(schemaRegistry !== null ? { schemaRegistry } : {}),
      ...(connect !== null ? { connect } : {}),
      ...(kafkaController !== null ? { kafkaController } : {}),
    });
  }

  serviceNames(): Promise<string[]> {
    return Promise.resolve(this.stack.services());
  }

  down(): Promise<void> {
    return this.stack.down();
  }

  serviceNamed(service: string): NativeServiceName {
    const name = this.stack.services().find((candidate) => candidate === service);
    if (!name) throw new StreamdeskError('not-found', `service: "${service}" is not part of the local stack (${this.stack.services().join(', ')})`);
    return name;
  }

  startService(name: string): Promise<void> {
    return this.stack.start(this.serviceNamed(name));
  }

  connectPlugins(): string[] {
    return this.stack.services().includes('kafka-connect') ? this.stack.connectPlugins() : [];
  }

  /** Maven fetches the plugin (its lines are the worker row's progress), it is copied into plugin.path, and a running worker restarts to load it. */
  async addConnectPlugin(plugin: ConnectPluginName, emit: StackEmit): Promise<void> {
    if (!this.stack.services().includes('kafka-connect')) throw new StreamdeskError('unavailable', 'plugin: the local stack runs no Kafka Connect worker');
    const say = (message: string) => emit('kafka-connect', 'starting', message);
    say(`fetching ${plugin} from Maven Central`);
    await runFetchScript(this.stack.fetchScript, [plugin], say);
    const folders = this.stack.installConnectPlugin(plugin);
    if (this.stack.pidSync('kafka-connect') === null) {
      emit('kafka-connect', 'stopped', `${folders.join(', ')} installed; the worker loads it when it starts`);
      return;
    }
    say(`${folders.join(', ')} installed; restarting the worker to load it`);
    await this.stack.stop('kafka-connect');
    await this.stack.start('kafka-connect');
    emit('kafka-connect', 'ready', `${folders.join(', ')} loaded`);
  }

  logFile(name: string): string {
    return this.stack.logFile(this.serviceNamed(name));
  }

  /**
   * A fresh install has no jars: the first start fetches them from Maven Central (Maven does), so
   * that one click starts the stack. The exporter agent is optional: without it the stack starts
   * and the console names the figures that need it.
   */
  private async fetchMissingJars(emit: StackEmit): Promise<void> {
    const components = this.stack.missingComponents();
    const services = this.stack.servicesOf(components);
    if (components.length > 0) {
      const say = (message: string) => services.forEach((service) => emit(service, 'starting', message));
      say(`fetching the ${components.join(', ')} jars from Maven Central (first start only; a few minutes)`);
      try {
        await runFetchScript(this.stack.fetchScript, components, say);
      } catch (error) {
        const message = `Fetching the stack's jars from Maven Central failed; Maven 3 (mvn) must be installed and Maven Central reachable. ${(error as Error).message}`;
        services.forEach((service) => emit(service, 'failed', message));
        throw new StreamdeskError('unavailable', message);
      }
    }
    const agent = this.options.jmxExporter?.agentJar;
    if (agent && !existsSync(agent)) {
      const say = (message: string) => emit('kafka', 'starting', message);
      say('fetching the Prometheus JMX exporter agent from Maven Central');
      await runFetchScript(path.join(path.dirname(agent), 'fetch-agent.sh'), [], say).catch((error: Error) =>
        say(`the JMX exporter agent could not be fetched, so MB/s figures will be missing: ${error.message}`),
      );
    }
  }
}
