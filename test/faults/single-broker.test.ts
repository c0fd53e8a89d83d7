// kill -9 of each process of a real native stack (ZooKeeper, one Kafka broker, Flink's
// JobManager and TaskManager), idle and with a generator, a search and a pipeline start in
// flight, judged through the app's own back end. Results go to reports/faults.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '@shared/health';
import type { NativeServiceName } from '@main/services/stack/native';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { startTestStack, type TestStack } from '../stack';
import { startApp, type AppUnderFault } from './fault-harness';
import { injectFault, type FaultSpec } from './inject';
import { createTopic } from './operations';

const PART = 'single-broker';
const SEARCH_TOPIC = 'faults-search';
const PIPELINE = 'stavanger_parking_realtime';
const run = Math.random().toString(36).slice(2, 7);

let stack: TestStack;
let app: AppUnderFault;

/** Records for searches to scan: enough that a scan is still reading when a process dies. */
async function fillSearchTopic(bootstrap: string, records: number): Promise<void> {
  const producer = kafkaClient({ brokers: [bootstrap] }).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let sent = 0; sent < records; sent += 10_000) {
      const messages = Array.from({ length: 10_000 }, (_, i) => ({
        key: `k${(sent + i) % 97}`,
        value: JSON.stringify({ trade_id: sent + i + 1, price: 100 + ((sent + i) % 50), symbol: 'EQNR' }),
      }));
      await producer.send({ topic: SEARCH_TOPIC, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

beforeAll(async () => {
  // generous: on a shared 2-core machine under heavy load the JVMs alone have taken 4 minutes to start
  stack = await startTestStack({ timeoutMs: 420_000, onProgress: (e) => console.log(`[faults] ${e.service} ${e.phase}${e.message ? `: ${e.message}` : ''}`) });
  const { kafka, zookeeper, flinkRest, sqlGateway } = stack.ports;
  app = startApp({ dataDir: stack.dataDir, ports: { kafka, zookeeper: zookeeper!, flinkRest, sqlGateway } });
  await createTopic(app, SEARCH_TOPIC, 2);
  await fillSearchTopic(stack.bootstrap, 100_000);
}, 600_000);

afterAll(async () => {
  await app?.close();
  await stack?.stop();
}, 120_000);

const up = (tile: keyof HealthSnapshot['services']) => (s: HealthSnapshot) => s.services[tile].status === 'up';
const down = (tile: keyof HealthSnapshot['services']) => (s: HealthSnapshot) => s.services[tile].status === 'down';

interface ServiceFault {
  service: NativeServiceName;
  tile: keyof HealthSnapshot['services'];
  red: (s: HealthSnapshot) => boolean;
  recovered: (s: HealthSnapshot) => boolean;
  mayStayDegraded?: boolean;
  alert?: FaultSpec['alert'];
  needsService?: FaultSpec['needsService'];
  clusterShows?: FaultSpec['clusterShows'];
}

/** Flink's own /overview, read directly (not through the app); null when the JobManager does not answer. */
async function flinkOverview(url: string): Promise<{ taskmanagers: number } | null> {
  const response = await fetch(`${url}/overview`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
  return response?.ok ? ((await response.json()) as { taskmanagers: number }) : null;
}

const SERVICES: ServiceFault[] = [
  { service: 'kafka', tile: 'kafka', red: down('kafka'), recovered: up('kafka'), alert: 'broker-down', needsService: { name: 'topics:list' } },
  // The broker keeps serving without ZooKeeper; it comes back once the broker re-registers.
  { service: 'zookeeper', tile: 'zookeeper', red: down('zookeeper'), recovered: (s) => up('zookeeper')(s) && up('kafka')(s), alert: 'zookeeper-not-serving' },
  {
    service: 'flink-jobmanager',
    tile: 'flink',
    red: down('flink'),
    recovered: up('flink'),
    needsService: { name: 'pipelines:jobs' },
    // the TaskManager that outlived the JobManager re-registers on its own schedule (Flink's registration back-off):
    // the TaskManagers tile is judged from when Flink itself lists it again
    clusterShows: { red: () => Promise.resolve(true), recovered: async () => ((await flinkOverview(stack.flinkUrl))?.taskmanagers ?? 0) >= 1 },
  },
  {
    service: 'flink-taskmanager',
    tile: 'taskmanagers',
    red: down('taskmanagers'),
    // Flink lists the killed TaskManager until its heartbeat times out: the tile is degraded (not red) meanwhile.
    recovered: (s) => s.services.taskmanagers.status !== 'down' && (s.services.taskmanagers.details.taskManagers ?? 0) >= 1,
    mayStayDegraded: true,
    alert: 'taskmanager-lost',
    needsService: { name: 'pipelines:cluster' },
  },
];

describe('kill -9 on a single-broker native stack', () => {
  for (const fault of SERVICES) {
    for (const busy of [false, true]) {
      const id = `${fault.service} ${busy ? 'busy' : 'idle'}`;
      it(`${id}: the app stays up, the ${fault.tile} tile turns red with a reason and recovers, operations end cleanly, no record lost`, async () => {
        const result = await injectFault(app, PART, {
          id: `kill -9 ${fault.service} (${busy ? 'generator + search + pipeline start in flight' : 'idle'})`,
          service: fault.service,
          tile: fault.tile,
          red: fault.red,
          recovered: fault.recovered,
          ...(fault.mayStayDegraded ? { mayStayDegraded: true } : {}),
          ...(fault.alert ? { alert: fault.alert } : {}),
          ...(fault.needsService ? { needsService: fault.needsService } : {}),
          ...(fault.clusterShows ? { clusterShows: fault.clusterShows } : {}),
          kill: () => stack.stack.stop(fault.service, 'SIGKILL'),
          restart: () => stack.stack.start(fault.service),
          ...(busy
            ? {
                busy: {
                  generator: { topic: `faults-gen-${run}-${fault.service}`, partitions: 3, replicationFactor: 1 },
                  searchTopic: SEARCH_TOPIC,
                  pipeline: PIPELINE,
                },
              }
            : {}),
          bootstrap: [stack.bootstrap],
          flink: true,
        });
        console.log(
          `[faults] ${result.id}: ${JSON.stringify({ detectedMs: result.detectedMs, recoveredMs: result.recoveredMs, tiles: result.tiles, operations: result.operations, records: result.records, alerts: result.alerts })}`,
        );
        expect(result.problems).toEqual([]);
      }, 240_000);
    }
  }
});
