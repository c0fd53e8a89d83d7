// How the messages area decodes a topic's records: the registry of the active connection and the
// topic's override. Browse and tail read with a SideReader made here (cached, so the schemas it has
// compiled stay); search workers get the registry's address and the settings and build their own.
import { invalidField, StreamdeskError } from '@shared/errors';
import type { DecodeSettings, SideDecodeSetting } from '@shared/messages';
import type { SchemaRegistryClient, SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import { compileProtoOrThrow, compileSubject, SideReader } from '@main/services/schemas/side-reader';
import { protobufjs } from '@main/services/schemas/codec-packages';
import type { DecodeSettingsStore } from './decode-settings-store';

/** What a search worker needs to decode as the main thread does. */
export interface WorkerDecode {
  registry: SchemaRegistryTarget | null;
  settings: DecodeSettings;
}

export class DecodeService {
  private readers = new WeakMap<object, Map<string, SideReader>>();
  private readonly noRegistry = {};

  constructor(
    private readonly store: DecodeSettingsStore,
    private readonly registry: () => SchemaRegistryClient | null,
    private readonly registryTarget: () => SchemaRegistryTarget | null,
  ) {}

  settings(topic: string): DecodeSettings {
    return this.store.get(topic);
  }

  /** Checks each side against the registry or the .proto first; saves only when both are good. */
  async save(topic: string, settings: DecodeSettings): Promise<DecodeSettings> {
    const checked = await Promise.all(
      (['key', 'value'] as const).map((side) =>
        this.check(side, settings[side]).then(
          () => null,
          (e: Error) => e,
        ),
      ),
    );
    const failures = checked.filter((e): e is Error => e !== null);
    if (failures.length === 1) throw failures[0];
    // both sides wrong: every issue, each beside its field
    if (failures.length > 1) {
      const issues = failures.flatMap((e) => (e instanceof StreamdeskError ? e.issues : []));
      throw new StreamdeskError('invalid-argument', failures.map((e) => e.message).join('; '), issues);
    }
    this.store.set(topic, settings);
    return this.store.get(topic);
  }

  /** A reader for the topic as it is set now (one per registry client and settings, so its schemas stay compiled). */
  reader(topic: string): SideReader {
    const client = this.registry();
    const settings = this.store.get(topic);
    const key = JSON.stringify(settings);
    let byClient = this.readers.get(client ?? this.noRegistry);
    if (!byClient) this.readers.set(client ?? this.noRegistry, (byClient = new Map<string, SideReader>()));
    let reader = byClient.get(key);
    if (!reader) {
      if (byClient.size > 100) byClient.clear();
      byClient.set(key, (reader = new SideReader(client, settings)));
    }
    return reader;
  }

  worker(topic: string): WorkerDecode {
    return { registry: this.registryTarget(), settings: this.store.get(topic) };
  }

  /** Which field a failed subject lookup is about: the message type, the version of a subject that exists, or the subject. */
  private async culprit(subject: string, error: unknown): Promise<string> {
    if (!(error instanceof StreamdeskError))
      return error instanceof Error && /message type|declares no message/.test(error.message) ? 'messageType' : 'subject';
    if (error.code !== 'not-found') return 'subject';
    const subjects = await this.registry()
      ?.subjects()
      .catch((): string[] => []);
    return subjects?.includes(subject) ? 'version' : 'subject';
  }

  private async check(side: 'key' | 'value', setting: SideDecodeSetting): Promise<void> {
    const at = (field: string) => ['settings', side, field];
    if (setting.mode === 'proto') {
      try {
        protobufjs().parse(setting.proto, { keepCase: true });
      } catch (e) {
        throw invalidField(at('proto'), `does not parse: ${(e as Error).message}`);
      }
      try {
        compileProtoOrThrow(setting.proto, setting.messageType);
      } catch (e) {
        throw invalidField(at('messageType'), (e as Error).message);
      }
    }
    if (setting.mode === 'subject') {
      try {
        await compileSubject(this.registry(), setting);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw invalidField(at(await this.culprit(setting.subject, e)), message);
      }
    }
  }
}
