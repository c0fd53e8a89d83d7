import type { Connection } from '@shared/connection';
import { SERVICE_KEYS, type HealthSnapshot } from '@shared/health';
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
import { interimSnapshot, type ProbedAddresses, type ServiceAnswers } from './interim-snapshot';
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
  /**
   * A changed snapshot: `full` after a whole round, `partial` while the first round's probes answer (Kafka's known, the
   * services not answered yet `unknown` "Checking…"). What judges the cluster (the alerts) wants only `full` ones.
   */
  onChange?: (snapshot: HealthSnapshot, round: RoundKind) => void;
  /** Releases what the probes keep between rounds (a kept connection). */
  onStop?: () => void;
}

export type RoundKind = 'partial' | 'full';

/**
 * Polls every service a few seconds apart and announces a snapshot only when something changed.
 * Probes never throw; one slow service never delays the others' answers beyond its timeout.
 */
export class HealthMonitor {
  private latest: HealthSnapshot | null = null;
  /** Whether `latest` is a first round's partial snapshot (the full one is announced even if it looked the same). */
  private latestIsPartial = false;
  /** current()'s callers while no snapshot exists: each takes the first one announced, partial or full. */
  private waitingForFirst: ((snapshot: HealthSnapshot) => void)[] = [];
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

  /**
   * The last snapshot; before the first, the first announced: a partial one as soon as Kafka answered (the Overview's
   * first paint must not wait for the slowest service, often Connect), else the first round's.
   */
  async current(): Promise<HealthSnapshot> {
    if (this.latest) return this.latest;
    const round = this.check();
    const first = new Promise<HealthSnapshot>((resolve) => this.waitingForFirst.push(resolve));
    return Promise.race([round, first]);
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
    const connectClusters = this.options.connectClusters?.() ?? [];
    const starting = this.options.stackStarting?.() ?? false;
    const addresses: ProbedAddresses = {
      kafkaBootstrap: kafkaTarget.brokers.join(','),
      zookeeper: connection.zookeeper,
      flinkUrl: connection.flinkUrl,
      kafkaUiUrl: connection.kafkaUiUrl,
      schemaRegistryUrl: registry.target?.url ?? null,
      connectUrls: connectClusters.map((cluster) => cluster.url),
    };
    // only the first round announces as its probes answer: later rounds replace a whole snapshot, unchanged
    const answered: ServiceAnswers | null = this.latest === null ? {} : null;
    const heard = <T extends ServiceAnswers>(probe: Promise<T>): Promise<T> => {
      if (answered === null) return probe;
      return probe.then((part) => {
        this.announcePartial(Object.assign(answered, part), addresses, starting);
        return part;
      });
    };
    const [{ kafka }, { zookeeper }, flinkResult, { kafkaUi }, { schemaRegistry }, { connect }] = await Promise.all([
      heard(
        Promise.all([
          probeKafkaTarget(kafkaTarget, timeoutMs, this.now, { scans: this.partitionScans, connection: this.kafkaConnection }),
          probeQuorum(kafkaTarget, connection.zookeeper, timeoutMs, this.kafkaConnection.run),
        ]).then(([kafkaAlone, quorum]) => ({ kafka: withQuorum(kafkaAlone, quorum) })),
      ),
      heard(probeZookeeper(connection.zookeeper, timeoutMs, this.now).then((health) => ({ zookeeper: health }))),
      heard(probeFlink(connection.flinkUrl, this.fetchFn, timeoutMs, this.now, this.options.flinkHeaders?.() ?? {})),
      heard(probeKafkaUi(connection.kafkaUiUrl, this.fetchFn, timeoutMs, this.now).then((health) => ({ kafkaUi: health }))),
      heard(probeSchemaRegistry(registry, this.fetchFn, timeoutMs, this.now).then((health) => ({ schemaRegistry: health }))),
      heard(probeConnect(connectClusters, this.fetchFn, timeoutMs, this.now, this.options.connectGroups).then((health) => ({ connect: health }))),
    ]);
    const answers = { kafka, zookeeper, flink: flinkResult.flink, taskmanagers: flinkResult.taskmanagers, kafkaUi, schemaRegistry, connect };
    const services = starting ? whileStackStarts(answers) : answers;
    const snapshot: HealthSnapshot = { ...overallOf(services), checkedAt: this.now(), services };
    this.announce(snapshot, 'full');
    return snapshot;
  }

  /**
   * The first round so far, once Kafka (with its quorum) answered and while some service has not: the Kafka tile goes
   * live with Kafka's answer, not with the slowest probe's. Before Kafka, nothing: the page keeps "Checking the stack…".
   */
  private announcePartial(answered: ServiceAnswers, addresses: ProbedAddresses, starting: boolean): void {
    if (!answered.kafka || Object.keys(answered).length === SERVICE_KEYS.length) return;
    const snapshot = interimSnapshot(starting ? whileStackStarts(answered) : answered, addresses, this.now());
    this.announce(snapshot, 'partial');
  }

  private announce(snapshot: HealthSnapshot, round: RoundKind): void {
    // the full round after partial ones is always announced: the alerts see only full rounds and must see this one
    const changed = (round === 'full' && this.latestIsPartial) || healthChanged(this.latest, snapshot);
    this.latest = snapshot;
    this.latestIsPartial = round === 'partial';
    for (const resolve of this.waitingForFirst.splice(0)) resolve(snapshot);
    if (changed) this.options.onChange?.(snapshot, round);
  }
}

/**
 * While the local stack is being started, a service that answered down or unknown is `starting`. Only real answers are
 * passed here: a placeholder stays `unknown` "Checking…" (nothing said it is starting).
 */
function whileStackStarts<T extends ServiceAnswers>(answers: T): T {
  const converted = Object.entries(answers).map(([key, health]) =>
    health.status === 'down' || health.status === 'unknown'
      ? [key, { ...health, status: 'starting', reason: `Local stack is starting (${health.reason})` }]
      : [key, health],
  );
  return Object.fromEntries(converted) as T;
}
