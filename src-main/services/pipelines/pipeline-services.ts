// The pipelines feature as four services over one Flink cluster: the catalog (what can run),
// insight (what runs), launch (start and resume) and operations (cancel, savepoints).
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { PipelineCatalogService } from './catalog-service';
import { PipelineInsightService, type StartedJobs } from './insight-service';
import { PipelineLaunchService } from './launch-service';
import { PipelineOperationsService } from './operations-service';
import type { PipelineCatalog } from './pipeline-catalog';
import { LatencyProbe, type NewestRecords } from './pipeline-latency';
import type { TopicEnsurer } from './topic-ensurer';

export interface PipelineServicesDeps {
  flink: FlinkRestClient;
  /** Null when no SQL Gateway is known: SQL pipelines then cannot start (jar ones can). */
  gateway: SqlGatewayClient | null;
  catalog: PipelineCatalog;
  /** Null: topics are not created (e.g. a read-only profile). */
  topics: TopicEnsurer | null;
  /** Kafka bootstrap servers as Flink's TaskManagers reach them ({{bootstrap}}). */
  kafkaBootstrap: string;
  /** Local folder savepoints go to and are listed from (<dataDir>/flink/savepoints); null: Flink's configured default, nothing listed from disk. */
  savepointsDir: string | null;
  /** Reads a sink topic's newest records for end-to-end latency; absent: no latency figures. */
  newestRecords?: NewestRecords;
  /** Dashboard base shown to users; defaults to the REST client's address. */
  dashboardUrl?: string;
  /** How long start() watches a new job for an immediate failure. Default 20 s. */
  startWatchMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PipelineServices {
  catalog: PipelineCatalogService;
  insight: PipelineInsightService;
  launch: PipelineLaunchService;
  operations: PipelineOperationsService;
}

export function createPipelineServices(d: PipelineServicesDeps): PipelineServices {
  const dashboardUrl = d.dashboardUrl ?? d.flink.baseUrl;
  const sleep = d.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Shared by launch (which notes what it started) and insight (which names each job's pipeline).
  const started: StartedJobs = new Map();
  const insight = new PipelineInsightService(d.flink, d.catalog, started, d.newestRecords ? new LatencyProbe(d.newestRecords) : null, dashboardUrl);
  const operations = new PipelineOperationsService(d.flink, d.savepointsDir, sleep);
  const launch = new PipelineLaunchService({
    flink: d.flink,
    gateway: d.gateway,
    catalog: d.catalog,
    topics: d.topics,
    kafkaBootstrap: d.kafkaBootstrap,
    dashboardUrl,
    started,
    insight,
    operations,
    ...(d.startWatchMs !== undefined ? { startWatchMs: d.startWatchMs } : {}),
    sleep,
  });
  return { catalog: new PipelineCatalogService(d.flink, d.catalog), insight, launch, operations };
}
