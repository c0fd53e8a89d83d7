/**
 * The topic-level configs a user may set, with the values the broker accepts (Kafka 3.x/4.x
 * documentation, "Topic Configs"). Checked before anything is sent, so a bad value never
 * reaches the broker and never half-creates a topic.
 */
type ConfigKind =
  | { type: 'long' | 'int'; min: number; max?: number }
  | { type: 'double'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; values: readonly string[] };

export interface TopicConfigSpec {
  kind: ConfigKind;
  doc: string;
}

const INT_MAX = 2_147_483_647;

export const TOPIC_CONFIGS: Record<string, TopicConfigSpec> = {
  'cleanup.policy': { kind: { type: 'list', values: ['delete', 'compact'] }, doc: 'delete old segments, compact by key, or both' },
  'compression.type': { kind: { type: 'enum', values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] }, doc: 'final compression of the topic' },
  'delete.retention.ms': { kind: { type: 'long', min: 0 }, doc: 'how long delete tombstones are kept (compacted topics)' },
  'file.delete.delay.ms': { kind: { type: 'long', min: 0 }, doc: 'wait before deleting a file from the file system' },
  'flush.messages': { kind: { type: 'long', min: 1 }, doc: 'force an fsync every N messages' },
  'flush.ms': { kind: { type: 'long', min: 0 }, doc: 'force an fsync every N ms' },
  'index.interval.bytes': { kind: { type: 'int', min: 0, max: INT_MAX }, doc: 'offset index granularity' },
  'max.compaction.lag.ms': { kind: { type: 'long', min: 1 }, doc: 'longest a message stays uncompacted' },
  'max.message.bytes': { kind: { type: 'int', min: 0, max: INT_MAX }, doc: 'largest record batch size' },
  'message.timestamp.type': { kind: { type: 'enum', values: ['CreateTime', 'LogAppendTime'] }, doc: 'producer time or broker append time' },
  'min.cleanable.dirty.ratio': { kind: { type: 'double', min: 0, max: 1 }, doc: 'how dirty a log gets before compaction' },
  'min.compaction.lag.ms': { kind: { type: 'long', min: 0 }, doc: 'shortest a message stays uncompacted' },
  'min.insync.replicas': { kind: { type: 'int', min: 1, max: INT_MAX }, doc: 'replicas that must acknowledge an acks=all write' },
  preallocate: { kind: { type: 'boolean' }, doc: 'preallocate segment files' },
  'retention.bytes': { kind: { type: 'long', min: -1 }, doc: 'largest size per partition before old segments go (-1: no limit)' },
  'retention.ms': { kind: { type: 'long', min: -1 }, doc: 'how long records are kept (-1: forever)' },
  'segment.bytes': { kind: { type: 'int', min: 14, max: INT_MAX }, doc: 'segment file size' },
  'segment.index.bytes': { kind: { type: 'int', min: 4, max: INT_MAX }, doc: 'offset index size' },
  'segment.jitter.ms': { kind: { type: 'long', min: 0 }, doc: 'random jitter on segment roll' },
  'segment.ms': { kind: { type: 'long', min: 1 }, doc: 'roll a segment after this time' },
  'unclean.leader.election.enable': { kind: { type: 'boolean' }, doc: 'let an out-of-sync replica become leader (may lose data)' },
};

/** The spec of a config StreamDesk knows; own keys only, so "constructor" or "toString" is simply unknown. */
export function topicConfigSpec(name: string): TopicConfigSpec | undefined {
  return Object.hasOwn(TOPIC_CONFIGS, name) ? TOPIC_CONFIGS[name] : undefined;
}

/** Why a value is not valid for a config, or null when it is. */
export function checkConfigValue(name: string, value: string): string | null {
  const spec = topicConfigSpec(name);
  if (!spec) return `"${name}" is not a topic config StreamDesk knows (known: ${Object.keys(TOPIC_CONFIGS).join(', ')})`;
  const kind = spec.kind;
  const trimmed = value.trim();
  switch (kind.type) {
    case 'long':
    case 'int': {
      if (!/^-?\d+$/.test(trimmed)) return `${name} must be a whole number`;
      const number = Number(trimmed);
      if (!Number.isSafeInteger(number)) return `${name} is too large`;
      if (number < kind.min) return `${name} must be at least ${kind.min}`;
      if (kind.max !== undefined && number > kind.max) return `${name} must be at most ${kind.max}`;
      return null;
    }
    case 'double': {
      const number = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(number)) return `${name} must be a number`;
      if (number < kind.min || number > kind.max) return `${name} must be between ${kind.min} and ${kind.max}`;
      return null;
    }
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? null : `${name} must be true or false`;
    case 'enum':
      return kind.values.includes(trimmed) ? null : `${name} must be one of ${kind.values.join(', ')}`;
    case 'list': {
      const items = trimmed.split(',').map((item) => item.trim());
      const unknown = items.filter((item) => !kind.values.includes(item));
      if (items.length === 0 || unknown.length > 0) return `${name} must be ${kind.values.join(', ')} or a comma-separated list of them`;
      return new Set(items).size === items.length ? null : `${name} lists a value twice`;
    }
  }
}

/** Kafka's own topic-name rules (kafka.common.Topic / org.apache.kafka.common.internals.Topic). */
export function checkTopicName(name: string): string | null {
  if (name.length === 0) return 'Topic name is empty';
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > 249) return `Topic name is ${name.length} characters long; the limit is 249`;
  const illegal = [...new Set(name.replace(/[a-zA-Z0-9._-]/g, ''))];
  if (illegal.length > 0) return `Topic name may contain only letters, digits, ".", "_" and "-" (not ${illegal.map((c) => JSON.stringify(c)).join(' ')})`;
  return null;
}

/** Kafka maps "." and "_" to the same metric name: two topics differing only there collide. */
export function collidingTopic(name: string, existing: Iterable<string>): string | null {
  const key = name.replace(/\./g, '_');
  for (const other of existing) if (other !== name && other.replace(/\./g, '_') === key) return other;
  return null;
}
