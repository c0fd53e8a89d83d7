export { FlinkRestClient, type FlinkRestClientOptions, type RunJarRequest } from './flink-rest-client';
export { SqlGatewayClient, type SqlGatewayClientOptions, type StatementResult } from './sql-gateway-client';
export { FlinkInsight } from './flink-insight';
export { PipelineCatalog } from './pipeline-catalog';
export { PipelineService, type PipelineServiceDeps } from './pipeline-service';
export { topicsServiceEnsurer, type TopicEnsurer } from './topic-ensurer';
export { BUILTIN_PIPELINES, BUILTIN_TOPICS } from './builtin-pipelines';
export { FlinkApiError } from './flink-errors';
export { computeLatency, eventTimeOf, LatencyProbe, latencySpecOf, type LatencySpec, type NewestRecords, type SampledRecord } from './pipeline-latency';
