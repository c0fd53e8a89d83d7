import { randomBytes, randomUUID } from 'node:crypto';
import { issuesOf } from '@main/core/issues';
import { httpFetch } from '@main/clients/http-fetch';
import { readFileSync } from 'node:fs';
import type { Connection } from '@shared/connection';
import { invalidField, StreamdeskError } from '@shared/errors';
import { LOCAL_PROFILE_ID, ProfileInput, type ConnectionTestResult, type ParsedProfileInput, type ProfilesState, type ProfileView } from '@shared/profiles';
import { silentLogger, type Logger } from '@main/core/logger';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
// the probes (kafkajs, HTTP clients) load at the first connection test: `streamdesk search` opens
// the profiles to find its target and must not pay for them
import type { ConnectionProbes, ConnectionTestPlan } from './connection-test';
import type { KeyValueFile } from './key-value-file';
import { assertRequiredSecrets, fieldsOf, SECRET_LABELS, SECRET_NAMES, secretChanges, type PlainSecrets, type SecretName } from './merge';
import { ProfileStore } from './profile-store';
import { connectTargetsOf, flinkHeadersOf, kafkaTargetOf, localProfile, schemaRegistryTargetOf, toConnection, toView, type ReadTextFile } from './resolve';
import type { ConnectTarget } from '@main/clients/connect/connect-client';
import type { SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import type { SecretCipher } from './secret-cipher';
import type { StoredProfile, StoredSecrets } from './stored-profile';

export interface ProfileServiceOptions {
  /** Where profiles are stored: JsonFileStore (serve/CLI) or the electron-store adapter. */
  file: KeyValueFile;
  cipher: SecretCipher;
  /** The built-in profile follows the local stack's current ports. */
  localConnection: () => Connection;
  /** The local stack's super user when it is secure (the built-in profile then signs in as it), else null. */
  localSuperUser?: () => string | null;
  /** Receives names and ids only, never a secret. */
  logger?: Logger;
  /** Reads CA/certificate/key files (default: fs, utf8). */
  readFile?: ReadTextFile;
  fetch?: typeof fetch;
  now?: () => number;
  newId?: () => string;
  /** For tests: replace the real probes. */
  probes?: ConnectionProbes;
  /** Per service, for Test connection (default 5000 ms). */
  testTimeoutMs?: number;
}

/** The profile in use and the addresses every page should now talk to. */
export interface ActiveProfile {
  profile: ProfileView;
  connection: Connection;
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Saved connection profiles, their encrypted secrets, and which one is active. */
export class ProfileService {
  private readonly store: ProfileStore;
  private readonly logger: Logger;
  private readonly readFile: ReadTextFile;
  private readonly listeners = new Set<(active: ActiveProfile) => void>();

  constructor(private readonly options: ProfileServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    this.store = new ProfileStore(options.file, this.logger);
    this.readFile = options.readFile ?? ((path) => readFileSync(path, 'utf8'));
  }

  list(): ProfilesState {
    const doc = this.store.document();
    const { cipher } = this.options;
    return {
      activeId: this.activeStored().id,
      profiles: [toView(this.local()), ...doc.profiles.map(toView)],
      secretStorage: { kind: cipher.isAvailable() ? cipher.kind : 'unavailable', description: cipher.description },
      problems: this.store.problems,
    };
  }

  /** Creates (no id) or updates a profile. Secrets: undefined keeps, '' clears, text replaces. */
  save(raw: ProfileInput): ProfileView {
    const parsed = ProfileInput.safeParse(raw);
    if (!parsed.success) throw new StreamdeskError('invalid-argument', describeIssues(parsed.error.issues), issuesOf(parsed.error.issues));
    const input: ParsedProfileInput = parsed.data;
    if (input.id === LOCAL_PROFILE_ID)
      throw new StreamdeskError('invalid-argument', 'The built-in "Local stack" profile is read-only; save a copy under another name');
    const doc = this.store.document();
    const previous = input.id === undefined ? undefined : doc.profiles.find((p) => p.id === input.id);
    if (input.id !== undefined && !previous) throw new StreamdeskError('not-found', `No saved profile with id ${input.id}`);
    const id = previous?.id ?? (this.options.newId ?? randomUUID)();
    const clash = [this.local(), ...doc.profiles].find((p) => p.id !== id && p.name.toLowerCase() === input.name.toLowerCase());
    if (clash) throw invalidField(['name'], `a profile named "${clash.name}" already exists`, 'conflict');

    const fields = fieldsOf(input, id);
    const changes = secretChanges(input, previous);
    assertRequiredSecrets(fields, (name) => changes[name].kind !== 'none');
    const secrets: StoredSecrets = {};
    for (const name of SECRET_NAMES) {
      const c = changes[name];
      if (c.kind === 'keep') secrets[name] = previous?.secrets[name];
      if (c.kind === 'set') secrets[name] = this.encrypt(name, c.plain);
    }
    const stored: StoredProfile = { ...fields, secrets };
    const profiles = previous ? doc.profiles.map((p) => (p.id === id ? stored : p)) : [...doc.profiles, stored];
    this.store.replace({ ...doc, profiles });
    this.logger.info(`profile ${previous ? 'updated' : 'created'}: "${stored.name}" (${id})`);
    if (doc.activeId === id) this.emit();
    return toView(stored);
  }

  /** Deleting the active profile switches to the local one. */
  delete(id: string): ProfilesState {
    if (id === LOCAL_PROFILE_ID) throw new StreamdeskError('invalid-argument', 'The built-in "Local stack" profile cannot be deleted');
    const doc = this.store.document();
    const victim = doc.profiles.find((p) => p.id === id);
    if (!victim) throw new StreamdeskError('not-found', `No saved profile with id ${id}`);
    const wasActive = this.activeStored().id === id;
    this.store.replace({ ...doc, activeId: wasActive ? LOCAL_PROFILE_ID : doc.activeId, profiles: doc.profiles.filter((p) => p.id !== id) });
    this.logger.info(`profile deleted: "${victim.name}" (${id})`);
    if (wasActive) this.emit();
    return this.list();
  }

  activate(id: string): ActiveProfile {
    const doc = this.store.document();
    if (id !== LOCAL_PROFILE_ID && !doc.profiles.some((p) => p.id === id)) throw new StreamdeskError('not-found', `No saved profile with id ${id}`);
    if (doc.activeId !== id) this.store.replace({ ...doc, activeId: id });
    this.logger.info(`active profile: ${id}`);
    this.emit();
    return this.active();
  }

  active(): ActiveProfile {
    const p = this.activeStored();
    return { profile: toView(p), connection: toConnection(p) };
  }

  /** Called with the new active profile on activate, on saving the active one, on deleting it. */
  onActiveChanged(listener: (active: ActiveProfile) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Addresses only: what the renderer and the health monitor may see. */
  activeConnection(): Connection {
    return toConnection(this.activeStored());
  }

  /** Secrets decrypted and TLS files read now, for the Kafka client of the moment. */
  activeKafkaTarget(): KafkaTarget {
    const p = this.activeStored();
    try {
      return kafkaTargetOf(p, this.decryptAll(p, ['kafkaPassword', 'keyPassword']), this.readFile);
    } catch (error) {
      if (error instanceof StreamdeskError) throw error;
      throw new StreamdeskError('unavailable', `Profile "${p.name}": ${(error as Error).message}`);
    }
  }

  /** Headers for every Flink REST call of the active profile ({} without auth). */
  activeFlinkAuth(): Record<string, string> {
    const p = this.activeStored();
    return flinkHeadersOf(p, this.decryptAll(p, ['flinkSecret']));
  }

  /** The active profile's Schema Registry, its secret decrypted now (null when the profile names none). */
  activeSchemaRegistry(): SchemaRegistryTarget | null {
    const p = this.activeStored();
    if (!p.schemaRegistry.url) return null;
    return schemaRegistryTargetOf(p, this.decryptAll(p, ['schemaRegistrySecret']));
  }

  /** The active profile's Connect clusters, its Connect password decrypted now (empty when it names none). */
  activeConnectClusters(): ConnectTarget[] {
    const p = this.activeStored();
    if (p.connect.urls.length === 0) return [];
    return connectTargetsOf(p, this.decryptAll(p, ['connectPassword']));
  }

  /**
   * The secure local stack's super user's password, decrypted now: made at random and sealed into the profile store
   * (beside the profiles' own secrets) on first use. Only the back end asks; it goes to the stack's JVMs through their
   * environment and to the built-in profile's Kafka client, never to a file in clear, a log or the renderer.
   */
  localSuperUserPassword(): string {
    const { cipher } = this.options;
    const doc = this.store.document();
    const sealed = doc.localStack?.superUserPassword;
    if (sealed !== undefined) {
      try {
        return cipher.decrypt(sealed);
      } catch (error) {
        throw new StreamdeskError(
          'unavailable',
          `secure: the local stack's super user password cannot be decrypted (${(error as Error).message}); reset the stack's data to start it afresh`,
        );
      }
    }
    if (!cipher.isAvailable())
      throw new StreamdeskError('unavailable', `secure: the local stack's super user password cannot be sealed: ${cipher.description}`);
    // base64url: nothing that would break the JAAS quoting or Kafka's SCRAM tools' syntax
    const plain = randomBytes(24).toString('base64url');
    this.store.replace({ ...doc, localStack: { superUserPassword: cipher.encrypt(plain) } });
    this.logger.info('local stack: a super user password was made and sealed in the profile store');
    return plain;
  }

  /** Each service separately, with the reason of a failure. A form may be tested before saving. */
  async testConnection(args: { id: string } | { profile: ProfileInput }): Promise<ConnectionTestResult> {
    const { fields, secrets, missing } = 'id' in args ? this.savedForTest(args.id) : this.inputForTest(args.profile);
    const plan: ConnectionTestPlan = {
      kafka: { error: '' },
      zookeeper: fields.zookeeper,
      flink: fields.flink.url ? { url: fields.flink.url, headers: flinkHeadersOf(fields, secrets) } : null,
      kafkaUiUrl: fields.kafkaUiUrl,
      prometheusUrl: fields.prometheusUrl,
      schemaRegistry: missing.schemaRegistrySecret ? { error: `Schema Registry: ${missing.schemaRegistrySecret}` } : schemaRegistryTargetOf(fields, secrets),
      connect: missing.connectPassword ? { error: `Kafka Connect: ${missing.connectPassword}` } : connectTargetsOf(fields, secrets),
    };
    const kafkaMissing = missing.kafkaPassword ?? missing.keyPassword;
    if (kafkaMissing) plan.kafka = { error: `Kafka: ${kafkaMissing}` };
    else if (fields.auth.mechanism !== 'none' && secrets.kafkaPassword === undefined) plan.kafka = { error: 'Kafka: no SASL password given' };
    else {
      try {
        plan.kafka = kafkaTargetOf(fields, secrets, this.readFile);
      } catch (error) {
        plan.kafka = { error: `Kafka: ${(error as Error).message}` };
      }
    }
    if (plan.flink && missing.flinkSecret) plan.flink = { error: `Flink: ${missing.flinkSecret}` };
    const { defaultProbes, runConnectionTest } = await import('./connection-test');
    const probes = this.options.probes ?? defaultProbes(this.options.fetch ?? httpFetch, this.options.now ?? Date.now);
    const result = await runConnectionTest(plan, probes, this.options.testTimeoutMs ?? 5000);
    const summary = (Object.keys(result) as (keyof ConnectionTestResult)[]).map((k) => `${k} ${result[k].status}`).join(', ');
    this.logger.info(`connection test of "${fields.name}": ${summary}`);
    return result;
  }

  // ---- internals ----

  private local(): StoredProfile {
    const superUser = this.options.localSuperUser?.() ?? null;
    const sealedPassword = this.store.document().localStack?.superUserPassword;
    return localProfile(this.options.localConnection(), superUser && sealedPassword ? { superUser, sealedPassword } : null);
  }

  /** A missing active profile (file set aside, edited by hand) falls back to the local one. */
  private activeStored(): StoredProfile {
    const doc = this.store.document();
    return doc.profiles.find((p) => p.id === doc.activeId) ?? this.local();
  }

  private find(id: string): StoredProfile {
    if (id === LOCAL_PROFILE_ID) return this.local();
    const found = this.store.document().profiles.find((p) => p.id === id);
    if (!found) throw new StreamdeskError('not-found', `No saved profile with id ${id}`);
    return found;
  }

  private encrypt(name: SecretName, plain: string): string {
    const { cipher } = this.options;
    if (!cipher.isAvailable()) throw new StreamdeskError('unavailable', `The ${SECRET_LABELS[name]} cannot be saved: ${cipher.description}`);
    return cipher.encrypt(plain);
  }

  /** Decrypts the named secrets, or says (without the secret) which one cannot be read. */
  private tryDecrypt(p: StoredProfile, names: readonly SecretName[]): { secrets: PlainSecrets; missing: Partial<Record<SecretName, string>> } {
    const secrets: PlainSecrets = {};
    const missing: Partial<Record<SecretName, string>> = {};
    for (const name of names) {
      const stored = p.secrets[name];
      if (stored === undefined) continue;
      try {
        secrets[name] = this.options.cipher.decrypt(stored);
      } catch (error) {
        missing[name] = `the stored ${SECRET_LABELS[name]} of profile "${p.name}" cannot be decrypted (${(error as Error).message}); enter it again and save`;
      }
    }
    return { secrets, missing };
  }

  private decryptAll(p: StoredProfile, names: readonly SecretName[]): PlainSecrets {
    const { secrets, missing } = this.tryDecrypt(p, names);
    const first = Object.values(missing)[0];
    if (first) throw new StreamdeskError('unavailable', first);
    return secrets;
  }

  private savedForTest(id: string) {
    const p = this.find(id);
    return { fields: p, ...this.tryDecrypt(p, SECRET_NAMES) };
  }

  private inputForTest(raw: ProfileInput) {
    const parsed = ProfileInput.safeParse(raw);
    if (!parsed.success) throw new StreamdeskError('invalid-argument', describeIssues(parsed.error.issues), issuesOf(parsed.error.issues));
    const input = parsed.data;
    const previous = input.id && input.id !== LOCAL_PROFILE_ID ? this.store.document().profiles.find((p) => p.id === input.id) : undefined;
    const fields = fieldsOf(input, input.id ?? 'unsaved');
    const changes = secretChanges(input, previous);
    const kept = previous
      ? this.tryDecrypt(
          previous,
          SECRET_NAMES.filter((n) => changes[n].kind === 'keep'),
        )
      : { secrets: {}, missing: {} };
    const secrets: PlainSecrets = { ...kept.secrets };
    for (const name of SECRET_NAMES) {
      const c = changes[name];
      if (c.kind === 'set') secrets[name] = c.plain;
    }
    return { fields, secrets, missing: kept.missing };
  }

  private emit(): void {
    const active = this.active();
    for (const listener of this.listeners) {
      try {
        listener(active);
      } catch (error) {
        this.logger.warn(`a profile listener failed: ${(error as Error).message}`);
      }
    }
  }
}
