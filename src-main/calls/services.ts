import type { Connection } from '@shared/connection';
import type { HealthMonitor } from '../services/health/health-monitor';
import type { GeneratorService } from '../services/generator/generator-service';
import type { ReplayProgress, SearchMatches, SearchProgress } from '@shared/messages';
import type { ReplayService } from '../services/messages/replay-service';
import type { AlertService } from '../services/alerts/alert-service';
import type { ConsumerGroupsService } from '../services/consumers/consumer-groups-service';
import type { MessagesService } from '../services/messages/messages-service';
import type { SearchService } from '../services/messages/search-service';
import type { DecodeService } from '../services/messages/decode-service';
import type { PipelineServices } from '../services/pipelines/pipeline-services';
import type { MetricsSampler } from '../services/metrics/metrics-sampler';
import type { ResourceSampler } from '../services/metrics/resource-sampler';
import type { ProfileService } from '../services/profiles';
import type { ProducerService } from '../services/messages/producer-service';
import type { PresetTopicsService } from '../services/preset-topics/preset-topics-service';
import type { TopicsService } from '../services/topics/topics-service';
import type { StackService } from '../services/stack/stack-service';
import type { SchemasService } from '../services/schemas/schemas-service';
import type { ConnectService } from '../services/connect/connect-service';
import type { BrokersService } from '../services/brokers/brokers-service';
import type { AclsService } from '../services/acls/acls-service';
import type { UsersService } from '../services/users/users-service';
import type { ReassignmentsService } from '../services/reassignments/reassignments-service';
import type { SqlService } from '../services/sql/sql-service';

/** The services behind the contract, as createBackend wires them. */
export interface Services {
  version: string;
  connection: () => Connection;
  health: HealthMonitor;
  stack: StackService;
  topics: TopicsService;
  brokers: BrokersService;
  acls: AclsService;
  users: UsersService;
  reassignments: ReassignmentsService;
  presetTopics: PresetTopicsService;
  producer: ProducerService;
  generators: GeneratorService;
  metrics: MetricsSampler;
  resources: ResourceSampler;
  alerts: AlertService;
  messages: MessagesService;
  search: SearchService;
  /** How records are decoded: the registry and each topic's override. */
  decode: DecodeService;
  /** Where search progress and matches go (the event bus). */
  onSearch: { progress(progress: SearchProgress): void; matches(matches: SearchMatches): void };
  replay: ReplayService;
  /** Where replay progress goes (the event bus). */
  onReplay: (progress: ReplayProgress) => void;
  consumers: ConsumerGroupsService;
  /** The active connection's Schema Registry (fails `unavailable` when it names none). */
  schemas: SchemasService;
  /** The active connection's Kafka Connect clusters. */
  connect: ConnectService;
  /** The pipelines of the active cluster (rebuilt when the profile switches Flink). */
  pipelines: () => PipelineServices;
  /** The SQL workbench (the active connection's SQL Gateway). */
  sql: SqlService;
  /** Absent only where profiles make no sense (an explicit command-line connection in tests). */
  profiles: ProfileService | null;
}
