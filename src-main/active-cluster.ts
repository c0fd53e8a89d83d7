import { LOCAL_STACK_CONNECTION, type Connection } from '@shared/connection';
import type { KafkaTarget } from './clients/kafka/kafka-target';
import type { SchemaRegistryTarget } from './clients/schema-registry/schema-registry-client';
import type { ProfileService } from './services/profiles';
import type { StackService } from './services/stack/stack-service';

/**
 * The cluster the console talks to now, read afresh on every call (a profile switch moves it).
 * Plain functions, not methods: the back end hands them on as callbacks.
 */
export interface ActiveCluster {
  connection: () => Connection;
  kafkaTarget: () => KafkaTarget;
  flinkHeaders: () => Record<string, string>;
  prometheusUrl: () => string | null;
  /** The Schema Registry records are decoded through; null when the connection names none. */
  schemaRegistry: () => SchemaRegistryTarget | null;
  /** Whether it is the local stack (not a remote cluster). */
  onLocalStack: () => boolean;
}

/** An explicit connection (command-line flags) wins; without one the active profile decides; without profiles, the local stack. */
export function activeCluster(explicit: Connection | undefined, profiles: ProfileService | null, stack: StackService): ActiveCluster {
  const fromProfile = !explicit && profiles ? profiles : null;
  const connection = (): Connection => explicit ?? profiles?.activeConnection() ?? localStackConnection(stack);
  return {
    connection,
    kafkaTarget: () => (fromProfile ? fromProfile.activeKafkaTarget() : { brokers: connection().kafkaBootstrap }),
    flinkHeaders: () => (fromProfile ? fromProfile.activeFlinkAuth() : {}),
    prometheusUrl: () => {
      if (!fromProfile) return explicit?.prometheusUrl ?? null;
      const { profile } = fromProfile.active();
      return profile.builtIn ? stack.metricsUrl : profile.prometheusUrl;
    },
    schemaRegistry: () => {
      // The built-in profile is the local stack, whose registry is the stack's: profiles carry no
      // registry URL of their own yet, so the profile's connection has none to give.
      const builtIn = fromProfile?.active().profile.builtIn === true;
      const url = connection().schemaRegistryUrl ?? (builtIn ? stack.schemaRegistry().url : null);
      return url ? { url } : null;
    },
    onLocalStack: () => !explicit && (!profiles || profiles.active().profile.builtIn),
  };
}

/** The local stack's addresses follow its ports and mode (KRaft runs no ZooKeeper). */
export function localStackConnection(stack: StackService): Connection {
  const { kafka, zookeeper, flinkRest } = stack.ports;
  return {
    ...LOCAL_STACK_CONNECTION,
    kafkaBootstrap: [`127.0.0.1:${kafka}`],
    zookeeper: zookeeper === null ? null : `127.0.0.1:${zookeeper}`,
    flinkUrl: `http://127.0.0.1:${flinkRest}`,
    prometheusUrl: stack.metricsUrl,
    // null when the stack runs none (not asked for, or no Java 21+ here): nothing to decode with
    schemaRegistryUrl: stack.schemaRegistry().url,
  };
}
