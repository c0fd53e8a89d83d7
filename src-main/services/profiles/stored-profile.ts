import { z } from 'zod';
import { ConnectAuthKind, FlinkAuthKind, KafkaMechanism, LOCAL_PROFILE_ID, SchemaRegistryAuthKind } from '@shared/profiles';

/** Encrypted secrets (cipher text from a SecretCipher); a missing key means "none stored". */
export const StoredSecrets = z.object({
  kafkaPassword: z.string().optional(),
  /** The Flink basic-auth password or bearer token, depending on flink.auth. */
  flinkSecret: z.string().optional(),
  keyPassword: z.string().optional(),
  /** The Schema Registry basic-auth password or bearer token, depending on schemaRegistry.auth. */
  schemaRegistrySecret: z.string().optional(),
  /** The basic-auth password of the profile's Kafka Connect clusters. */
  connectPassword: z.string().optional(),
});
export type StoredSecrets = z.infer<typeof StoredSecrets>;

/** One saved profile as written to the store. Secrets only ever appear here encrypted. */
export const StoredProfile = z.object({
  id: z.string().min(1),
  name: z.string(),
  kafkaBootstrap: z.array(z.string()).min(1),
  auth: z.object({ mechanism: KafkaMechanism, username: z.string().nullable() }),
  tls: z.object({
    enabled: z.boolean(),
    caFile: z.string().nullable(),
    certFile: z.string().nullable(),
    keyFile: z.string().nullable(),
    rejectUnauthorized: z.boolean(),
  }),
  zookeeper: z.string().nullable(),
  flink: z.object({ url: z.string().nullable(), auth: FlinkAuthKind, username: z.string().nullable() }),
  prometheusUrl: z.string().nullable(),
  kafkaUiUrl: z.string().nullable(),
  // files written before profiles had a registry read as "none"
  schemaRegistry: z
    .object({ url: z.string().nullable(), auth: SchemaRegistryAuthKind, username: z.string().nullable() })
    .default({ url: null, auth: 'none', username: null }),
  // files written before profiles had Kafka Connect read as "none"
  connect: z.object({ urls: z.array(z.string()), auth: ConnectAuthKind, username: z.string().nullable() }).default({ urls: [], auth: 'none', username: null }),
  secrets: StoredSecrets,
});
export type StoredProfile = z.infer<typeof StoredProfile>;

export const ProfilesDocument = z.object({
  version: z.literal(1),
  activeId: z.string(),
  profiles: z.array(StoredProfile),
  /** The secure local stack's super user's password (cipher text), made on its first secure start. */
  localStack: z.object({ superUserPassword: z.string() }).optional(),
});
export type ProfilesDocument = z.infer<typeof ProfilesDocument>;

export const EMPTY_DOCUMENT: ProfilesDocument = { version: 1, activeId: LOCAL_PROFILE_ID, profiles: [] };
