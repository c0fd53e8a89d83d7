// Where and how `streamdesk search` reads: the Kafka target and the decoding, from the command line,
// the environment, the active profile and what the data dir recorded. Shared by the search entry
// (search-entry.ts, bundled on its own so the search starts fast) and cli.ts.
import path from 'node:path';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import type { DecodeResolver } from './cli-search';
import type { KafkaTarget } from './clients/kafka/kafka-target';
import { defaultConfigDir, defaultDataDir } from './paths';
import { DecodeSettingsStore } from './services/messages/decode-settings-store';
import { openProfiles, profileStorageIn } from './services/profiles/open-profiles';
import { readRecordedPorts } from './services/stack/recorded-ports';
import { LOCAL_SUPER_USER, readRecordedShape } from './services/stack/recorded-shape';

/** A flag's value on the search command line (search parses its own flags). */
function searchFlag(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** The local stack's ports for `search`: the flags, else those the data dir's stack was started on (as `serve` finds them). */
function searchStackPorts(argv: string[]): { kafka: string; registry: string } {
  const recorded = readRecordedPorts(path.resolve(searchFlag(argv, '--data-dir') ?? defaultDataDir()));
  return {
    kafka: searchFlag(argv, '--kafka-port') ?? String(recorded.kafka ?? 9092),
    registry: searchFlag(argv, '--registry-port') ?? String(recorded.schemaRegistry ?? 8085),
  };
}

/** Where `search` reads: --kafka, else STREAMDESK_KAFKA, else the active profile (SASL/TLS included). */
export function searchTarget(argv: string[]): KafkaTarget {
  const brokers = searchFlag(argv, '--kafka') ?? process.env.STREAMDESK_KAFKA;
  if (brokers)
    return {
      brokers: brokers
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    };
  const shape = readRecordedShape(path.resolve(searchFlag(argv, '--data-dir') ?? defaultDataDir()));
  const profiles = openProfiles(profileStorageIn(defaultConfigDir()), {
    connection: () => ({ ...LOCAL_STACK_CONNECTION, kafkaBootstrap: [`127.0.0.1:${searchStackPorts(argv).kafka}`] }),
    // a secure local stack: the built-in profile signs in as its super user
    superUser: () => (shape.secure ? LOCAL_SUPER_USER : null),
  });
  return profiles.activeKafkaTarget();
}

/**
 * How `search` decodes: --schema-registry, else with --kafka/STREAMDESK_KAFKA the variable
 * STREAMDESK_SCHEMA_REGISTRY, else the active profile's registry; the topic's override is the one
 * the app saved for that profile (data dir: --data-dir or the default).
 */
export function searchDecode(argv: string[]): DecodeResolver {
  const flag = (name: string) => searchFlag(argv, name);
  const explicit = Boolean(flag('--kafka') ?? process.env.STREAMDESK_KAFKA);
  const profiles = explicit ? null : openProfiles(profileStorageIn(defaultConfigDir()), { connection: () => LOCAL_STACK_CONNECTION, superUser: () => null });
  const store = new DecodeSettingsStore(path.join(path.resolve(flag('--data-dir') ?? defaultDataDir()), 'decode-settings.json'), () =>
    profiles ? profiles.active().profile.id : 'command-line',
  );
  // the built-in profile is the local stack: its registry on --registry-port, else the recorded port, else 8085
  const local = `http://127.0.0.1:${searchStackPorts(argv).registry}/apis/ccompat/v7`;
  return (topic, registryUrl) => {
    const fromProfile = profiles ? (profiles.activeConnection().schemaRegistryUrl ?? (profiles.active().profile.builtIn ? local : null)) : null;
    const url = registryUrl ?? (explicit ? process.env.STREAMDESK_SCHEMA_REGISTRY : fromProfile) ?? null;
    return { registry: url ? { url } : null, settings: store.get(topic) };
  };
}
