// The SQL workbench's services as the back end wires them, on a test stack: topics as tables (sampled
// from the newest records, or typed by a Schema Registry), the SQL Gateway, and the pipelines a query is
// saved as. One place, so the SQL tests build them the same way.
import { join } from 'node:path';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { createPipelineServices, PipelineCatalog, topicsServiceEnsurer } from '@main/services/pipelines';
import { MessagesService } from '@main/services/messages/messages-service';
import { SqlService } from '@main/services/sql/sql-service';
import { TableSchemas } from '@main/services/sql/table-schemas';
import { TableSchemasStore } from '@main/services/sql/table-schemas-store';
import { TopicsService } from '@main/services/topics/topics-service';

export interface SqlStackUrls {
  bootstrap: string;
  flinkUrl: string;
  sqlGatewayUrl: string;
}

/** `dir` holds the saved table schemas and the pipeline catalog. */
export function sqlServices(stack: SqlStackUrls, dir: string, registry: () => SchemaRegistryClient | null = () => null) {
  const target = () => ({ brokers: [stack.bootstrap] });
  const topics = new TopicsService(target);
  const messages = new MessagesService(target);
  const flink = new FlinkRestClient({ fetch, baseUrl: stack.flinkUrl });
  const sql = new SqlService({
    gateway: () => new SqlGatewayClient({ fetch, baseUrl: stack.sqlGatewayUrl }),
    bootstrap: () => stack.bootstrap,
    topicNames: async () => (await topics.list(false, { configs: false, offsets: false })).map((t) => t.name),
    tables: new TableSchemas({
      store: new TableSchemasStore(join(dir, 'sql-tables.json'), () => 'test'),
      profileId: () => 'test',
      sample: async (topic) => (await messages.browse({ topic, partition: null, from: { kind: 'end', count: 20 }, limit: 200 })).records,
      registry,
    }),
  });
  const pipelines = createPipelineServices({
    flink,
    gateway: new SqlGatewayClient({ fetch, baseUrl: stack.sqlGatewayUrl }),
    catalog: new PipelineCatalog(join(dir, 'pipelines.json')),
    topics: topicsServiceEnsurer(topics),
    kafkaBootstrap: stack.bootstrap,
    savepointsDir: null,
  });
  return { topics, messages, flink, sql, pipelines };
}

export type SqlServices = ReturnType<typeof sqlServices>;
