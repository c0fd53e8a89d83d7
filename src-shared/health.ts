import { z } from 'zod';
import { QuorumHealth } from './brokers';

/** One status per service; `not-configured` means the connection names no address for it. */
export const ServiceStatus = z.enum(['up', 'degraded', 'down', 'starting', 'not-configured', 'unknown']);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

const count = z.number().int().nonnegative();

const KafkaDetails = z.object({
  bootstrap: z.string(),
  clusterId: z.string().nullable(),
  brokers: count.nullable(),
  controllerId: z.number().int().nullable(),
  topics: count.nullable(),
  partitions: count.nullable(),
  underReplicatedPartitions: count.nullable(),
  offlinePartitions: count.nullable(),
  /** The metadata quorum (KRaft controllers, or the ZooKeeper ensemble); null when it could not be read. */
  quorum: QuorumHealth.nullable(),
});

const ZookeeperDetails = z.object({
  address: z.string(),
  mode: z.string().nullable(),
  version: z.string().nullable(),
  avgLatencyMs: z.number().nullable(),
  maxLatencyMs: z.number().nullable(),
  connections: count.nullable(),
  znodes: count.nullable(),
});

const FlinkDetails = z.object({
  url: z.string(),
  version: z.string().nullable(),
  jobsRunning: count.nullable(),
  jobsFinished: count.nullable(),
  jobsCancelled: count.nullable(),
  jobsFailed: count.nullable(),
});

const TaskManagersDetails = z.object({
  taskManagers: count.nullable(),
  slotsTotal: count.nullable(),
  slotsAvailable: count.nullable(),
});

const KafkaUiDetails = z.object({ url: z.string().nullable() });

/** The active connection's Schema Registry (its Confluent-compatible API) and how many subjects it holds. */
const SchemaRegistryDetails = z.object({ url: z.string().nullable(), subjects: count.nullable() });

/**
 * The active connection's Kafka Connect clusters (one REST URL each): workers seen (distinct worker ids in the
 * connectors' and tasks' states, at least one per cluster that answers), connectors running and failed, tasks failed.
 */
const ConnectDetails = z.object({
  urls: z.array(z.string()),
  clustersUp: count.nullable(),
  version: z.string().nullable(),
  workers: count.nullable(),
  connectors: count.nullable(),
  connectorsRunning: count.nullable(),
  connectorsFailed: count.nullable(),
  tasksFailed: count.nullable(),
  /**
   * Per cluster: whether it answered; its live workers (members of its Kafka group; null when this connection's Kafka
   * does not hold the group); workers its statuses still name that are no longer members (gone, their tasks not yet
   * reassigned). The alerts notice a worker going away from these.
   */
  clusters: z.array(z.object({ url: z.string(), up: z.boolean(), workers: z.array(z.string()).nullable(), goneWorkers: z.array(z.string()) })),
  /** Each FAILED connector (task null) and task, for the alerts. */
  failures: z.array(z.object({ cluster: z.string(), connector: z.string(), task: count.nullable(), workerId: z.string() })),
});

function serviceHealth<D extends z.ZodType>(details: D) {
  return z.object({
    status: ServiceStatus,
    /** Why the service has this status, in words a user can act on. Empty only when up. */
    reason: z.string(),
    checkedAt: z.number(),
    latencyMs: z.number().nullable(),
    details,
  });
}

export const KafkaHealth = serviceHealth(KafkaDetails);
export const ZookeeperHealth = serviceHealth(ZookeeperDetails);
export const FlinkHealth = serviceHealth(FlinkDetails);
export const TaskManagersHealth = serviceHealth(TaskManagersDetails);
export const KafkaUiHealth = serviceHealth(KafkaUiDetails);
export const SchemaRegistryHealth = serviceHealth(SchemaRegistryDetails);
export const ConnectHealth = serviceHealth(ConnectDetails);
export type KafkaHealth = z.infer<typeof KafkaHealth>;
export type ZookeeperHealth = z.infer<typeof ZookeeperHealth>;
export type FlinkHealth = z.infer<typeof FlinkHealth>;
export type TaskManagersHealth = z.infer<typeof TaskManagersHealth>;
export type KafkaUiHealth = z.infer<typeof KafkaUiHealth>;
export type SchemaRegistryHealth = z.infer<typeof SchemaRegistryHealth>;
export type ConnectHealth = z.infer<typeof ConnectHealth>;

export const HealthSnapshot = z.object({
  overall: ServiceStatus,
  overallReason: z.string(),
  checkedAt: z.number(),
  services: z.object({
    kafka: KafkaHealth,
    zookeeper: ZookeeperHealth,
    flink: FlinkHealth,
    taskmanagers: TaskManagersHealth,
    kafkaUi: KafkaUiHealth,
    schemaRegistry: SchemaRegistryHealth,
    connect: ConnectHealth,
  }),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshot>;
export type ServiceKey = keyof HealthSnapshot['services'];
export const SERVICE_KEYS: readonly ServiceKey[] = ['kafka', 'zookeeper', 'flink', 'taskmanagers', 'kafkaUi', 'schemaRegistry', 'connect'];
