import { z } from 'zod';
import { TopicName } from './topics';

/** The record formats a Schema Registry holds schemas for (its AVRO, PROTOBUF and JSON). */
const SchemaFormat = z.enum(['avro', 'protobuf', 'json-schema']);

/** A side written with a registered schema: the subject's version, or its latest when the record is written. */
export const ProduceSchema = z
  .object({
    subject: z.string().min(1, 'choose a subject').max(1000),
    version: z.union([z.number().int('must be a whole number').min(1, 'must be 1 or more'), z.literal('latest')]).default('latest'),
    /** Protobuf: the message's full name (`shop.Order.Line`); the file's first message without one. */
    message: z.string().min(1).max(1000).optional(),
  })
  .strict();
export type ProduceSchema = z.input<typeof ProduceSchema>;

function isJson(text: string, path: string, context: z.RefinementCtx): void {
  try {
    JSON.parse(text);
  } catch (error) {
    context.addIssue({ code: 'custom', path: [path], message: `is not valid JSON: ${(error as Error).message}` });
  }
}

/**
 * The Produce Message modal: one record, value checked as JSON when the user says it is JSON. With
 * a schema for a side, that side is JSON encoded with it (Confluent framing) after the value was
 * checked against the schema; a value that does not fit names its field (`value.free`).
 */
export const ProduceArgs = z
  .object({
    topic: TopicName,
    key: z.string().max(1_000_000).nullable(),
    value: z.string().max(1_000_000),
    valueIsJson: z.boolean(),
    headers: z.record(z.string().min(1, 'header name is empty').max(1000), z.string().max(100_000)).default({}),
    partition: z.number().int('must be a whole number').min(0, 'must be 0 or more').nullable().default(null),
    valueSchema: ProduceSchema.nullish(),
    keySchema: ProduceSchema.nullish(),
  })
  .strict()
  .superRefine((args, context) => {
    if (args.valueIsJson || args.valueSchema) isJson(args.value, 'value', context);
    if (args.keySchema && args.key === null) context.addIssue({ code: 'custom', path: ['key'], message: 'is needed to write it with the key schema' });
    else if (args.keySchema && args.key !== null) isJson(args.key, 'key', context);
  });

/** The schema a side was written with, as the registry numbers it. */
const WrittenWith = z.object({ subject: z.string(), version: z.number().int(), id: z.number().int() });

export const ProducedRecord = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: z.number(),
  valueSchema: WrittenWith.optional(),
  keySchema: WrittenWith.optional(),
});
export type ProducedRecord = z.infer<typeof ProducedRecord>;

/** Records one ingest call takes. */
export const MAX_INGEST_RECORDS = 10_000;

/** The seed's `ingest_streaming_data(topic, data)`: one JSON object or an array of them. */
export const IngestArgs = z
  .object({
    topic: TopicName,
    records: z.array(z.unknown()).min(1, 'must hold at least one record').max(MAX_INGEST_RECORDS, `at most ${MAX_INGEST_RECORDS} records per call`),
    /** Field of each record whose value becomes the record key (optional). */
    keyField: z.string().min(1).optional(),
    /**
     * Write each record with the subject's latest schema (Confluent framing) instead of as JSON text.
     * Every record is checked first: one that does not fit names its index and field, and none is written.
     */
    valueSchema: z
      .object({
        subject: z.string().min(1, 'must not be empty').max(1000),
        /** Must be the subject's schema type when given. */
        format: SchemaFormat.optional(),
        /** Protobuf: the message's full name; the file's first message without one. */
        message: z.string().min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Values written as they are, keyless: the REST ingest's path for a body that is a JSON array, whose
 * values it has checked to be JSON (services/messages/json-array-split.ts) and hands over as bytes,
 * never parsed into objects and serialised again.
 */
export const IngestValuesArgs = z
  .object({
    topic: TopicName,
    values: z
      .array(z.instanceof(Uint8Array, { message: 'must be bytes (over REST, POST a JSON array to /api/streaming/ingest/<topic>)' }))
      .min(1, 'must hold at least one record')
      .max(MAX_INGEST_RECORDS, `at most ${MAX_INGEST_RECORDS} records per call`),
  })
  .strict();

export const IngestResult = z.object({ topic: z.string(), written: z.number().int(), failed: z.number().int() });
export type IngestResult = z.infer<typeof IngestResult>;
