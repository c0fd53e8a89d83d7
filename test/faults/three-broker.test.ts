// The local stack's three-broker cluster (one ZooKeeper, brokers 0, 1, 2; replication factor 3) loses
// broker 2 (service kafka-3) to kill -9: the cluster keeps serving, the topics service, the health tile and the
// alerts report the under-replicated partitions, and all of it clears once the broker is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import type { HealthSnapshot } from '@shared/health';
import type { TopicSummary } from '@shared/topics';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { NativeStack } from '@main/services/stack/native';
import { ensureJars, freePortRun, freePorts, NATIVE_DIR } from '../stack';
import { startApp, waitFor, type AppUnderFault } from './fault-harness';
import { injectFault } from './inject';
import { createTopic } from './operations';

const PART = 'three-broker';
const TOPIC = 'faults-rf3';
const GENERATOR_TOPIC = 'faults-rf3-gen';

const BROKERS = ['kafka', 'kafka-2', 'kafka-3'] as const;

let cluster: NativeStack;
let dataDir: string;
let bootstrap: string[];
let app: AppUnderFault;

/** Last resort, as the shared harness does: never leave JVMs behind if the run dies without afterAll. */
process.once('exit', () => {
  for (const service of cluster?.services() ?? []) {
    const pid = cluster.pidSync(service);
    try {
      if (pid !== null) process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/**
 * A broker starting on a starved machine can miss its 6 s ZooKeeper session and exit
 * ("Session expired for /feature"): that is the machine, not the fault under test; try once more.
 */
async function upWithOneRetry(stack: NativeStack): Promise<void> {
  try {
    await stack.up(undefined, 300_000);
  } catch (error) {
    console.log(`[faults] retrying a start that failed: ${(error as Error).message.split('\n')[0]}`);
    await stack.down();
    await stack.up(undefined, 300_000);
  }
}

beforeAll(async () => {
  // the stack's own three-broker cluster (`streamdesk stack up --brokers 3`): brokers on kafka, kafka+1, kafka+2
  const [zkPort] = (await freePorts(1)) as [number];
  const kafkaPort = await freePortRun(3);
  dataDir = mkdtempSync(join(tmpdir(), 'streamdesk-faults-3b-'));
  cluster = new NativeStack({
    dataDir,
    libDir: join(NATIVE_DIR, 'lib'),
    confDir: join(NATIVE_DIR, 'conf'),
    brokers: 3,
    only: ['zookeeper', ...BROKERS],
    ports: { zookeeper: zkPort, kafka: kafkaPort },
  });
  bootstrap = BROKERS.map((_, i) => `127.0.0.1:${kafkaPort + i}`);
  ensureJars(cluster);
  await upWithOneRetry(cluster);
  app = startApp({
    dataDir,
    ports: { kafka: kafkaPort, zookeeper: zkPort, flinkRest: 1, sqlGateway: 1 },
    connection: {
      ...LOCAL_STACK_CONNECTION,
      name: 'three brokers',
      kafkaBootstrap: bootstrap,
      zookeeper: `127.0.0.1:${zkPort}`,
      flinkUrl: null,
      schemaRegistryUrl: null, // this cluster runs no registry: its tile says "not configured"
    },
  });
  await waitFor('three brokers in the health tile', () => Promise.resolve((app.health.at(-1)?.snapshot.services.kafka.details.brokers ?? 0) === 3), 60_000);
  await createTopic(app, TOPIC, 6, 3);
}, 900_000);

afterAll(async () => {
  await app?.close();
  await cluster?.down().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

/** The cluster's own view, read with a separate kafkajs admin: live brokers and partitions whose ISR lacks a replica. */
async function clusterState(): Promise<{ brokers: number; underReplicated: number }> {
  const admin = kafkaClient({ brokers: bootstrap }, { clientId: 'faults-observer', retries: 0 }).admin();
  await admin.connect();
  try {
    const [described, metadata] = await Promise.all([admin.describeCluster(), admin.fetchTopicMetadata()]);
    const underReplicated = metadata.topics.flatMap((t) => t.partitions).filter((p) => p.isr.length < p.replicas.length).length;
    return { brokers: described.brokers.length, underReplicated };
  } finally {
    await admin.disconnect();
  }
}

const urp = (s: HealthSnapshot) => s.services.kafka.details.underReplicatedPartitions ?? 0;

describe('kill -9 one broker of a three-broker cluster (replication factor 3)', () => {
  it('reports under-replicated partitions in the topics, the health tile and the alerts, loses no record, and clears after the restart', async () => {
    let topicsDuring: TopicSummary | undefined;
    const result = await injectFault(app, PART, {
      id: 'kill -9 broker 2 of 3 (replication factor 3, generator in flight)',
      service: 'kafka broker 2 of 3',
      tile: 'kafka',
      // ZooKeeper drops the dead broker after its session timeout (6 s); then the ISRs shrink
      red: (s) => s.services.kafka.status === 'degraded' && urp(s) > 0,
      recovered: (s) => s.services.kafka.status === 'up' && urp(s) === 0 && s.services.kafka.details.brokers === 3,
      alert: 'under-replicated',
      needsService: { name: 'topics:describe', args: { name: TOPIC } },
      kill: async () => {
        await cluster.stop('kafka-3', 'SIGKILL');
      },
      restart: async () => {
        const listed = await app.call<TopicSummary[]>('topics:list');
        topicsDuring = listed.ok ? listed.result.find((t) => t.name === TOPIC) : undefined;
        // a broker starting on a starved machine can miss its 6 s ZooKeeper session and exit: once more then
        await cluster.start('kafka-3', 300_000).catch(async (error: Error) => {
          console.log(`[faults] retrying the restart: ${error.message.split('\n')[0]}`);
          await cluster.start('kafka-3', 300_000);
        });
      },
      busy: { generator: { topic: GENERATOR_TOPIC, partitions: 6, replicationFactor: 3 } },
      bootstrap,
      flink: false,
      clusterShows: {
        red: async () => (await clusterState()).underReplicated > 0,
        recovered: async () => {
          const c = await clusterState();
          return c.underReplicated === 0 && c.brokers === 3;
        },
      },
    });
    console.log(
      `[faults] ${result.id}: ${JSON.stringify({ detectedMs: result.detectedMs, recoveredMs: result.recoveredMs, tiles: result.tiles, operations: result.operations, records: result.records, alerts: result.alerts, topicsDuring })}`,
    );
    expect(topicsDuring?.underReplicatedPartitions).toBeGreaterThan(0);
    expect(topicsDuring?.offlinePartitions).toBe(0);
    const listed = await app.call<TopicSummary[]>('topics:list');
    expect(listed.ok && listed.result.find((t) => t.name === TOPIC)?.underReplicatedPartitions).toBe(0);
    expect(result.problems).toEqual([]);
  }, 240_000);
});
