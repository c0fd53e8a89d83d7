import path from 'node:path';
import { LOCAL_STACK_CONNECTION, type Connection } from '../src-shared/connection';
import type { Api } from '../src-shared/contract';
import { createApi } from './api';
import { EventBus } from './core/event-bus';
import type { Logger } from './core/logger';
import { HealthMonitor } from './services/health/health-monitor';
import { GeneratorService } from './services/generator/generator-service';
import type { KafkaTarget } from './clients/kafka/kafka-target';
import { AlertService } from './services/alerts/alert-service';
import { ConsumerGroupsService } from './services/consumers/consumer-groups-service';
import { MessagesService } from './services/messages/messages-service';
import { ReplayService } from './services/messages/replay-service';
import { SearchService } from './services/messages/search-service';
import { pipelinesForConnection } from './services/pipelines/pipelines-for-connection';
import { MetricsSampler } from './services/metrics/metrics-sampler';
import { ResourceSampler } from './services/metrics/resource-sampler';
import { FlinkRestClient } from './clients/flink/flink-rest-client';
import { openProfiles, type KeyValueFile, type ProfileStorage } from './services/profiles';
import { ProducerService } from './services/messages/producer-service';
import { PresetTopicsService } from './services/preset-topics/preset-topics-service';
import { TopicsService } from './services/topics/topics-service';
import { ComposeBackend, nodeRun, nodeSpawn } from './services/stack/compose';
import { StackService } from './services/stack/stack-service';

export interface BackendOptions {
  version: string;
  /** An explicit connection (command-line flags); without one the active profile decides. */
  connection?: Connection;
  /** Where profiles live and how their secrets are sealed (electron-store + safeStorage, or a file + key file). */
  profiles?: ProfileStorage;
  /** Where alert rule settings are kept (optional). */
  alertsFile?: KeyValueFile;
  dataDir: string;
  libDir: string;
  confDir: string;
  /** The repo's compose/ folder (docker-compose.yml and its KRaft variant). */
  composeDir?: string;
  kraft: boolean;
  stackPorts?: { kafka?: number; zookeeper?: number; flinkRest?: number; sqlGateway?: number };
  /** The JMX exporter agent for the local broker (paths of its jar and rules, and its port). */
  jmxExporter?: { agentJar: string; config: string; port?: number };
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
    jmxExporter: options.jmxExporter,
    compose: options.composeDir ? composeFor(options.composeDir, options.dataDir) : undefined,
    onProgress: (progress) => bus.emit('stack:progressed', progress),
  });
  const profiles = options.profiles
    ? openProfiles(options.profiles, () => localStackConnection(stack), options.logger)
    : null;
  const connection = (): Connection => options.connection ?? profiles?.activeConnection() ?? localStackConnection(stack);
  const kafkaTarget = (): KafkaTarget => (options.connection || !profiles ? { brokers: connection().kafkaBootstrap } : profiles.activeKafkaTarget());
  const flinkHeaders = (): Record<string, string> => (options.connection || !profiles ? {} : profiles.activeFlinkAuth());
  const prometheusUrl = (): string | null => {
    if (options.connection || !profiles) return options.connection?.prometheusUrl ?? null;
    const { profile } = profiles.active();
    return profile.builtIn ? stack.metricsUrl : profile.prometheusUrl;
  };
  const health = new HealthMonitor({
    connection,
    kafkaTarget,
    flinkHeaders,
    intervalMs: options.healthIntervalMs,
    stackStarting: () => stack.isStarting(),
    onChange: (snapshot) => {
      bus.emit('health:changed', snapshot);
      alerts.onHealth(snapshot);
    },
  });
  const topics = new TopicsService(kafkaTarget);
  const presetTopics = new PresetTopicsService(topics);
  const producer = new ProducerService(kafkaTarget, topics);
  const generators = new GeneratorService({ target: kafkaTarget, onProgress: (status) => bus.emit('generator:progressed', status) });
  const onLocalStack = () => !options.connection && (!profiles || profiles.active().profile.builtIn);
  const pipelines = pipelinesForConnection({
    connection,
    flinkHeaders,
    sqlGatewayUrl: () => (onLocalStack() ? `http://127.0.0.1:${stack.ports.sqlGateway}` : null),
    savepointsDir: () => (onLocalStack() ? path.join(options.dataDir, 'flink', 'savepoints') : null),
    catalogFile: path.join(options.dataDir, 'pipelines.json'),
    topics,
    // a sink topic's newest results, for the pipelines' end-to-end latency
    newestRecords: async (topic, limit) => (await new MessagesService(kafkaTarget).browse({ topic, partition: null, from: { kind: 'end', count: limit }, limit })).records,
  });
  const alerts: AlertService = new AlertService({
    file: options.alertsFile,
    logger: options.logger,
    // Keyed by the alert id: data_quality_alerts is compacted, and its start and clear share a key.
    publish: async (topic, record) => void (await producer.ingest({ topic, records: [record], keyField: 'id' })),
    onChange: (state) => bus.emit('alerts:changed', state),
    flinkJobs: async () => {
      if (!connection().flinkUrl) return [];
      // the jobs' states and checkpoints only: not their pipelines' latency, which reads Kafka
      const jobs = await pipelines().insight.insight.jobs();
      return jobs.map((job) => ({ id: job.id, name: job.name, state: job.state, failedInARow: job.checkpointsFailedInARow ?? 0 }));
    },
  });
  const metrics = new MetricsSampler({
    target: kafkaTarget,
    prometheusUrl,
    onSample: (sample) => {
      bus.emit('metrics:sampled', sample);
      alerts.onMetrics(sample);
    },
  });
  const resources = new ResourceSampler({
    flink: flinkClientOf(connection, flinkHeaders),
    zookeeper: () => connection().zookeeper,
    processes: async () => {
      if (!onLocalStack()) return { available: false, reason: 'Only measured for the local stack; this connection is a remote cluster' };
      const running = await stack.runningPids();
      return running ? { available: true, processes: running } : { available: false, reason: 'The local stack runs under Docker Compose; only the native stack\'s processes are measured' };
    },
    onSample: (sample) => bus.emit('metrics:resourcesSampled', sample),
  });
  profiles?.onActiveChanged(() => {
    bus.emit('profiles:changed', profiles.list());
    void health.check();
  });
  const search = new SearchService(kafkaTarget);
  const api = createApi({ version: options.version, connection, health, stack, topics, presetTopics, producer, generators, metrics, resources, alerts, profiles, pipelines, messages: new MessagesService(kafkaTarget), consumers: new ConsumerGroupsService(kafkaTarget),
    search,
    onSearch: { progress: (progress) => bus.emit('messages:searchProgressed', progress), matches: (matches) => bus.emit('messages:searchMatched', matches) },
    replay: new ReplayService(kafkaTarget),
    onReplay: (progress) => bus.emit('messages:replayProgressed', progress),
  });
  return {
    api,
    bus,
    health,
    stack,
    start: () => {
      health.start();
      metrics.start();
      resources.start();
    },
    dispose: async () => {
      health.stop();
      resources.stop();
      await Promise.allSettled([producer.close(), generators.stopAll(), metrics.stop(), search.close()]);
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
    prometheusUrl: stack.metricsUrl,
  };
}

/** One ComposeBackend per mode, made on first use (detection runs `docker compose version`). */
function composeFor(composeDir: string, dataDir: string): (kraft: boolean) => ComposeBackend {
  const backends = new Map<boolean, ComposeBackend>();
  return (kraft) => {
    let backend = backends.get(kraft);
    if (!backend) backends.set(kraft, (backend = new ComposeBackend({ run: nodeRun, spawn: nodeSpawn, composeDir, dataDir, kraft })));
    return backend;
  };
}

/** One Flink REST client for the metrics, rebuilt only when the connection's Flink or its auth changes. */
function flinkClientOf(connection: () => Connection, headers: () => Record<string, string>): () => FlinkRestClient | null {
  let cached: { key: string; client: FlinkRestClient } | null = null;
  return () => {
    const url = connection().flinkUrl;
    if (!url) return null;
    const auth = headers();
    const key = JSON.stringify([url, auth]);
    if (cached?.key !== key) cached = { key, client: new FlinkRestClient({ fetch, baseUrl: url, headers: auth, timeoutMs: 3000 }) };
    return cached.client;
  };
}
