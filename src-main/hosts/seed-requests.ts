import type { CallArgs } from '@shared/contract';
import type { ErrorIssue } from '@shared/errors';

type Path = ErrorIssue['path'];

/** What went wrong with a seed-style request body, named by its field (path [] is the whole body). */
export class SeedRequestError extends Error {
  readonly issues: ErrorIssue[];
  constructor(path: Path, problem: string) {
    super(`${path.length > 0 ? path.join('.') : 'body'}: ${problem}`);
    this.issues = [{ path, message: problem }];
  }
}

/**
 * A seed body becomes contract arguments under other names (`config.replication_factor` is
 * `replicationFactor`); this maps an issue's contract path back to the body's field, so a script
 * is told about the field it sent.
 */
export type IssuePathMap = (path: Path) => Path;

const TOPIC_CONFIG_KEYS: Record<string, 'partitions' | 'replicationFactor' | 'retentionHours' | 'cleanupPolicy'> = {
  partitions: 'partitions',
  replication_factor: 'replicationFactor',
  replicas: 'replicationFactor',
  retention_hours: 'retentionHours',
  cleanup_policy: 'cleanupPolicy',
};

/**
 * The seed's `create_streaming_topic(topic_name, config)` body → the contract's createTopic
 * arguments. Defaults follow the seed's own (3 partitions, RF 1, 168 h, delete); any other key
 * with a dot is a Kafka topic config (e.g. "min.insync.replicas").
 */
export function createTopicFromSeed(body: unknown): CallArgs<'topics:create'> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SeedRequestError([], 'must be a JSON object with topic_name');
  const { topic_name: name, config = {}, ...rest } = body as Record<string, unknown>;
  const unknownTop = Object.keys(rest);
  if (unknownTop.length > 0) throw new SeedRequestError([unknownTop[0]], 'unknown field (expected topic_name and config)');
  if (typeof name !== 'string') throw new SeedRequestError(['topic_name'], 'is required and must be a string');
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new SeedRequestError(['config'], 'must be an object');
  const args: Record<string, unknown> = { name, partitions: 3, replicationFactor: 1, retentionHours: 168, cleanupPolicy: 'delete' };
  const configs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (Object.hasOwn(TOPIC_CONFIG_KEYS, key)) args[TOPIC_CONFIG_KEYS[key]] = value;
    else if (key.includes('.')) configs[key] = typeof value === 'string' ? value : String(value);
    else
      throw new SeedRequestError(
        ['config', key],
        'unknown setting (use partitions, replication_factor, retention_hours, cleanup_policy, or a Kafka config name such as "min.insync.replicas")',
      );
  }
  if (args.retentionHours === -1) args.retentionHours = null;
  return { ...(args as CallArgs<'topics:create'>), configs: configs as Record<string, string> };
}

/** createTopicFromSeed's names backwards: `replicationFactor` is the config key the body used for it. */
export function createTopicIssuePaths(body: unknown): IssuePathMap {
  const config = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).config : undefined;
  const sent = config && typeof config === 'object' ? Object.keys(config) : [];
  const bodyKey = (field: string) =>
    sent.find((key) => TOPIC_CONFIG_KEYS[key] === field && Object.hasOwn(TOPIC_CONFIG_KEYS, key)) ??
    Object.keys(TOPIC_CONFIG_KEYS).find((key) => TOPIC_CONFIG_KEYS[key] === field);
  return ([head, ...rest]) => {
    if (head === 'name') return ['topic_name', ...rest];
    if (head === 'configs') return ['config', ...rest];
    const key = typeof head === 'string' ? bodyKey(head) : undefined;
    return key ? ['config', key, ...rest] : head === undefined ? [] : [head, ...rest];
  };
}

/**
 * The seed's `ingest_streaming_data(topic, data)`: one object or an array of them. The query's
 * `subject` (and `format`, checked against the subject's schema type; `message`, a Protobuf message's
 * full name) asks for the records to be written with the subject's latest schema.
 */
export function ingestFromSeed(topic: string, body: unknown, query: URLSearchParams = new URLSearchParams()): CallArgs<'messages:ingest'> {
  if (body === null || typeof body !== 'object') throw new SeedRequestError([], 'must be a JSON object or an array of objects');
  const subject = query.get('subject');
  const format = query.get('format');
  const message = query.get('message');
  if ((format ?? message) !== null && subject === null)
    throw new SeedRequestError(['subject'], `is required with ${format !== null ? 'format' : 'message'} (the subject whose latest schema encodes the records)`);
  const valueSchema = subject === null ? {} : { valueSchema: { subject, ...(format !== null ? { format } : {}), ...(message !== null ? { message } : {}) } };
  return { topic, records: Array.isArray(body) ? body : [body], ...(valueSchema as Pick<CallArgs<'messages:ingest'>, 'valueSchema'>) };
}

/** `records.3.x` is `3.x` in an array body and `x` in a single-object body; `topic` is the URL's; `valueSchema.format` is the query's `format`. */
export function ingestIssuePaths(body: unknown): IssuePathMap {
  return (path) => {
    if (path[0] === 'valueSchema') return path.slice(1);
    return path[0] === 'records' ? (Array.isArray(body) ? path.slice(1) : path.slice(2)) : path;
  };
}

const PIPELINE_CONFIG_KEYS: Record<string, string> = {
  parallelism: 'parallelism',
  checkpoint_interval_ms: 'checkpointIntervalMs',
  checkpointing_mode: 'checkpointingMode',
  savepoint_path: 'savepointPath',
  allow_non_restored_state: 'allowNonRestoredState',
};

/** The seed's `start_streaming_pipeline(pipeline_name, config)` body → the contract's start arguments. */
export function startPipelineFromSeed(body: unknown): CallArgs<'pipelines:start'> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SeedRequestError([], 'must be a JSON object with pipeline_name');
  const { pipeline_name: pipelineName, config = {}, ...rest } = body as Record<string, unknown>;
  const unknownTop = Object.keys(rest);
  if (unknownTop.length > 0) throw new SeedRequestError([unknownTop[0]], 'unknown field (expected pipeline_name and config)');
  if (typeof pipelineName !== 'string') throw new SeedRequestError(['pipeline_name'], 'is required and must be a string');
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new SeedRequestError(['config'], 'must be an object');
  const args: Record<string, unknown> = { pipelineName };
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    const mapped = PIPELINE_CONFIG_KEYS[key];
    if (!mapped) throw new SeedRequestError(['config', key], `unknown setting (use ${Object.keys(PIPELINE_CONFIG_KEYS).join(', ')})`);
    args[mapped] = value;
  }
  return args as CallArgs<'pipelines:start'>;
}

/** startPipelineFromSeed's names backwards: `pipelineName` is `pipeline_name`, a setting is `config.<snake_case>`. */
export function startPipelineIssuePaths(): IssuePathMap {
  return ([head, ...rest]) => {
    if (head === 'pipelineName') return ['pipeline_name', ...rest];
    const key = Object.keys(PIPELINE_CONFIG_KEYS).find((k) => PIPELINE_CONFIG_KEYS[k] === head);
    return key ? ['config', key, ...rest] : head === undefined ? [] : [head, ...rest];
  };
}
