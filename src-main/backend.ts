import { LOCAL_STACK_CONNECTION, type Connection } from '../src-shared/connection';
import type { Api } from '../src-shared/contract';
import { createApi } from './api';
import { EventBus } from './core/event-bus';
import type { Logger } from './core/logger';
import { HealthMonitor } from './services/health/health-monitor';
import { GeneratorService } from './services/generator/generator-service';
import type { KafkaTarget } from './services/kafka/kafka-target';
import { ProducerService } from './services/kafka/producer-service';
import { StreamsService } from './services/kafka/streams-service';
import { TopicsService } from './services/kafka/topics-service';
import { StackService } from './services/stack/stack-service';

export interface BackendOptions {
  version: string;
  /** A remote or explicit connection; without one the console watches its own local stack. */
  connection?: Connection;
  dataDir: string;
  libDir: string;
  confDir: string;
  kraft: boolean;
  stackPorts?: { kafka?: number; zookeeper?: number; flinkRest?: number };
  healthIntervalMs?: number;
  logger: Logger;
}

export interface Backend {
  api: Api;
  bus: EventBus;
  health: HealthMonitor;
  stack: StackService;
  /** Starts polling; hosts call it once their event sinks are attached. */
  start(): void;
  /** Stops polling and lets generators deliver their last batches before disconnecting. */
  dispose(): Promise<void>;
}

/** Wires the services together; both hosts and the CLI build their back end here. */
export function createBackend(options: BackendOptions): Backend {
  const bus = new EventBus();
  const stack = new StackService({
    dataDir: options.dataDir,
    libDir: options.libDir,
    confDir: options.confDir,
    kraft: options.kraft,
    ports: options.stackPorts,
    onProgress: (progress) => bus.emit('stack:progressed', progress),
  });
  const connection = () => options.connection ?? localStackConnection(stack);
  const health = new HealthMonitor({
    connection,
    intervalMs: options.healthIntervalMs,
    stackStarting: () => stack.isStarting(),
    onChange: (snapshot) => bus.emit('health:changed', snapshot),
  });
  const kafkaTarget = (): KafkaTarget => ({ brokers: connection().kafkaBootstrap });
  const topics = new TopicsService(kafkaTarget);
  const streams = new StreamsService(topics);
  const producer = new ProducerService(kafkaTarget, topics);
  const generators = new GeneratorService({ target: kafkaTarget, onProgress: (status) => bus.emit('generator:progressed', status) });
  const api = createApi({ version: options.version, connection, health, stack, topics, streams, producer, generators });
  return {
    api,
    bus,
    health,
    stack,
    start: () => health.start(),
    dispose: async () => {
      health.stop();
      await Promise.allSettled([producer.close(), generators.stopAll()]);
    },
  };
}

/** The local stack's addresses follow its ports and mode (KRaft runs no ZooKeeper). */
export function localStackConnection(stack: StackService): Connection {
  const { kafka, zookeeper, flinkRest } = stack.ports;
  return {
    ...LOCAL_STACK_CONNECTION,
    kafkaBootstrap: [`127.0.0.1:${kafka}`],
    zookeeper: zookeeper === null ? null : `127.0.0.1:${zookeeper}`,
    flinkUrl: `http://127.0.0.1:${flinkRest}`,
  };
}
