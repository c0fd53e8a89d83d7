import { z } from 'zod';

export const StackServiceName = z.enum(['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']);
export type StackServiceName = z.infer<typeof StackServiceName>;

export const StackPhase = z.enum(['starting', 'ready', 'already-running', 'failed', 'stopping', 'stopped']);
export type StackPhase = z.infer<typeof StackPhase>;

export const StackProgress = z.object({
  service: StackServiceName,
  phase: StackPhase,
  message: z.string().optional(),
  at: z.number(),
});
export type StackProgress = z.infer<typeof StackProgress>;

export const StackServiceState = z.object({
  name: StackServiceName,
  pid: z.number().int().nullable(),
  running: z.boolean(),
  port: z.number().int(),
  logFile: z.string(),
});
export type StackServiceState = z.infer<typeof StackServiceState>;

export const StackStatus = z.object({
  backend: z.literal('native'),
  kraft: z.boolean(),
  dataDir: z.string(),
  /** Set when the Maven jars are not fetched yet: the command that fetches them. */
  missingJars: z.array(z.string()),
  busy: z.enum(['idle', 'starting', 'stopping']),
  lastError: z.string().nullable(),
  services: z.array(StackServiceState),
});
export type StackStatus = z.infer<typeof StackStatus>;

export const StackUpArgs = z.object({ kraft: z.boolean().optional() }).strict();
