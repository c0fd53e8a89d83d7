import { z } from 'zod';
import { TopicName } from './topics';

/**
 * Messages: browse, tail, search, export and replay. Records cross the contract as text only
 * (values are rendered as inert text by the UI, never as HTML).
 */

const Offset = z.number().int('must be a whole number').min(0, 'must be 0 or more');

/** Where to start reading, per partition. `end` with `count` N means the last N records of each partition. */
export const StartPosition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('beginning') }).strict(),
  z.object({ kind: z.literal('end'), count: z.number().int().min(1, 'must be at least 1').max(1_000_000_000, 'is too large') }).strict(),
  z.object({ kind: z.literal('offset'), offset: Offset }).strict(),
  z.object({ kind: z.literal('timestamp'), ms: z.number().int().min(0, 'must be 0 or more') }).strict(),
]);
export type StartPosition = z.infer<typeof StartPosition>;

export const BrowseArgs = z
  .object({
    topic: TopicName,
    partition: z.number().int().min(0, 'must be 0 or more').nullable().default(null),
    from: StartPosition,
    limit: z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000').default(500),
  })
  .strict();
export type BrowseArgs = z.input<typeof BrowseArgs>;

export const RecordHeader = z.object({ key: z.string(), value: z.string().nullable(), valueEncoding: z.enum(['text', 'base64']) });
export type RecordHeader = z.infer<typeof RecordHeader>;

/** `json`: value is JSON text; `text`: UTF-8 text; `binary`: value is hex; `null`: a tombstone. */
export const ValueFormat = z.enum(['json', 'text', 'binary', 'null']);
export type ValueFormat = z.infer<typeof ValueFormat>;

/**
 * How one side (key or value) of a record was read through a Schema Registry or a topic's decode
 * override. Absent when the side is not framed for a registry and no override applies: `key` and
 * `value` then say it all. `key`/`value` always keep the bytes as stored (text, base64 or hex).
 */
export const SideDecoding = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('decoded'),
      /** Registry formats, or an override's plain reading (`string`, `json`, `hex`). */
      format: z.enum(['avro', 'protobuf', 'json-schema', 'string', 'json', 'hex']),
      /** The registry's id (Apicurio: the content id); null for a local .proto or a plain reading. */
      schemaId: z.number().int().nullable(),
      subject: z.string().nullable(),
      version: z.number().int().nullable(),
      /** The decoded value as JSON text. */
      json: z.string(),
    })
    .strict(),
  /** Framed for a registry (or overridden) but not decoded: why (unknown id, registry unreachable, bad bytes). */
  z.object({ status: z.literal('raw'), reason: z.string() }).strict(),
]);
export type SideDecoding = z.infer<typeof SideDecoding>;

export const MessageRecord = z.object({
  partition: z.number().int(),
  offset: z.number(),
  timestamp: z.number(),
  key: z.string().nullable(),
  keyEncoding: z.enum(['text', 'base64']),
  headers: z.array(RecordHeader),
  value: z.string().nullable(),
  valueFormat: ValueFormat,
  /** Bytes of the record as stored (key, value, headers and framing; uncompressed). */
  sizeBytes: z.number().int(),
  keyDecoding: SideDecoding.optional(),
  valueDecoding: SideDecoding.optional(),
});
export type MessageRecord = z.infer<typeof MessageRecord>;

export const PartitionWindow = z.object({
  partition: z.number().int(),
  /** First offset still in the log, and the high watermark (next offset to be written). */
  logStart: z.number(),
  logEnd: z.number(),
  /** The range that was read: [from, to). */
  from: z.number(),
  to: z.number(),
});
export type PartitionWindow = z.infer<typeof PartitionWindow>;

export const BrowseResult = z.object({
  topic: z.string(),
  /** Ordered by timestamp, then partition, then offset. */
  records: z.array(MessageRecord),
  partitions: z.array(PartitionWindow),
  /** True when more records lie in the read direction beyond `limit`. */
  hasMore: z.boolean(),
});
export type BrowseResult = z.infer<typeof BrowseResult>;

export const TailArgs = z.object({ topic: TopicName, partition: z.number().int().min(0).nullable().default(null) }).strict();
export type TailArgs = z.input<typeof TailArgs>;

const FetchPositionSchema = z.object({ partition: z.number().int().min(0, 'must be 0 or more'), offset: Offset }).strict();
export type TailPosition = z.infer<typeof FetchPositionSchema>;

/**
 * One step of a live tail, stateless on the back end (nothing to leak when a window closes):
 * without `after` it answers the current log ends; with it, the records written since those
 * positions (waiting up to `maxWaitMs` for some) and the positions to ask from next time.
 */
export const TailPollArgs = z
  .object({
    topic: TopicName,
    partition: z.number().int().min(0, 'must be 0 or more').nullable().default(null),
    after: z.array(FetchPositionSchema).min(1, 'name at least one partition').max(10_000).nullable().default(null),
    maxWaitMs: z.number().int().min(0, 'must be 0 or more').max(10_000, 'must be at most 10000').default(1000),
    limit: z.number().int().min(1, 'must be at least 1').max(5000, 'must be at most 5000').default(500),
  })
  .strict();
export type TailPollArgs = z.input<typeof TailPollArgs>;

export const TailPollResult = z.object({
  /** Ordered by timestamp, then partition, then offset; at most `limit`. */
  records: z.array(MessageRecord),
  /** Where the next poll continues: every record before these offsets has been returned. */
  positions: z.array(FetchPositionSchema),
});
export type TailPollResult = z.infer<typeof TailPollResult>;

/** A record named by its coordinates: the back end reads its exact bytes again. */
export const RecordRef = z.object({ topic: TopicName, partition: z.number().int().min(0, 'must be 0 or more'), offset: Offset }).strict();
export type RecordRef = z.infer<typeof RecordRef>;

/** A text condition on a key, a value or the headers. Regular expressions are JavaScript syntax. */
export const TextMatch = z
  .object({
    mode: z.enum(['contains', 'regex']),
    pattern: z.string().min(1, 'is empty').max(10_000, 'is too long'),
    ignoreCase: z.boolean().default(false),
  })
  .strict()
  .superRefine((match, context) => {
    if (match.mode !== 'regex') return;
    try {
      new RegExp(match.pattern, match.ignoreCase ? 'i' : '');
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['pattern'], message: `is not a valid regular expression: ${(error as Error).message}` });
    }
  });
export type TextMatch = z.input<typeof TextMatch>;

/** Every condition given must hold (AND). An empty filter matches every record. */
export const SearchFilter = z
  .object({
    key: TextMatch.optional(),
    value: TextMatch.optional(),
    /** Matches a header's value when `name` is given, else any header's "name=value". */
    headers: z
      .object({ name: z.string().max(1000).optional(), match: TextMatch })
      .strict()
      .optional(),
    /** A field-path expression, e.g. `value.garage == "Kyrre" && value.free < 10`; checked by the back end. */
    expression: z.string().max(10_000, 'is too long').optional(),
    /** Record timestamps in [fromMs, toMs). */
    fromMs: z.number().int().min(0).optional(),
    toMs: z.number().int().min(0).optional(),
  })
  .strict();
export type SearchFilter = z.input<typeof SearchFilter>;

export const SearchArgs = z
  .object({
    topic: TopicName,
    partitions: z.array(z.number().int().min(0)).nullable().default(null),
    /** `end` with count N is the bounded scan "last N per partition"; `beginning` is the full scan. */
    from: StartPosition.default({ kind: 'beginning' }),
    filter: SearchFilter.default({}),
    /** Stop after this many matches (said so in the final progress: `stoppedAtLimit`). */
    maxMatches: z.number().int().min(1).max(10_000_000).default(100_000),
    /**
     * `local`: the back end reads and filters (worker threads); `cluster`: the same filter as a bounded
     * Flink SQL query on the active connection's Flink cluster, one source reader per partition.
     */
    where: z.enum(['local', 'cluster']).default('local'),
  })
  .strict();
export type SearchArgs = z.input<typeof SearchArgs>;

export const SearchProgress = z.object({
  searchId: z.string(),
  /** Records read so far, exactly; `total` is how many lie in the searched ranges. */
  scanned: z.number(),
  total: z.number(),
  matched: z.number(),
  ratePerSec: z.number(),
  partitionsDone: z.number().int(),
  partitions: z.number().int(),
  elapsedMs: z.number(),
  done: z.boolean(),
  cancelled: z.boolean(),
  /** The search stopped because `maxMatches` was reached; `scanned` says how far it got. */
  stoppedAtLimit: z.boolean(),
  error: z.string().nullable(),
  /** An on-cluster search: its Flink job (null until submitted) and how many readers scan (partitions, capped by free slots). */
  cluster: z.object({ jobId: z.string().nullable(), parallelism: z.number().int(), partitions: z.number().int(), freeSlots: z.number().int() }).optional(),
});
export type SearchProgress = z.infer<typeof SearchProgress>;

export const SearchMatches = z.object({ searchId: z.string(), records: z.array(MessageRecord) });
export type SearchMatches = z.infer<typeof SearchMatches>;

export const ExportFormat = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ReplayArgs = z
  .object({
    source: TopicName,
    target: TopicName,
    /** Record timestamps in [fromMs, toMs). */
    fromMs: z.number().int().min(0),
    toMs: z.number().int().min(0),
    /** Write to the same partition number (needs at least as many partitions in the target); else by key. */
    keepPartitions: z.boolean().default(true),
  })
  .strict()
  .superRefine((args, context) => {
    if (args.toMs <= args.fromMs) context.addIssue({ code: 'custom', path: ['toMs'], message: 'must be after fromMs' });
    if (args.source === args.target) context.addIssue({ code: 'custom', path: ['target'], message: 'must differ from the source topic' });
  });
export type ReplayArgs = z.input<typeof ReplayArgs>;

export const ReplayProgress = z.object({
  replayId: z.string(),
  /** Records of the source range, read and written so far, exactly. */
  read: z.number(),
  written: z.number(),
  total: z.number(),
  done: z.boolean(),
  error: z.string().nullable(),
});
export type ReplayProgress = z.infer<typeof ReplayProgress>;

/** How one side of a topic's records is read when auto-detection (the registry's framing) cannot work. */
export const SideDecodeSetting = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('auto'),
      /**
       * Apicurio's legacy framing (Legacy8ByteIdHandler): magic 0, then an 8-byte id of this kind,
       * which the bytes cannot tell apart from Confluent's 4-byte id. Absent: 4 bytes (Confluent,
       * and Apicurio 3's default). Ids in Apicurio's record headers are found either way.
       */
      eightByteIds: z.enum(['global', 'content']).optional(),
    })
    .strict(),
  z
    .object({
      mode: z.literal('subject'),
      subject: z.string().trim().min(1, 'is empty').max(1000, 'is too long'),
      version: z.number().int().min(1, 'must be 1 or more'),
      /** Protobuf only: the message type; default the schema's first message. */
      messageType: z.string().trim().max(1000).optional(),
    })
    .strict(),
  z
    .object({
      mode: z.literal('proto'),
      /** The .proto file's text (pasted or loaded from a file). */
      proto: z.string().min(1, 'is empty').max(1_000_000, 'is too long'),
      messageType: z.string().trim().min(1, 'is empty').max(1000, 'is too long'),
    })
    .strict(),
  z.object({ mode: z.enum(['raw', 'string', 'json', 'hex']) }).strict(),
]);
export type SideDecodeSetting = z.infer<typeof SideDecodeSetting>;

export const DecodeSettings = z.object({ key: SideDecodeSetting, value: SideDecodeSetting }).strict();
export type DecodeSettings = z.infer<typeof DecodeSettings>;

export const DecodeSettingsArgs = z.object({ topic: TopicName }).strict();

export const SetDecodeSettingsArgs = z.object({ topic: TopicName, settings: DecodeSettings }).strict();
export type SetDecodeSettingsArgs = z.infer<typeof SetDecodeSettingsArgs>;

export const KcatCommand = z.object({
  command: z.string(),
  /** What the command does not carry (e.g. the record's timestamp, SASL settings). */
  caveats: z.array(z.string()),
});
export type KcatCommand = z.infer<typeof KcatCommand>;
