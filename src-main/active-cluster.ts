import { LOCAL_STACK_CONNECTION, type Connection } from '@shared/connection';
import type { KafkaTarget } from './clients/kafka/kafka-target';
import type { ConnectTarget } from './clients/connect/connect-client';
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
  /** The Connect clusters the connection names (one REST URL each); empty when it names none. */
  connectClusters: () => ConnectTarget[];
  /** Whether it is the local stack (not a remote cluster). */
  onLocalStack: () => boolean;
}

/** An explicit connection (command-line flags) wins; without one the active profile decides; without profiles, the local stack. */
export function activeCluster(explicit: Connection | undefined, profiles: ProfileService | null, stack: StackService): ActiveCluster {
  const fromProfile = !explicit && profiles ? profiles : null;
  const connection = (): Connection => {
    if (explicit) return explicit;
    if (!profiles) return localStackConnection(stack);
    const active = profiles.activeConnection();
    // the built-in profile is the local stack: its registry is the stack's (none when it runs none), whatever the profile stored
    // and so is its Connect worker
    return profiles.active().profile.builtIn ? { ...active, schemaRegistryUrl: stack.schemaRegistry().url, connectUrls: localConnectUrls(stack) } : active;
  };
  return {
    connection,
    kafkaTarget: () => (fromProfile ? fromProfile.activeKafkaTarget() : { brokers: connection().kafkaBootstrap }),
    flinkHeaders: () => (fromProfile ? fromProfile.activeFlinkAuth() : {}),
    prometheusUrl: () => {
      if (!fromProfile) return explicit?.prometheusUrl ?? null;
      const { profile } = fromProfile.active();
      return profile.builtIn ? stack.metricsUrl : profile.prometheusUrl;
    },
    // a saved profile's registry comes with its sign-in (decrypted now); the local stack's and an explicit one have none
    schemaRegistry: () => {
      if (fromProfile && !fromProfile.active().profile.builtIn) return fromProfile.activeSchemaRegistry();
      const url = connection().schemaRegistryUrl;
      return url ? { url } : null;
    },
    // a saved profile's Connect clusters come with its sign-in (decrypted now); the local stack's and explicit ones have none
    connectClusters: () => {
      if (fromProfile && !fromProfile.active().profile.builtIn) return fromProfile.activeConnectClusters();
      return (connection().connectUrls ?? []).map((url) => ({ url }));
    },
    onLocalStack: () => !explicit && (!profiles || profiles.active().profile.builtIn),
  };
}

/** The local stack's addresses follow its ports and mode (KRaft runs no ZooKeeper). */
export function localStackConnection(stack: StackService): Connection {
  const { zookeeper, flinkRest } = stack.ports;
  return {
    ...LOCAL_STACK_CONNECTION,
    // every broker: the console reaches a three-broker stack while any one of them answers
    kafkaBootstrap: stack.kafkaBootstrap(),
    zookeeper: zookeeper === null ? null : `127.0.0.1:${zookeeper}`,
    flinkUrl: `http://127.0.0.1:${flinkRest}`,
    prometheusUrl: stack.metricsUrl,
    // null when the stack runs none (not asked for, or no Java 21+ here): nothing to decode with
    schemaRegistryUrl: stack.schemaRegistry().url,
    connectUrls: localConnectUrls(stack),
  };
}

/** The local stack's Connect worker follows its port; none when the stack runs none. */
function localConnectUrls(stack: StackService): string[] {
  const url = stack.connectUrl();
  return url ? [url] : [];
}
