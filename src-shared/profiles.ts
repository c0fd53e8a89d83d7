import { z } from 'zod';

/**
 * Connection profiles as the UI sees them. Secrets travel only UI → back end (in ProfileInput);
 * what comes back (ProfileView) says whether a secret is stored, never what it is.
 */

export const LOCAL_PROFILE_ID = 'local';

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?):(\d{1,5})$/;

function isHostPort(value: string): boolean {
  const match = HOST_PORT.exec(value);
  if (!match) return false;
  const port = Number(match[3]);
  return port >= 1 && port <= 65535;
}

const hostPort = (field: string) =>
  z
    .string()
    .trim()
    .refine(isHostPort, { message: `${field} must be host:port with a port from 1 to 65535 (e.g. broker1:9092)` });

const httpUrl = (field: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { message: `${field} must be an http:// or https:// URL` },
    );

const absolutePath = (field: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${field} must not be empty` })
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), {
      message: `${field} must be an absolute path to a PEM file`,
    });

/**
 * A secret in a save request: undefined keeps the stored one, '' clears it, anything else
 * replaces it. (The UI never has the stored value, so "unchanged" cannot be sent back.)
 */
const secret = (field: string) =>
  z
    .string()
    .max(4096, { message: `${field} is longer than 4096 characters` })
    .optional();

const optionalName = (field: string) =>
  z
    .string()
    .trim()
    .max(256, { message: `${field} is longer than 256 characters` })
    .optional();

export const KafkaMechanism = z.enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512']);
export type KafkaMechanism = z.infer<typeof KafkaMechanism>;

export const FlinkAuthKind = z.enum(['none', 'basic', 'bearer']);
export type FlinkAuthKind = z.infer<typeof FlinkAuthKind>;

/** Confluent Schema Registry, Karapace or Apicurio's /apis/ccompat/v7: the same API, the same sign-in choices. */
export const SchemaRegistryAuthKind = z.enum(['none', 'basic', 'bearer']);
export type SchemaRegistryAuthKind = z.infer<typeof SchemaRegistryAuthKind>;

/** Kafka Connect's REST API: open, or behind basic auth (its BasicAuthSecurityRestExtension, or a proxy). */
export const ConnectAuthKind = z.enum(['none', 'basic']);
export type ConnectAuthKind = z.infer<typeof ConnectAuthKind>;

export const ProfileInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().trim().min(1, { message: 'Profile name must not be empty' }).max(80, { message: 'Profile name is longer than 80 characters' }),
    kafkaBootstrap: z.array(hostPort('Bootstrap server')).min(1, { message: 'At least one bootstrap server (host:port) is required' }),
    auth: z.object({
      mechanism: KafkaMechanism,
      username: optionalName('SASL username'),
      password: secret('SASL password'),
    }),
    tls: z.object({
      enabled: z.boolean(),
      caFile: absolutePath('CA certificate file').optional(),
      certFile: absolutePath('Client certificate file').optional(),
      keyFile: absolutePath('Client key file').optional(),
      keyPassword: secret('Client key password'),
      rejectUnauthorized: z.boolean().default(true),
    }),
    zookeeper: hostPort('ZooKeeper address').nullable(),
    flink: z.object({
      url: httpUrl('Flink REST URL').nullable(),
      auth: FlinkAuthKind,
      username: optionalName('Flink username'),
      password: secret('Flink password'),
      token: secret('Flink bearer token'),
    }),
    prometheusUrl: httpUrl('Prometheus / JMX exporter URL').nullable(),
    kafkaUiUrl: httpUrl('Kafka UI URL').nullable(),
    // optional, so a profile written before the registry existed still saves as it was
    schemaRegistry: z
      .object({
        url: httpUrl('Schema Registry URL').nullable(),
        auth: SchemaRegistryAuthKind,
        username: optionalName('Schema Registry username'),
        password: secret('Schema Registry password'),
        token: secret('Schema Registry bearer token'),
      })
      .default({ url: null, auth: 'none' }),
    // one REST URL per Connect cluster (any worker answers for its cluster), one sign-in for all of them; optional, so a
    // profile written before Connect existed still saves as it was
    connect: z
      .object({
        urls: z.array(httpUrl('Kafka Connect URL')).max(8, 'at most 8 Kafka Connect URLs').default([]),
        auth: ConnectAuthKind,
        username: optionalName('Kafka Connect username'),
        password: secret('Kafka Connect password'),
      })
      .default({ urls: [], auth: 'none' }),
  })
  .superRefine((p, ctx) => {
    if (p.auth.mechanism !== 'none' && !p.auth.username) {
      ctx.addIssue({ code: 'custom', path: ['auth', 'username'], message: `SASL username is required for ${p.auth.mechanism.toUpperCase()}` });
    }
    if (p.tls.enabled && Boolean(p.tls.certFile) !== Boolean(p.tls.keyFile)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tls', p.tls.certFile ? 'keyFile' : 'certFile'],
        message: 'Client certificate file and client key file go together (mTLS needs both)',
      });
    }
    if (p.flink.auth !== 'none' && !p.flink.url) {
      ctx.addIssue({ code: 'custom', path: ['flink', 'url'], message: 'Flink REST URL is required when Flink authentication is set' });
    }
    if (p.flink.auth === 'basic' && !p.flink.username) {
      ctx.addIssue({ code: 'custom', path: ['flink', 'username'], message: 'Flink username is required for basic authentication' });
    }
    if (p.schemaRegistry.auth !== 'none' && !p.schemaRegistry.url) {
      ctx.addIssue({ code: 'custom', path: ['schemaRegistry', 'url'], message: 'Schema Registry URL is required when Schema Registry authentication is set' });
    }
    if (p.connect.auth === 'basic' && p.connect.urls.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['connect', 'urls'], message: 'a Kafka Connect URL is required when Kafka Connect authentication is set' });
    }
    if (p.connect.auth === 'basic' && !p.connect.username) {
      ctx.addIssue({ code: 'custom', path: ['connect', 'username'], message: 'Kafka Connect username is required for basic authentication' });
    }
    if (p.schemaRegistry.auth === 'basic' && !p.schemaRegistry.username) {
      ctx.addIssue({ code: 'custom', path: ['schemaRegistry', 'username'], message: 'Schema Registry username is required for basic authentication' });
    }
  });
export type ProfileInput = z.input<typeof ProfileInput>;
export type ParsedProfileInput = z.output<typeof ProfileInput>;

/** A profile as the renderer may see it: addresses, names and "is a secret stored" flags. */
export const ProfileView = z.object({
  id: z.string(),
  name: z.string(),
  /** The built-in local-stack profile: follows the local stack's ports, cannot be edited. */
  builtIn: z.boolean(),
  kafkaBootstrap: z.array(z.string()).min(1),
  auth: z.object({ mechanism: KafkaMechanism, username: z.string().nullable() }),
  hasKafkaPassword: z.boolean(),
  tls: z.object({
    enabled: z.boolean(),
    caFile: z.string().nullable(),
    certFile: z.string().nullable(),
    keyFile: z.string().nullable(),
    rejectUnauthorized: z.boolean(),
  }),
  hasKeyPassword: z.boolean(),
  zookeeper: z.string().nullable(),
  flink: z.object({ url: z.string().nullable(), auth: FlinkAuthKind, username: z.string().nullable() }),
  hasFlinkSecret: z.boolean(),
  prometheusUrl: z.string().nullable(),
  kafkaUiUrl: z.string().nullable(),
  schemaRegistry: z.object({ url: z.string().nullable(), auth: SchemaRegistryAuthKind, username: z.string().nullable() }),
  hasSchemaRegistrySecret: z.boolean(),
  connect: z.object({ urls: z.array(z.string()), auth: ConnectAuthKind, username: z.string().nullable() }),
  hasConnectSecret: z.boolean(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const SecretStorageKind = z.enum(['os-keyring', 'key-file', 'unavailable']);
export type SecretStorageKind = z.infer<typeof SecretStorageKind>;

export const ProfilesState = z.object({
  activeId: z.string(),
  /** The built-in local profile first. */
  profiles: z.array(ProfileView),
  secretStorage: z.object({ kind: SecretStorageKind, description: z.string() }),
  /** Things the user must know, e.g. a corrupt profile file that was set aside. */
  problems: z.array(z.string()),
});
export type ProfilesState = z.infer<typeof ProfilesState>;

const ServiceTestStatus = z.enum(['ok', 'failed', 'skipped']);
export const ServiceTest = z.object({ status: ServiceTestStatus, reason: z.string(), latencyMs: z.number().nullable() });
export type ServiceTest = z.infer<typeof ServiceTest>;

export const ConnectionTestResult = z.object({
  kafka: ServiceTest,
  zookeeper: ServiceTest,
  flink: ServiceTest,
  kafkaUi: ServiceTest,
  prometheus: ServiceTest,
  /** GET /subjects: reachable, signed in, and how many subjects it holds. */
  schemaRegistry: ServiceTest,
  /** GET / and the connectors of each Connect cluster: reachable, signed in, version and connector count. */
  connect: ServiceTest,
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/** Arguments of the profile calls (for the contract). */
export const ProfileIdArgs = z.object({ id: z.string().min(1) }).strict();
export const ProfileSaveArgs = z.object({ profile: ProfileInput }).strict();
/** Test a saved profile by id, or the form as it is (secrets left undefined use the stored ones). */
export const ProfileTestArgs = z.union([z.object({ id: z.string().min(1) }).strict(), z.object({ profile: ProfileInput }).strict()]);
export type ProfileTestArgs = z.output<typeof ProfileTestArgs>;
