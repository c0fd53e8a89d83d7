import type { Connection } from '@shared/connection';
import { StreamdeskError } from '@shared/errors';
import type { TopicsService } from '../topics/topics-service';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { httpFetch } from '@main/clients/http-fetch';
import { PipelineCatalog } from './pipeline-catalog';
import type { NewestRecords } from './pipeline-latency';
import { createPipelineServices, type PipelineServices } from './pipeline-services';
import { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { topicsServiceEnsurer } from './topic-ensurer';

export interface PipelinesContext {
  connection: () => Connection;
  flinkHeaders: () => Record<string, string>;
  /** The SQL Gateway of the active connection (the local stack's), or null. */
  sqlGatewayUrl: () => string | null;
  /** Savepoints folder of the local stack, or null for a remote cluster. */
  savepointsDir: () => string | null;
  catalogFile: string;
  topics: TopicsService;
  /** The newest records of a topic (a sink topic's, for end-to-end latency); absent: no latency figures. */
  newestRecords?: NewestRecords;
}

/**
 * The pipeline services for whichever cluster is active now: rebuilt when the profile switches to
 * another Flink, reused otherwise (one catalog file for all).
 */
export function pipelinesForConnection(context: PipelinesContext): () => PipelineServices {
  const catalog = new PipelineCatalog(context.catalogFile);
  let cached: { key: string; service: PipelineServices } | null = null;
  return () => {
    const connection = context.connection();
    if (!connection.flinkUrl) throw new StreamdeskError('unavailable', 'This connection has no Flink REST URL: add one to the profile to run pipelines');
    const headers = context.flinkHeaders();
    const gatewayUrl = context.sqlGatewayUrl();
    const key = JSON.stringify([connection.flinkUrl, gatewayUrl, connection.kafkaBootstrap, headers]);
    if (cached?.key === key) return cached.service;
    const service = createPipelineServices({
      flink: new FlinkRestClient({ fetch: httpFetch, baseUrl: connection.flinkUrl, headers }),
      gateway: gatewayUrl ? new SqlGatewayClient({ fetch: httpFetch, baseUrl: gatewayUrl, headers }) : null,
      catalog,
      topics: topicsServiceEnsurer(context.topics),
      kafkaBootstrap: connection.kafkaBootstrap.join(','),
      savepointsDir: context.savepointsDir(),
      ...(context.newestRecords ? { newestRecords: context.newestRecords } : {}),
    });
    cached = { key, service };
    return service;
  };
}
