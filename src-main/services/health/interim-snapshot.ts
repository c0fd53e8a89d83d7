import { SERVICE_KEYS, type HealthSnapshot, type ServiceKey } from '@shared/health';
import { NO_CONNECT_FIGURES } from './connect-probe';
import { overallOf } from './overall';

type Services = HealthSnapshot['services'];
/** The services whose probes answered so far in a round. */
export type ServiceAnswers = Partial<Services>;

/** What a placeholder tile says: the service is being asked, nothing is known yet (not "starting": nothing said so). */
export const CHECKING_REASON = 'Checking…';

/** The addresses each placeholder names, as its probe's answer would. */
export interface ProbedAddresses {
  kafkaBootstrap: string;
  zookeeper: string | null;
  flinkUrl: string | null;
  kafkaUiUrl: string | null;
  schemaRegistryUrl: string | null;
  connectUrls: string[];
}

/** Pure: each service as `unknown` "Checking…", its details in its own shape with every figure null. */
function placeholders(addresses: ProbedAddresses, checkedAt: number): Services {
  const base = { status: 'unknown' as const, reason: CHECKING_REASON, checkedAt, latencyMs: null };
  const none = { controllerId: null, topics: null, partitions: null, underReplicatedPartitions: null, offlinePartitions: null, quorum: null };
  return {
    kafka: { ...base, details: { bootstrap: addresses.kafkaBootstrap, clusterId: null, brokers: null, ...none } },
    zookeeper: {
      ...base,
      details: { address: addresses.zookeeper ?? '', mode: null, version: null, avgLatencyMs: null, maxLatencyMs: null, connections: null, znodes: null },
    },
    flink: {
      ...base,
      details: { url: addresses.flinkUrl ?? '', version: null, jobsRunning: null, jobsFinished: null, jobsCancelled: null, jobsFailed: null },
    },
    taskmanagers: { ...base, details: { taskManagers: null, slotsTotal: null, slotsAvailable: null } },
    kafkaUi: { ...base, details: { url: addresses.kafkaUiUrl } },
    schemaRegistry: { ...base, details: { url: addresses.schemaRegistryUrl?.replace(/\/+$/, '') ?? null, subjects: null } },
    connect: {
      ...base,
      details: { urls: addresses.connectUrls.map((url) => url.replace(/\/+$/, '')), clusters: [], ...NO_CONNECT_FIGURES },
    },
  };
}

/**
 * Pure: the first round's snapshot before every probe answered: the answers so far, a placeholder for each other
 * service, and an overall that is no better than `unknown` while some are pending.
 */
export function interimSnapshot(answers: ServiceAnswers, addresses: ProbedAddresses, checkedAt: number): HealthSnapshot {
  const pending: ServiceKey[] = SERVICE_KEYS.filter((key) => answers[key] === undefined);
  const services: Services = { ...placeholders(addresses, checkedAt), ...answers };
  return { ...overallOf(services, pending), checkedAt, services };
}
