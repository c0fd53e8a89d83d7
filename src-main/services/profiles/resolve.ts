import type { Connection } from '@shared/connection';
import { LOCAL_PROFILE_ID, type ProfileView } from '@shared/profiles';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { ConnectTarget } from '@main/clients/connect/connect-client';
import type { SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import type { PlainSecrets } from './merge';
import type { StoredProfile } from './stored-profile';

/**
 * The built-in profile: whatever the local stack listens on right now. A secure stack's profile signs in with
 * SCRAM-SHA-512 as its super user, the password sealed in the profile store like any profile's.
 */
export function localProfile(connection: Connection, secure: { superUser: string; sealedPassword: string } | null = null): StoredProfile {
  return {
    id: LOCAL_PROFILE_ID,
    name: connection.name || 'Local stack',
    kafkaBootstrap: connection.kafkaBootstrap,
    auth: secure ? { mechanism: 'scram-sha-512', username: secure.superUser } : { mechanism: 'none', username: null },
    tls: { enabled: false, caFile: null, certFile: null, keyFile: null, rejectUnauthorized: true },
    zookeeper: connection.zookeeper,
    flink: { url: connection.flinkUrl, auth: 'none', username: null },
    prometheusUrl: null,
    kafkaUiUrl: connection.kafkaUiUrl,
    // the local stack's registry (Apicurio), at whatever port the stack gives it
    schemaRegistry: { url: connection.schemaRegistryUrl ?? null, auth: 'none', username: null },
    // and its Connect worker
    connect: { urls: connection.connectUrls ?? [], auth: 'none', username: null },
    secrets: secure ? { kafkaPassword: secure.sealedPassword } : {},
  };
}

/** Built field by field (never by spreading the stored profile), so no secret can slip through. */
export function toView(p: StoredProfile): ProfileView {
  return {
    id: p.id,
    name: p.name,
    builtIn: p.id === LOCAL_PROFILE_ID,
    kafkaBootstrap: [...p.kafkaBootstrap],
    auth: { mechanism: p.auth.mechanism, username: p.auth.username },
    hasKafkaPassword: p.secrets.kafkaPassword !== undefined,
    tls: { enabled: p.tls.enabled, caFile: p.tls.caFile, certFile: p.tls.certFile, keyFile: p.tls.keyFile, rejectUnauthorized: p.tls.rejectUnauthorized },
    hasKeyPassword: p.secrets.keyPassword !== undefined,
    zookeeper: p.zookeeper,
    flink: { url: p.flink.url, auth: p.flink.auth, username: p.flink.username },
    hasFlinkSecret: p.secrets.flinkSecret !== undefined,
    prometheusUrl: p.prometheusUrl,
    kafkaUiUrl: p.kafkaUiUrl,
    schemaRegistry: { url: p.schemaRegistry.url, auth: p.schemaRegistry.auth, username: p.schemaRegistry.username },
    hasSchemaRegistrySecret: p.secrets.schemaRegistrySecret !== undefined,
    connect: { urls: [...p.connect.urls], auth: p.connect.auth, username: p.connect.username },
    hasConnectSecret: p.secrets.connectPassword !== undefined,
  };
}

export function toConnection(
  p: Pick<StoredProfile, 'name' | 'kafkaBootstrap' | 'zookeeper' | 'flink' | 'kafkaUiUrl' | 'schemaRegistry' | 'connect'>,
): Connection {
  return {
    name: p.name,
    kafkaBootstrap: [...p.kafkaBootstrap],
    zookeeper: p.zookeeper,
    flinkUrl: p.flink.url,
    kafkaUiUrl: p.kafkaUiUrl,
    schemaRegistryUrl: p.schemaRegistry.url,
    connectUrls: [...p.connect.urls],
  };
}

export type ReadTextFile = (path: string) => string;

function readPem(readFile: ReadTextFile, path: string, what: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`TLS ${what} ${path} could not be read${code ? ` (${code})` : ''}`);
  }
}

/** Reads the CA/certificate/key files now, so a renewed certificate is picked up on the next use. */
export function kafkaTargetOf(p: Omit<StoredProfile, 'secrets'>, secrets: PlainSecrets, readFile: ReadTextFile): KafkaTarget {
  const target: KafkaTarget = { brokers: [...p.kafkaBootstrap] };
  if (p.auth.mechanism !== 'none') {
    target.sasl = { mechanism: p.auth.mechanism, username: p.auth.username ?? '', password: secrets.kafkaPassword ?? '' };
  }
  if (p.tls.enabled) {
    const ssl: NonNullable<KafkaTarget['ssl']> = { rejectUnauthorized: p.tls.rejectUnauthorized };
    if (p.tls.caFile) ssl.ca = readPem(readFile, p.tls.caFile, 'CA file');
    if (p.tls.certFile) ssl.cert = readPem(readFile, p.tls.certFile, 'certificate file');
    if (p.tls.keyFile) ssl.key = readPem(readFile, p.tls.keyFile, 'key file');
    if (secrets.keyPassword !== undefined) ssl.passphrase = secrets.keyPassword;
    target.ssl = ssl;
  }
  return target;
}

/** Where the profile's registry is and how to sign in (null: it names none). */
export function schemaRegistryTargetOf(p: Pick<StoredProfile, 'schemaRegistry'>, secrets: PlainSecrets): SchemaRegistryTarget | null {
  const { url, auth, username } = p.schemaRegistry;
  if (!url) return null;
  if (auth === 'basic') return { url, auth: { kind: 'basic', username: username ?? '', password: secrets.schemaRegistrySecret ?? '' } };
  if (auth === 'bearer') return { url, auth: { kind: 'bearer', token: secrets.schemaRegistrySecret ?? '' } };
  return { url };
}

/** The profile's Connect clusters, each with the profile's Connect sign-in (empty: it names none). */
export function connectTargetsOf(p: Pick<StoredProfile, 'connect'>, secrets: PlainSecrets): ConnectTarget[] {
  const { urls, auth, username } = p.connect;
  return urls.map((url) => (auth === 'basic' ? { url, auth: { kind: 'basic', username: username ?? '', password: secrets.connectPassword ?? '' } } : { url }));
}

/** The headers every Flink REST call of this profile carries. */
export function flinkHeadersOf(p: Pick<StoredProfile, 'flink'>, secrets: PlainSecrets): Record<string, string> {
  if (p.flink.auth === 'basic') {
    const token = Buffer.from(`${p.flink.username ?? ''}:${secrets.flinkSecret ?? ''}`, 'utf8').toString('base64');
    return { Authorization: `Basic ${token}` };
  }
  if (p.flink.auth === 'bearer') return { Authorization: `Bearer ${secrets.flinkSecret ?? ''}` };
  return {};
}
