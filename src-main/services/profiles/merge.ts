import type { ParsedProfileInput } from '@shared/profiles';
import { invalidField } from '@shared/errors';
import type { StoredProfile, StoredSecrets } from './stored-profile';

export type SecretName = keyof StoredSecrets;
export const SECRET_NAMES: readonly SecretName[] = ['kafkaPassword', 'flinkSecret', 'keyPassword', 'schemaRegistrySecret', 'connectPassword'];
/** Human names, for messages (which name the secret, never show it). */
export const SECRET_LABELS: Record<SecretName, string> = {
  kafkaPassword: 'SASL password',
  flinkSecret: 'Flink password/token',
  keyPassword: 'client key password',
  schemaRegistrySecret: 'Schema Registry password/token',
  connectPassword: 'Kafka Connect password',
};

/** Secrets in clear, held in memory only for the call that needs them. */
export type PlainSecrets = Partial<Record<SecretName, string>>;

/** What a save request means for one secret. */
export type SecretChange = { kind: 'keep' } | { kind: 'none' } | { kind: 'set'; plain: string };

/** Everything of a profile but its secrets, from a validated input. */
export function fieldsOf(input: ParsedProfileInput, id: string): Omit<StoredProfile, 'secrets'> {
  const tls = input.tls;
  return {
    id,
    name: input.name,
    kafkaBootstrap: input.kafkaBootstrap,
    auth: { mechanism: input.auth.mechanism, username: input.auth.mechanism === 'none' ? null : (input.auth.username ?? null) },
    tls: {
      enabled: tls.enabled,
      caFile: tls.enabled ? (tls.caFile ?? null) : null,
      certFile: tls.enabled ? (tls.certFile ?? null) : null,
      keyFile: tls.enabled ? (tls.keyFile ?? null) : null,
      rejectUnauthorized: tls.rejectUnauthorized,
    },
    zookeeper: input.zookeeper,
    flink: { url: input.flink.url, auth: input.flink.auth, username: input.flink.auth === 'basic' ? (input.flink.username ?? null) : null },
    prometheusUrl: input.prometheusUrl,
    kafkaUiUrl: input.kafkaUiUrl,
    schemaRegistry: {
      url: input.schemaRegistry.url,
      auth: input.schemaRegistry.auth,
      username: input.schemaRegistry.auth === 'basic' ? (input.schemaRegistry.username ?? null) : null,
    },
    connect: { urls: input.connect.urls, auth: input.connect.auth, username: input.connect.auth === 'basic' ? (input.connect.username ?? null) : null },
  };
}

function change(given: string | undefined, previous: string | undefined, applies: boolean): SecretChange {
  // a secret that no longer applies (auth switched off, TLS key gone) is dropped, not kept around
  if (!applies || given === '') return { kind: 'none' };
  if (given === undefined) return previous === undefined ? { kind: 'none' } : { kind: 'keep' };
  return { kind: 'set', plain: given };
}

/** undefined keeps the stored secret, '' clears it, anything else replaces it. */
export function secretChanges(input: ParsedProfileInput, previous: StoredProfile | undefined): Record<SecretName, SecretChange> {
  const old = previous?.secrets ?? {};
  // a basic-auth password is not a bearer token: switching the kind never keeps the old secret
  const sameFlinkKind = previous?.flink.auth === input.flink.auth;
  const flinkGiven = input.flink.auth === 'basic' ? input.flink.password : input.flink.auth === 'bearer' ? input.flink.token : undefined;
  const registry = input.schemaRegistry;
  const registryGiven = registry.auth === 'basic' ? registry.password : registry.auth === 'bearer' ? registry.token : undefined;
  const sameRegistryKind = previous?.schemaRegistry.auth === registry.auth;
  return {
    kafkaPassword: change(input.auth.password, old.kafkaPassword, input.auth.mechanism !== 'none'),
    flinkSecret: change(flinkGiven, sameFlinkKind ? old.flinkSecret : undefined, input.flink.auth !== 'none'),
    keyPassword: change(input.tls.keyPassword, old.keyPassword, input.tls.enabled && Boolean(input.tls.keyFile)),
    schemaRegistrySecret: change(registryGiven, sameRegistryKind ? old.schemaRegistrySecret : undefined, registry.auth !== 'none'),
    connectPassword: change(input.connect.password, old.connectPassword, input.connect.auth === 'basic'),
  };
}

/** A profile that needs a secret it does not have cannot work: say which one. */
export function assertRequiredSecrets(fields: Omit<StoredProfile, 'secrets'>, has: (name: SecretName) => boolean): void {
  if (fields.auth.mechanism !== 'none' && !has('kafkaPassword')) {
    throw invalidField(['auth', 'password'], `a SASL password is required for ${fields.auth.mechanism.toUpperCase()}`);
  }
  if (fields.flink.auth === 'basic' && !has('flinkSecret')) {
    throw invalidField(['flink', 'password'], 'a Flink password is required for basic authentication');
  }
  if (fields.flink.auth === 'bearer' && !has('flinkSecret')) {
    throw invalidField(['flink', 'token'], 'a Flink bearer token is required for bearer authentication');
  }
  if (fields.schemaRegistry.auth === 'basic' && !has('schemaRegistrySecret')) {
    throw invalidField(['schemaRegistry', 'password'], 'a Schema Registry password is required for basic authentication');
  }
  if (fields.connect.auth === 'basic' && !has('connectPassword')) {
    throw invalidField(['connect', 'password'], 'a Kafka Connect password is required for basic authentication');
  }
  if (fields.schemaRegistry.auth === 'bearer' && !has('schemaRegistrySecret')) {
    throw invalidField(['schemaRegistry', 'token'], 'a Schema Registry bearer token is required for bearer authentication');
  }
}
