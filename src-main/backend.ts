import path from 'node:path';
import type { Connection } from '@shared/connection';
import { activeCluster, localStackConnection, type ActiveCluster } from './active-cluster';
import type { Api } from '@shared/contract';
import { createApi } from './api';
import { EventBus } from './core/event-bus';
import type { Logger } from './core/logger';
import { HealthMonitor } from './services/health/health-monitor';
import { GeneratorService } from './services/generator/generator-service';
import { AlertService } from './services/alerts/alert-service';
import { ConsumerGroupsService } from './services/consumers/consumer-groups-service';
import { closeKeptConnections } from './clients/kafka/kept-connections';
import { MessagesService } from './services/messages/messages-service';
import { ReplayService } from './services/messages/replay-service';
import { SearchService } from './services/messages/search-service';
import { clusterRefusal } from './services/messages/cluster-refusal';
import { DecodeService } from './services/messages/decode-service';
import { DecodeSettingsStore } from './services/messages/decode-settings-store';
import type { PipelineServices } from './services/pipelines/pipeline-services';
import { ConnectService } from './services/connect/connect-service';
import { ConnectGroupsReader, readConnectGroups } from './clients/connect/connect-group-members';
import { pipelinesForConnection } from './services/pipelines/pipelines-for-connection';
import { MetricsSampler } from './services/metrics/metrics-sampler';
import { ResourceSampler } from './services/metrics/resource-sampler';
import { FlinkRestClient } from './clients/flink/flink-rest-client';
import { httpFetch } from './clients/http-fetch';
import { openProfiles, type KeyValueFile, type ProfileService, type ProfileStorage } from './services/profiles';
import { ProducerService } from './services/messages/producer-service';
import { PresetTopicsService } from './services/preset-topics/preset-topics-service';
import { TopicsService } from './services/topics/topics-service';
import { BrokersService } from './services/brokers/brokers-service';
import { AclsService } from './services/acls/acls-service';
import { UsersService } from './services/users/users-service';
import { ReassignmentsService } from './services/reassignments/reassignments-service';
import { ThrottleLedger } from './services/reassignments/throttle-ledger';
import { ComposeBackend, nodeRun, nodeSpawn } from './services/stack/compose';
import { StackService } from './services/stack/stack-service';
import { registryOfCluster } from './clients/schema-registry/registry-of-cluster';
import type { SchemaRegistryClient } from './clients/schema-registry/schema-registry-client';
import { SchemasService } from './services/schemas/schemas-service';
import { newestRawRecords } from './services/schemas/recent-records';
import { SqlService } from './services/sql/sql-service';
import { TableSchemas } from './services/sql/table-schemas';
import { TableSchemasStore } from './services/sql/table-schemas-store';
import { SqlGatewayClient } from './clients/flink/sql-gateway-client';

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
  /** Left out: the mode the data dir's stack last ran in. */
  kraft?: boolean;
  stackPorts?: {
    kafka?: number;
    zookeeper?: number;
    flinkRest?: number;
    sqlGateway?: number;
    schemaRegistry?: number;
    connect?: number;
    kafkaController?: number;
  };
  /**
   * The local stack runs Apicurio Registry too (the app and the CLI ask for it; a test's back end that adopts a
   * harness stack without one does not). Default false.
   */
  schemaRegistry?: boolean;
  /** The local stack runs a Kafka Connect worker too (the app and the CLI ask for it). Default false. */
  connect?: boolean;
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

/** How long a started back end leaves Docker Compose unasked (StackService.deferComposeCheck): past its first page. */
const COMPOSE_UNASKED_AT_START_MS = 10_000;

/** Wires the services together; both hosts and the CLI build their back end here. */
export function createBackend(options: BackendOptions): Backend {
  const bus = new EventBus();
  const { stack, profiles } = stackAndProfiles(options, bus);
  const cluster = activeCluster(options.connection, profiles, stack);
  const { connection, kafkaTarget } = cluster;
  const health = healthOf(options, cluster, stack, bus, () => alerts);
  const topics = new TopicsService(kafkaTarget);
  // One registry client (and schema cache) for the active connection, shared by every feature.
  const registry = registryOfCluster(() => cluster.schemaRegistry());
  const producer = new ProducerService(kafkaTarget, topics, registry);
  const generators = new GeneratorService({ target: kafkaTarget, registry, onProgress: (status) => bus.emit('generator:progressed', status) });
  const pipelines = pipelinesOf(cluster, stack, topics, options.dataDir);
  const alerts: AlertService = alertsOf(options, cluster, producer, pipelines, bus);
  const metrics = metricsOf(cluster, bus, alerts, health);
  const resources = resourcesOf(cluster, stack, bus);
  profiles?.onActiveChanged(() => {
    bus.emit('profiles:changed', profiles.list());
    void health.check();
  });
  const decode = decodeOf(cluster, registry, profiles, options.dataDir);
  const operations = clusterOperations(cluster, stack, options.dataDir, bus);
  const { search, messages, sql } = readersOf(cluster, stack, topics, decode, profiles, options.dataDir, registry);
  const api = createApi({
    version: options.version,
    connection,
    health,
    stack,
    topics,
    ...operations,
    presetTopics: new PresetTopicsService(topics),
    producer,
    generators,
    metrics,
    resources,
    alerts,
    profiles,
    pipelines,
    messages,
    sql,
    decode,
    consumers: new ConsumerGroupsService(kafkaTarget),
    schemas: schemasOf(cluster, registry, topics),
    connect: connectOf(cluster, bus),
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
      stack.deferComposeCheck(COMPOSE_UNASKED_AT_START_MS);
      health.start();
      // at once, not after the first health round: a topic created and written to before the sampler's first reading
      // would have those records missing from its rates (its first reading is where they start counting)
      metrics.start();
      resources.start();
      operations.reassignments.resume();
    },
    dispose: async () => {
      health.stop();
      operations.reassignments.dispose();
      resources.stop();
      await Promise.allSettled([producer.close(), generators.stopAll(), metrics.stop(), search.close(), sql.dispose()]);
      closeKeptConnections();
    },
  };
}

/** The health monitor of the active connection; each snapshot goes on the bus and to the alert rules. */
function healthOf(options: BackendOptions, cluster: ActiveCluster, stack: StackService, bus: EventBus, alerts: () => AlertService): HealthMonitor {
  const { connection, kafkaTarget, flinkHeaders } = cluster;
  const connectGroups = new ConnectGroupsReader();
  return new HealthMonitor({
    connection,
    kafkaTarget,
    flinkHeaders,
    schemaRegistry: cluster.schemaRegistry,
    connectClusters: cluster.connectClusters,
    connectGroups: () => connectGroups.read(kafkaTarget()),
    schemaRegistryAbsence: () => (cluster.onLocalStack() ? stack.schemaRegistry().reason : null),
    intervalMs: options.healthIntervalMs,
    stackStarting: () => stack.isStarting(),
    onStop: () => connectGroups.close(),
    onChange: (snapshot, round) => {
      bus.emit('health:changed', snapshot);
      // a partial snapshot's placeholders ("Checking…", figures null, lists empty) are not answers: the rules would read
      // them as "nothing wrong" (no failed connector, no ZooKeeper problem) and clear what the last round found, to start
      // it again a moment later. The alerts judge whole rounds only; the first one follows within the probes' timeout.
      if (round === 'full') alerts().onHealth(snapshot);
    },
  });
}

/**
 * What an operator changes the cluster with: brokers and the quorum, ACLs, users and quotas, and reassignments (their
 * throttle ledger in the data dir, progress announced as `reassignments:changed`).
 */
function clusterOperations(cluster: ActiveCluster, stack: StackService, dataDir: string, bus: EventBus) {
  const { kafkaTarget, connection } = cluster;
  return {
    brokers: new BrokersService(kafkaTarget, () => connection().zookeeper),
    acls: new AclsService(kafkaTarget, () => localSuperUsers(cluster.onLocalStack(), stack)),
    users: new UsersService(kafkaTarget),
    reassignments: new ReassignmentsService({
      target: kafkaTarget,
      ledger: new ThrottleLedger(path.join(dataDir, 'reassignment-throttles.json')),
      onChanged: (progress) => bus.emit('reassignments:changed', progress),
    }),
  };
}

/** The Connect page's service: the connection's Connect clusters, their live workers read from their Kafka groups. */
function connectOf(cluster: ActiveCluster, bus: EventBus): ConnectService {
  return new ConnectService({
    clusters: cluster.connectClusters,
    groups: () => readConnectGroups(cluster.kafkaTarget()),
    onChanged: (change) => bus.emit('connect:changed', change),
  });
}

/** Records decoded through the active connection's registry, with each topic's override (per profile, in the data dir). */
function decodeOf(
  cluster: ActiveCluster,
  registry: () => SchemaRegistryClient | null,
  profiles: ReturnType<typeof openProfiles> | null,
  dataDir: string,
): DecodeService {
  const store = new DecodeSettingsStore(path.join(dataDir, 'decode-settings.json'), () => profiles?.active().profile.id ?? 'command-line');
  return new DecodeService(store, registry, cluster.schemaRegistry);
}

/** The cluster's throughput samples, on the bus and to the alert rules; its topic list shared with the health poll's scan. */
function metricsOf(cluster: ActiveCluster, bus: EventBus, alerts: AlertService, health: HealthMonitor): MetricsSampler {
  return new MetricsSampler({
    target: cluster.kafkaTarget,
    sharedTopics: (target) => health.sharedTopicList(target),
    prometheusUrl: cluster.prometheusUrl,
    onSample: (sample) => {
      bus.emit('metrics:sampled', sample);
      alerts.onMetrics(sample);
    },
  });
}

/**
 * The local stack and the profiles follow each other: the built-in profile follows the stack's ports and security,
 * and a secure stack's super user's password lives in the profiles' secret store.
 */
function stackAndProfiles(options: BackendOptions, bus: EventBus): { stack: StackService; profiles: ProfileService | null } {
  const storage = options.profiles;
  if (!storage) return { stack: localStack(options, bus, undefined), profiles: null };
  const opened: { profiles?: ProfileService } = {};
  const stack = localStack(options, bus, () => {
    if (!opened.profiles) throw new Error('the profiles are opened before the stack asks for its password');
    return opened.profiles.localSuperUserPassword();
  });
  opened.profiles = openProfiles(storage, { connection: () => localStackConnection(stack), superUser: () => stack.cluster.superUser }, options.logger);
  return { stack, profiles: opened.profiles };
}

/** The local stack, its progress on the bus; Docker Compose offered when the build has its files. */
function localStack(options: BackendOptions, bus: EventBus, superUserPassword: (() => string) | undefined): StackService {
  return new StackService({
    ...(superUserPassword ? { superUserPassword } : {}),
    dataDir: options.dataDir,
    libDir: options.libDir,
    confDir: options.confDir,
    kraft: options.kraft,
    ports: options.stackPorts,
    schemaRegistry: options.schemaRegistry ?? false,
    connect: options.connect ?? false,
    jmxExporter: options.jmxExporter,
    compose: options.composeDir ? composeFor(options.composeDir, options.dataDir) : undefined,
    onProgress: (progress) => bus.emit('stack:progressed', progress),
  });
}

/** What reads topics: the search, browsing and tailing, and the SQL workbench (its tables' samples are browsed). */
function readersOf(
  cluster: ActiveCluster,
  stack: StackService,
  topics: TopicsService,
  decode: DecodeService,
  profiles: ReturnType<typeof openProfiles> | null,
  dataDir: string,
  registry: () => SchemaRegistryClient | null,
): { search: SearchService; messages: MessagesService; sql: SqlService } {
  const messages = new MessagesService(cluster.kafkaTarget, (topic) => decode.reader(topic));
  const gateway = gatewayOf(cluster, stack);
  const search = new SearchService(cluster.kafkaTarget, {
    decode: (topic) => decode.worker(topic),
    cluster: {
      gateway,
      flink: flinkClientOf(cluster.connection, cluster.flinkHeaders),
      bootstrap: () => cluster.connection().kafkaBootstrap.join(','),
      refusal: (topic) =>
        clusterRefusal(
          topic,
          decode.settings(topic),
          async (t) => (await messages.browse({ topic: t, partition: null, from: { kind: 'end', count: 5 }, limit: 100 })).records,
        ),
    },
  });
  return { search, messages, sql: sqlOf(cluster, gateway, topics, messages, profiles, dataDir, registry) };
}

/** The local stack's SQL Gateway (a remote connection names none yet). */
function sqlGatewayUrlOf(cluster: ActiveCluster, stack: StackService): string | null {
  return cluster.onLocalStack() ? `http://127.0.0.1:${stack.ports.sqlGateway}` : null;
}

/** The active connection's SQL Gateway: one client per URL and auth, shared by the workbench and the on-cluster search. */
function gatewayOf(cluster: ActiveCluster, stack: StackService): () => SqlGatewayClient | null {
  let client: { key: string; gateway: SqlGatewayClient } | null = null;
  return () => {
    const url = sqlGatewayUrlOf(cluster, stack);
    if (!url) return null;
    const headers = cluster.flinkHeaders();
    const key = JSON.stringify([url, headers]);
    if (client?.key !== key) client = { key, gateway: new SqlGatewayClient({ fetch: httpFetch, baseUrl: url, headers }) };
    return client.gateway;
  };
}

/** The SQL workbench: the active connection's gateway, its topics as tables. */
function sqlOf(
  cluster: ActiveCluster,
  gateway: () => SqlGatewayClient | null,
  topics: TopicsService,
  messages: MessagesService,
  profiles: ReturnType<typeof openProfiles> | null,
  dataDir: string,
  registry: () => SchemaRegistryClient | null,
): SqlService {
  const profileId = () => profiles?.active().profile.id ?? 'command-line';
  return new SqlService({
    gateway,
    bootstrap: () => cluster.connection().kafkaBootstrap.join(','),
    topicNames: async () => (await topics.list(false, { configs: false, offsets: false })).map((t) => t.name),
    tables: new TableSchemas({
      store: new TableSchemasStore(path.join(dataDir, 'sql-tables.json'), profileId),
      profileId,
      sample: async (topic) => (await messages.browse({ topic, partition: null, from: { kind: 'end', count: 20 }, limit: 200 })).records,
      registry,
    }),
  });
}

/** The active cluster's pipelines; the SQL Gateway and savepoints folder only on the local stack. */
function pipelinesOf(cluster: ActiveCluster, stack: StackService, topics: TopicsService, dataDir: string): () => PipelineServices {
  return pipelinesForConnection({
    connection: cluster.connection,
    flinkHeaders: cluster.flinkHeaders,
    sqlGatewayUrl: () => sqlGatewayUrlOf(cluster, stack),
    savepointsDir: () => (cluster.onLocalStack() ? path.join(dataDir, 'flink', 'savepoints') : null),
    catalogFile: path.join(dataDir, 'pipelines.json'),
    topics,
    // a sink topic's newest results, for the pipelines' end-to-end latency
    newestRecords: async (topic, limit) =>
      (await new MessagesService(cluster.kafkaTarget).browse({ topic, partition: null, from: { kind: 'end', count: limit }, limit })).records,
  });
}

function alertsOf(options: BackendOptions, cluster: ActiveCluster, producer: ProducerService, pipelines: () => PipelineServices, bus: EventBus): AlertService {
  return new AlertService({
    file: options.alertsFile,
    logger: options.logger,
    // Keyed by the alert id: data_quality_alerts is compacted, and its start and clear share a key.
    publish: async (topic, record) => void (await producer.ingest({ topic, records: [record], keyField: 'id' })),
    onChange: (state) => bus.emit('alerts:changed', state),
    flinkJobs: async () => {
      if (!cluster.connection().flinkUrl) return [];
      // the jobs' states and checkpoints only: not their pipelines' latency, which reads Kafka
      const jobs = await pipelines().insight.insight.jobs();
      return jobs.map((job) => ({ id: job.id, name: job.name, state: job.state, failedInARow: job.checkpointsFailedInARow ?? 0 }));
    },
  });
}

/** The Schemas page's service: the active connection's registry, and the topics' newest records for "used by". */
function schemasOf(cluster: ActiveCluster, registry: () => SchemaRegistryClient | null, topics: TopicsService): SchemasService {
  return new SchemasService(registry, {
    topics: async () => (await topics.list(false, { configs: false, offsets: false })).map((topic) => topic.name),
    newestRecords: (topic, perPartition) => newestRawRecords(cluster.kafkaTarget(), topic, perPartition),
  });
}

/** Flink's and ZooKeeper's resources, and the local stack's processes (native only). */
function resourcesOf(cluster: ActiveCluster, stack: StackService, bus: EventBus): ResourceSampler {
  return new ResourceSampler({
    flink: flinkClientOf(cluster.connection, cluster.flinkHeaders),
    zookeeper: () => cluster.connection().zookeeper,
    processes: async () => {
      if (!cluster.onLocalStack()) return { available: false, reason: 'Only measured for the local stack; this connection is a remote cluster' };
      const running = await stack.runningPids();
      return running
        ? { available: true, processes: running }
        : { available: false, reason: "The local stack runs under Docker Compose; only the native stack's processes are measured" };
    },
    onSample: (sample) => bus.emit('metrics:resourcesSampled', sample),
  });
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
    if (cached?.key !== key) cached = { key, client: new FlinkRestClient({ fetch: httpFetch, baseUrl: url, headers: auth, timeoutMs: 3000 }) };
    return cached.client;
  };
}

/** The local secure stack's super user, for the ACL checker: brokers do not show super.users. */
function localSuperUsers(onLocalStack: boolean, stack: StackService): string[] {
  const superUser = stack.cluster.superUser;
  return onLocalStack && superUser ? [`User:${superUser}`] : [];
}
