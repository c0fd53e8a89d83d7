import { z } from 'zod';

/** `skipped`: not run here, with the reason (the Schema Registry without Java 21+); the rest starts as usual. */
const StackPhase = z.enum(['starting', 'ready', 'already-running', 'failed', 'skipped', 'stopping', 'stopped']);

export const StackProgress = z.object({
  /** A native service, or a compose service (kafka-ui, …). */
  service: z.string(),
  phase: StackPhase,
  message: z.string().optional(),
  at: z.number(),
});
export type StackProgress = z.infer<typeof StackProgress>;

export const StackServiceState = z.object({
  name: z.string(),
  pid: z.number().int().nullable(),
  running: z.boolean(),
  port: z.number().int(),
  logFile: z.string(),
  /** For a stopped service: whether its port is free, or who holds it. */
  portHolder: z.string().nullable().default(null),
  /** Compose health (healthy/unhealthy/starting) where the backend reports one. */
  health: z.string().nullable().default(null),
  /** Why this service is not run here (the Schema Registry without Java 21+), or null. */
  skipped: z.string().nullable().default(null),
});
export type StackServiceState = z.infer<typeof StackServiceState>;

/** Whether every service that runs here is running (a skipped one, with its reason, does not count against it). */
export function allServicesRunning(services: StackServiceState[]): boolean {
  return services.every((service) => service.running || service.skipped !== null);
}

/** The local stack's cluster sizes: one broker, or three (a ZooKeeper ensemble's brokers, or a KRaft quorum of three). */
const StackBrokers = z.literal([1, 3], { error: 'one broker or three (1 or 3)' });

export const StackBackend = z.enum(['native', 'compose']);
export type StackBackend = z.infer<typeof StackBackend>;

export const StackStatus = z.object({
  backend: StackBackend,
  /** Whether Docker Compose works here, and if not, why and what to do. */
  compose: z.object({ available: z.boolean(), detail: z.string() }),
  dataSizeBytes: z.number(),
  kraft: z.boolean(),
  dataDir: z.string(),
  /** Set when the Maven jars are not fetched yet: the command that fetches them. */
  missingJars: z.array(z.string()),
  busy: z.enum(['idle', 'starting', 'stopping']),
  lastError: z.string().nullable(),
  services: z.array(StackServiceState),
  /** The plugin folders on the local Connect worker's plugin.path (empty when the stack runs no worker or under Compose). */
  connectPlugins: z.array(z.string()).default([]),
  /** How many brokers the stack runs (from the next start on, when it is stopped). */
  brokers: StackBrokers.default(1),
  /**
   * SASL/SCRAM-SHA-512 only, with an authorizer: the super user the local profile signs in as (its password stays in
   * the profile's secret store, never here); null for the plain stack.
   */
  superUser: z.string().nullable().default(null),
});
export type StackStatus = z.infer<typeof StackStatus>;

/** Each choice left out keeps what the stack had; a change of shape needs the stack stopped. */
export const StackUpArgs = z
  .object({
    kraft: z.boolean().optional(),
    brokers: StackBrokers.optional(),
    /** SASL/SCRAM-SHA-512 listeners and an authorizer, a super user whose password the profile's secret store keeps. */
    secure: z.boolean().optional(),
  })
  .strict();
export type StackUpArgs = z.infer<typeof StackUpArgs>;

export const SetBackendArgs = z.object({ backend: StackBackend }).strict();
export const StackServiceArgs = z.object({ service: z.string().min(1).max(64) }).strict();
export const StackLogArgs = z.object({ service: z.string().min(1).max(64), lines: z.number().int().min(1).max(5000).default(300) }).strict();
export const StackLog = z.object({ service: z.string(), file: z.string(), lines: z.array(z.string()) });
/** Connect plugins the local stack fetches on request from Maven Central (compose/native/poms/<name>.xml). */
export const ConnectPluginName = z.enum(['debezium-postgres']);
export type ConnectPluginName = z.infer<typeof ConnectPluginName>;
export const AddConnectPluginArgs = z.object({ plugin: ConnectPluginName }).strict();

export const ResetArgs = z
  .object({ confirmation: z.string() })
  .strict()
  .refine((args) => args.confirmation === 'reset', { path: ['confirmation'], message: 'type "reset" to confirm' });
