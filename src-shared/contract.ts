import { z } from 'zod';
import { HealthSnapshot } from './health';
import { AddConnectPluginArgs, ResetArgs, SetBackendArgs, StackLog, StackLogArgs, StackProgress, StackServiceArgs, StackStatus, StackUpArgs } from './stack';
import { Connection } from './connection';
import { FlinkCluster, FlinkJar, JobDetail, JobRef, JobSummary, SavepointInfo, SavepointPathArgs } from './flink';
import {
  PipelineDefinition,
  PipelineRef,
  ResumePipelineArgs,
  ResumePipelineResult,
  SavepointResult,
  SaveJarPipelineArgs,
  SaveSqlPipelineArgs,
  StartPipelineArgs,
  StartPipelineResult,
  UploadJarBytesArgs,
} from './pipelines';
import { GeneratorStartArgs, GeneratorStatus, GeneratorStopArgs } from './generator';
import {
  ConsumerGroupDetail,
  ConsumerGroupListing,
  ConsumerGroupSummary,
  DeleteGroupArgs,
  GroupId,
  GroupLagHistory,
  GroupLagHistoryArgs,
  GroupSummariesArgs,
  ResetOffsetsArgs,
  ResetOffsetsResult,
} from './consumers';
import {
  BrowseArgs,
  BrowseResult,
  DecodeSettings,
  DecodeSettingsArgs,
  KcatCommand,
  RecordRef,
  ReplayArgs,
  ReplayProgress,
  SetDecodeSettingsArgs,
  SearchArgs,
  SearchMatches,
  SearchProgress,
  TailPollArgs,
  TailPollResult,
} from './messages';
import {
  SaveSqlTableArgs,
  SqlCatalog,
  SqlFetchArgs,
  SqlFetchResult,
  SqlPipelineSql,
  SqlPipelineSqlArgs,
  SqlRunArgs,
  SqlRunRef,
  SqlSessionRef,
  SqlSessionSettings,
  SqlTableSchema,
} from './sql';
import { AlertsState, SetAlertPublishingArgs, UpdateAlertRuleArgs } from './alerts';
import { ClusterMetricsArgs, MetricsSample, ResourceMetrics, ResourceMetricsArgs, ResourcesSample, StreamingMetrics, StreamingMetricsArgs } from './metrics';
import { ConnectionTestResult, ProfileIdArgs, ProfileSaveArgs, ProfilesState, ProfileTestArgs, ProfileView } from './profiles';
import { IngestArgs, IngestResult, IngestValuesArgs, ProduceArgs, ProducedRecord } from './produce';
import { ApplyPresetTopicsResult, FixPresetTopicArgs, PresetTopicState } from './preset-topics';
import {
  CheckCompatibilityArgs,
  CompatibilityResult,
  DeleteSchemaArgs,
  DeleteSchemaResult,
  RegisterSchemaArgs,
  RegisterSchemaResult,
  SchemaUsage,
  SetCompatibilityArgs,
  SetCompatibilityResult,
  SubjectsArgs,
  SubjectsResult,
  UsageArgs,
  VersionsArgs,
  VersionsResult,
} from './schemas';
import {
  ChangeOffsetsArgs,
  ChangeOffsetsResult,
  ConfigValidation,
  ConnectClusterArgs,
  ConnectOverview,
  ConnectorChanged,
  ConnectorDetail,
  ConnectorRef,
  ConnectorSummary,
  ConnectPlugin,
  DeleteConnectorArgs,
  OffsetsResult,
  RestartConnectorArgs,
  RestartResult,
  SaveConnectorArgs,
  ValidateConfigArgs,
} from './connect';
import {
  AddPartitionsArgs,
  AlterTopicConfigsArgs,
  CreateTopicArgs,
  DeleteTopicArgs,
  ListTopicsArgs,
  PurgeRecordsArgs,
  PurgeRecordsResult,
  TopicDetail,
  TopicRef,
  TopicSummary,
} from './topics';
import { AlterBrokerConfigsArgs, BrokerConfigs, BrokerRef, BrokersOverview, Quorum } from './brokers';
import { AclBinding, AclCheckArgs, AclCheckResult, AclFilter, AclListing, DeleteAclsArgs, DeleteAclsResult } from './acls';
import {
  DeleteUserResult,
  QuotaFilterArgs,
  QuotaListing,
  RemoveQuotaArgs,
  SetQuotaArgs,
  SetUserPasswordArgs,
  UserCredentialResult,
  UserListing,
  UserRef,
} from './users';
import {
  CancelReassignmentsArgs,
  CancelReassignmentsResult,
  ElectLeadersArgs,
  ElectLeadersResult,
  ReassignArgs,
  ReassignmentPlan,
  ReassignmentsProgress,
} from './reassignments';

const NoArgs = z.object({}).strict();

const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  connection: Connection,
});

/**
 * Every call between a UI and the back end, named `area:verb`, each area's calls together. Hosts validate `args` with the
 * schema before any service sees them; `result` documents (and types) what comes back.
 */
export const calls = {
  'app:info': { args: NoArgs, result: AppInfo },
  'health:get': { args: NoArgs, result: HealthSnapshot },
  'health:refresh': { args: NoArgs, result: HealthSnapshot },
  'stack:status': { args: NoArgs, result: StackStatus },
  'stack:up': { args: StackUpArgs, result: StackStatus },
  'stack:down': { args: NoArgs, result: StackStatus },
  'stack:setBackend': { args: SetBackendArgs, result: StackStatus },
  'stack:restartService': { args: StackServiceArgs, result: StackStatus },
  'stack:logs': { args: StackLogArgs, result: StackLog },
  'stack:reset': { args: ResetArgs, result: StackStatus },
  /** Fetches a Connect plugin (Debezium) from Maven Central into the worker's plugin.path and restarts the worker to load it. */
  'stack:addConnectPlugin': { args: AddConnectPluginArgs, result: StackStatus },
  'topics:list': { args: ListTopicsArgs, result: z.array(TopicSummary) },
  'topics:describe': { args: TopicRef, result: TopicDetail },
  'topics:create': { args: CreateTopicArgs, result: TopicDetail },
  'topics:alterConfigs': { args: AlterTopicConfigsArgs, result: TopicDetail },
  'topics:addPartitions': { args: AddPartitionsArgs, result: TopicDetail },
  'topics:delete': { args: DeleteTopicArgs, result: z.object({ deleted: z.string() }) },
  /** DeleteRecords with a preview (dryRun) first; applying needs the name typed. */
  'topics:purge': { args: PurgeRecordsArgs, result: PurgeRecordsResult },
  /** Brokers with their partition counts and log dirs; the controller is the quorum's leader in KRaft. */
  'brokers:list': { args: NoArgs, result: BrokersOverview },
  'brokers:configs': { args: BrokerRef, result: BrokerConfigs },
  /** The broker validates first (validateOnly); what it refuses comes back as an issue at `set.<name>`, nothing changed. */
  'brokers:alterConfigs': { args: AlterBrokerConfigsArgs, result: BrokerConfigs },
  /** KRaft: DescribeQuorum; ZooKeeper mode: `srvr` on each server of the connection's ensemble. */
  'brokers:quorum': { args: NoArgs, result: Quorum },
  /** Bindings matching the filter (`patternType: 'match'`: every binding that applies to the named resource). */
  'acls:list': { args: AclFilter, result: AclListing },
  /** One binding; an identical one existing already is a conflict. */
  'acls:create': { args: AclBinding, result: AclBinding },
  /** dryRun (the default) answers exactly the bindings the filter would remove; applying answers those removed. */
  'acls:delete': { args: DeleteAclsArgs, result: DeleteAclsResult },
  /** Can the principal do the operation on the resource (from the host)? Kafka's rules, with the bindings that decide. */
  'acls:check': { args: AclCheckArgs, result: AclCheckResult },
  'users:list': { args: NoArgs, result: UserListing },
  /** A password left out is generated and answered this once; a typed one is never answered. */
  'users:create': { args: SetUserPasswordArgs, result: UserCredentialResult },
  'users:setPassword': { args: SetUserPasswordArgs, result: UserCredentialResult },
  'users:delete': { args: UserRef, result: DeleteUserResult },
  'users:quotas': { args: QuotaFilterArgs, result: QuotaListing },
  'users:setQuota': { args: SetQuotaArgs, result: QuotaListing },
  'users:removeQuota': { args: RemoveQuotaArgs, result: QuotaListing },
  /** dryRun (the default) answers the plan only; applied, the plan is answered once the controller accepted it. */
  'reassignments:reassign': { args: ReassignArgs, result: ReassignmentPlan },
  /** Every reassignment in flight with its bytes to go; also removes the throttles of those that ended. */
  'reassignments:progress': { args: NoArgs, result: ReassignmentsProgress },
  'reassignments:cancel': { args: CancelReassignmentsArgs, result: CancelReassignmentsResult },
  /** Preferred leader election for a topic or the cluster; dryRun (the default) lists the partitions that would change leader. */
  'reassignments:electLeaders': { args: ElectLeadersArgs, result: ElectLeadersResult },
  'presetTopics:list': { args: NoArgs, result: z.array(PresetTopicState) },
  'presetTopics:apply': { args: NoArgs, result: ApplyPresetTopicsResult },
  'presetTopics:fix': { args: FixPresetTopicArgs, result: ApplyPresetTopicsResult },
  'generator:start': { args: GeneratorStartArgs, result: GeneratorStatus },
  'generator:stop': { args: GeneratorStopArgs, result: GeneratorStatus },
  'generator:list': { args: NoArgs, result: z.array(GeneratorStatus) },
  'metrics:topic': { args: StreamingMetricsArgs, result: StreamingMetrics },
  'metrics:cluster': { args: ClusterMetricsArgs, result: StreamingMetrics },
  'metrics:resources': { args: ResourceMetricsArgs, result: ResourceMetrics },
  'profiles:list': { args: NoArgs, result: ProfilesState },
  'profiles:save': { args: ProfileSaveArgs, result: ProfileView },
  'profiles:delete': { args: ProfileIdArgs, result: ProfilesState },
  'profiles:activate': { args: ProfileIdArgs, result: ProfilesState },
  'profiles:test': { args: ProfileTestArgs, result: ConnectionTestResult },
  'pipelines:cluster': { args: NoArgs, result: FlinkCluster },
  'pipelines:jobs': { args: NoArgs, result: z.array(JobSummary) },
  'pipelines:job': { args: JobRef, result: JobDetail },
  'pipelines:cancelJob': { args: JobRef, result: z.object({ jobId: z.string() }) },
  'pipelines:savepoint': { args: JobRef, result: SavepointResult },
  'pipelines:stopWithSavepoint': { args: JobRef, result: SavepointResult },
  'pipelines:savepoints': { args: NoArgs, result: z.array(SavepointInfo) },
  'pipelines:disposeSavepoint': { args: SavepointPathArgs, result: z.object({ path: z.string() }) },
  'pipelines:jars': { args: NoArgs, result: z.array(FlinkJar) },
  'pipelines:deleteJar': {
    args: z
      .object({
        jarId: z
          .string()
          .min(1, 'is required')
          .max(300)
          .regex(/^[\w.-]+$/, 'must be a jar id as Flink lists it'),
      })
      .strict(),
    result: z.object({ jarId: z.string() }),
  },
  'pipelines:list': { args: NoArgs, result: z.array(PipelineDefinition) },
  'pipelines:saveSql': { args: SaveSqlPipelineArgs, result: PipelineDefinition },
  /** A job jar on the back end's machine (the desktop app's own disk; in serve mode, the server's). */
  'pipelines:uploadJar': { args: SaveJarPipelineArgs.extend({ jarPath: z.string().min(1, 'is required').max(4096) }).strict(), result: PipelineDefinition },
  /** A job jar's bytes from the user's machine: over IPC in the desktop app; in serve mode POST /api/pipelines/jars calls it. */
  'pipelines:uploadJarBytes': { args: UploadJarBytesArgs, result: PipelineDefinition },
  'pipelines:delete': { args: PipelineRef, result: z.object({ name: z.string() }) },
  'pipelines:start': { args: StartPipelineArgs, result: StartPipelineResult },
  'pipelines:resume': { args: ResumePipelineArgs, result: ResumePipelineResult },
  /** A SQL Gateway session with its settings and the `streamdesk` catalog; one per editor tab. */
  'sql:openSession': { args: SqlSessionSettings, result: z.object({ sessionId: z.string(), settings: SqlSessionSettings }) },
  'sql:closeSession': { args: SqlSessionRef, result: z.object({ closed: z.boolean() }) },
  /** Submits a statement (the tables of the topics it names are created first); its rows are pulled with `sql:fetch`. */
  'sql:run': { args: SqlRunArgs, result: z.object({ runId: z.string() }) },
  /** The rows Flink produced since the last fetch (a long poll of `waitMs`), the run's status, and Flink's message when it failed. */
  'sql:fetch': { args: SqlFetchArgs, result: SqlFetchResult },
  /** Closes the statement: Flink cancels the query's job. */
  'sql:cancel': { args: SqlRunRef, result: z.object({ cancelled: z.boolean() }) },
  'sql:catalog': { args: NoArgs, result: SqlCatalog },
  /** A topic's table: the saved schema, or one inferred from its newest JSON records, for review before use. */
  'sql:table': { args: z.object({ topic: z.string().min(1, 'is required').max(249) }).strict(), result: SqlTableSchema },
  'sql:saveTable': { args: SaveSqlTableArgs, result: SqlTableSchema },
  /** The SQL of a catalog pipeline that runs this statement (saved with `pipelines:saveSql`, started with `pipelines:start`). */
  'sql:pipelineSql': { args: SqlPipelineSqlArgs, result: SqlPipelineSql },
  'messages:produce': { args: ProduceArgs, result: ProducedRecord },
  'messages:ingest': { args: IngestArgs, result: IngestResult },
  /** Values as bytes, written as they are (the REST ingest's path for a JSON array body). */
  'messages:ingestValues': { args: IngestValuesArgs, result: IngestResult },
  'messages:browse': { args: BrowseArgs, result: BrowseResult },
  /** Starts a search; progress and matches arrive as events carrying the search id. */
  'messages:search': { args: SearchArgs, result: z.object({ searchId: z.string() }) },
  'messages:cancelSearch': { args: z.object({ searchId: z.string().min(1).max(100) }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /** One step of a live tail (stateless: the UI keeps the positions and asks again). */
  'messages:tail': { args: TailPollArgs, result: TailPollResult },
  /** A shell command that produces the record (read again from the log) with kcat. */
  'messages:kcatCommand': { args: RecordRef, result: KcatCommand },
  /** Starts a replay; progress arrives as `messages:replayProgressed` events carrying the replay id. */
  'messages:replay': { args: ReplayArgs, result: z.object({ replayId: z.string() }) },
  /** How a topic's keys and values are decoded (per profile): auto-detection, or an override. */
  'messages:decodeSettings': { args: DecodeSettingsArgs, result: DecodeSettings },
  /** Checked first (the subject exists, the .proto parses and has the message type); nothing saved on a bad field. */
  'messages:setDecodeSettings': { args: SetDecodeSettingsArgs, result: DecodeSettings },
  'consumers:list': { args: NoArgs, result: z.array(ConsumerGroupSummary) },
  'consumers:listGroups': { args: NoArgs, result: z.array(ConsumerGroupListing) },
  'consumers:summaries': { args: GroupSummariesArgs, result: z.array(ConsumerGroupSummary) },
  'consumers:detail': { args: z.object({ groupId: GroupId }).strict(), result: ConsumerGroupDetail },
  'consumers:resetOffsets': { args: ResetOffsetsArgs, result: ResetOffsetsResult },
  'consumers:delete': { args: DeleteGroupArgs, result: z.object({ groupId: z.string() }) },
  'consumers:lagHistory': { args: GroupLagHistoryArgs, result: GroupLagHistory },
  'alerts:state': { args: NoArgs, result: AlertsState },
  'alerts:updateRule': { args: UpdateAlertRuleArgs, result: AlertsState },
  'alerts:setPublishing': { args: SetAlertPublishingArgs, result: AlertsState },
  /** The active connection's Schema Registry; each call fails `unavailable` when the connection names none. */
  'schemas:subjects': { args: SubjectsArgs, result: SubjectsResult },
  'schemas:versions': { args: VersionsArgs, result: VersionsResult },
  'schemas:register': { args: RegisterSchemaArgs, result: RegisterSchemaResult },
  'schemas:checkCompatibility': { args: CheckCompatibilityArgs, result: CompatibilityResult },
  'schemas:setCompatibility': { args: SetCompatibilityArgs, result: SetCompatibilityResult },
  'schemas:delete': { args: DeleteSchemaArgs, result: DeleteSchemaResult },
  /** Reads the newest records of a bounded number of topics (see SchemaUsage.scanned). */
  'schemas:usage': { args: UsageArgs, result: SchemaUsage },
  /** The active connection's Kafka Connect clusters; a cluster is named by its URL as the connection lists it. */
  'connect:overview': { args: NoArgs, result: ConnectOverview },
  'connect:plugins': { args: ConnectClusterArgs, result: z.array(ConnectPlugin) },
  'connect:connector': { args: ConnectorRef, result: ConnectorDetail },
  /** The plugin's config definition with each value checked by the worker (the form is built from it). */
  'connect:validate': { args: ValidateConfigArgs, result: ConfigValidation },
  /** Both validate with the worker first; its errors come back as issues under `config.<setting>`, nothing saved. */
  'connect:create': { args: SaveConnectorArgs, result: ConnectorDetail },
  'connect:update': { args: SaveConnectorArgs, result: ConnectorDetail },
  'connect:pause': { args: ConnectorRef, result: ConnectorSummary },
  'connect:resume': { args: ConnectorRef, result: ConnectorSummary },
  /** Connect ≥ 3.5. */
  'connect:stop': { args: ConnectorRef, result: ConnectorSummary },
  /** Waits (a bounded time) for the restarted instances to settle; `connect:changed` announces each state on the way. */
  'connect:restart': { args: RestartConnectorArgs, result: RestartResult },
  'connect:delete': { args: DeleteConnectorArgs, result: z.object({ name: z.string() }) },
  /** KIP-875, Connect ≥ 3.6. */
  'connect:offsets': { args: ConnectorRef, result: OffsetsResult },
  /** Only while the connector is STOPPED; dryRun gives the preview. */
  'connect:changeOffsets': { args: ChangeOffsetsArgs, result: ChangeOffsetsResult },
} as const;

/** Everything the back end announces, named in the past tense. */
const events = {
  'health:changed': HealthSnapshot,
  'stack:progressed': StackProgress,
  'generator:progressed': GeneratorStatus,
  'metrics:sampled': MetricsSample,
  'metrics:resourcesSampled': ResourcesSample,
  'profiles:changed': ProfilesState,
  'alerts:changed': AlertsState,
  'messages:searchProgressed': SearchProgress,
  'messages:searchMatched': SearchMatches,
  'messages:replayProgressed': ReplayProgress,
  'connect:changed': ConnectorChanged,
  'reassignments:changed': ReassignmentsProgress,
} as const;

type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type ParsedArgs<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = z.infer<Calls[K]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** The back end as the hosts see it: one async function per call. */
export type Api = { [K in CallName]: (args: ParsedArgs<K>) => Promise<CallResult<K>> };

/** What a UI holds: typed calls that throw StreamdeskError, and event subscriptions. */
export interface Bridge {
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Called with false when the link to the back end drops and true when it is back. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

/** The raw surface the preload exposes as `window.streamdesk` (envelopes, not exceptions:
 * Electron strips custom error classes when they cross the context bridge). */
export interface RawBridge {
  invoke(name: string, args: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /** Only where the transport can drop (the browser's WebSocket): false when it drops, true when it is back (not at the first connect). */
  onConnectionChange?(listener: (connected: boolean) => void): () => void;
}
