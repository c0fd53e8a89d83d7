import type { Connection } from '@shared/connection';
import type { HealthSnapshot } from '@shared/health';
import type { ConnectTarget } from '@main/clients/connect/connect-client';
import type { SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';
import { probeConnect } from './connect-probe';
import type { ConnectGroup } from '@main/clients/connect/connect-group-members';
import { probeFlink } from './flink-probe';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { probeKafkaTarget } from '../profiles/kafka-target-probe';
import { probeKafkaUi } from './kafka-ui-probe';
import { PartitionScans } from './partition-scan';
import { healthChanged, overallOf } from './overall';
import { probeSchemaRegistry } from './schema-registry-probe';
import { probeZookeeper } from './zookeeper-probe';
import { withQuorum } from './kafka-probe';
import { probeQuorum } from '../brokers/quorum-reader';
import { KeptConnection } from '@main/clients/kafka/raw-connection';
import { httpFetch } from '@main/clients/http-fetch';

export interface HealthMonitorOptions {
  connection: () => Connection;
  /** Kafka with its SASL/TLS settings (the active profile's); without it, the bootstrap servers in plain text. */
  kafkaTarget?: () => KafkaTarget;
  /** Authorization headers for Flink's REST API (basic or bearer), from the active profile. */
  flinkHeaders?: () => Record<string, string>;
  /** The active connection's Schema Registry, with its sign-in; null when it names none. */
  schemaRegistry?: () => SchemaRegistryTarget | null;
  /** Why the connection names no registry, when there is more to say (the local stack without Java 21+). */
  schemaRegistryAbsence?: () => string | null;
  /** The active connection's Kafka Connect clusters, with their sign-in; empty when it names none. */
  connectClusters?: () => ConnectTarget[];
  /** The Connect groups in the connection's Kafka (their members are the live workers). */
  connectGroups?: () => Promise<ConnectGroup[]>;
  fetch?: typeof fetch;
  now?: () => number;
  intervalMs?: number;
  timeoutMs?: number;
  /** True while the local stack is being started: a service that does not answer yet is `starting`. */
  stackStarting?: () => boolean;
  onChange?: (snapshot: HealthSnapshot) => void;
  /** Releases what the probes keep between rounds (a kept connection). */
  onStop?: () => void;
}

/**
 * Polls every service a few seconds apart and announces a snapshot only when something changed.
 * Probes never throw; one slow service never delays the others' answers beyond its timeout.
 */
export class HealthMonitor {
  private latest: HealthSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<HealthSnapshot> | null = null;
  private readonly now: () => number;
  private readonly fetchFn: typeof fetch;
  private readonly partitionScans: PartitionScans;
  /** The Kafka and quorum probes' connection, kept between rounds (a fresh one each was two connections a round). */
  private readonly kafkaConnection = new KeptConnection();

  constructor(private readonly options: HealthMonitorOptions) {
    this.now = options.now ?? Date.now;
    // not Node's fetch: its first call loads undici, on the way to the first page's tiles (http-fetch.ts)
    this.fetchFn = options.fetch ?? httpFetch;
    this.partitionScans = new PartitionScans(this.intervalMs);
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? 3000;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.check().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kafkaConnection.close();
    this.options.onStop?.();
  }

  /** The last partition scan of `target`'s cluster when recent enough to serve as the metrics sampler's topic list. */
  sharedTopicList(target: KafkaTarget): ReturnType<PartitionScans['sharedList']> {
    return this.partitionScans.sharedList(target.brokers.join(','), this.now());
  }

  /** The last snapshot, or a fresh one if none was taken yet. */
  async current(): Promise<HealthSnapshot> {
    return this.latest ?? this.check();
  }

  /** Probes now; concurrent callers share one round of probes. */
  check(): Promise<HealthSnapshot> {
    this.inFlight ??= this.probeAll().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async probeAll(): Promise<HealthSnapshot> {
    const connection = this.options.connection();
    const timeoutMs = this.options.timeoutMs ?? 2500;
    const registry = { target: this.options.schemaRegistry?.() ?? null, absence: this.options.schemaRegistryAbsence?.() ?? null };
    const kafkaTarget = this.options.kafkaTarget?.() ?? { brokers: connection.kafkaBootstrap };
    const [kafkaAlone, quorum, zookeeper, flinkResult, kafkaUi, schemaRegistry, connect] = await Promise.all([
      probeKafkaTarget(kafkaTarget, timeoutMs, this.now, { scans: this.partitionScans, connection: this.kafkaConnection }),
      probeQuorum(kafkaTarget, connection.zookeeper, timeoutMs, this.kafkaConnection.run),
      probeZookeeper(connection.zookeeper, timeoutMs, this.now),
      probeFlink(connection.flinkUrl, this.fetchFn, timeoutMs, this.now, this.options.flinkHeaders?.() ?? {}),
      probeKafkaUi(connection.kafkaUiUrl, this.fetchFn, timeoutMs, this.now),
      probeSchemaRegistry(registry, this.fetchFn, timeoutMs, this.now),
      probeConnect(this.options.connectClusters?.() ?? [], this.fetchFn, timeoutMs, this.now, this.options.connectGroups),
    ]);
    const kafka = withQuorum(kafkaAlone, quorum);
    const services = { kafka, zookeeper, flink: flinkResult.flink, taskmanagers: flinkResult.taskmanagers, kafkaUi, schemaRegistry, connect };
    if (this.options.stackStarting?.()) {
      for (const health of Object.values(services)) {
        if (health.status === 'down' || health.status === 'unknown') {
          health.status = 'starting';
          health.reason = `Local stack is starting (${health.reason})`;
        }
      }
    }
    const snapshot: HealthSnapshot = { ...overallOf(services), checkedAt: this.now(), services };
    const changed = healthChanged(this.latest, snapshot);
    this.latest = snapshot;
    if (changed) this.options.onChange?.(snapshot);
    return snapshot;
  }
}
