import { z } from 'zod';
import { TopicName } from './topics';

/** The Produce Message modal: one record, value checked as JSON when the user says it is JSON. */
export const ProduceArgs = z
  .object({
    topic: TopicName,
    key: z.string().max(1_000_000).nullable(),
    value: z.string().max(1_000_000),
    valueIsJson: z.boolean(),
    headers: z.record(z.string().min(1, 'header name is empty').max(1000), z.string().max(100_000)).default({}),
    partition: z.number().int('must be a whole number').min(0, 'must be 0 or more').nullable().default(null),
  })
  .strict()
  .superRefine((args, context) => {
    if (!args.valueIsJson) return;
    try {
      JSON.parse(args.value);
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['value'], message: `is not valid JSON: ${(error as Error).message}` });
    }
  });

export const ProducedRecord = z.object({ topic: z.string(), partition: z.number().int(), offset: z.number() });
export type ProducedRecord = z.infer<typeof ProducedRecord>;

/** The seed's `ingest_streaming_data(topic, data)`: one JSON object or an array of them. */
export const IngestArgs = z
  .object({
    topic: TopicName,
    records: z.array(z.unknown()).min(1, 'must hold at least one record').max(10_000, 'at most 10000 records per call'),
    /** Field of each record whose value becomes the record key (optional). */
    keyField: z.string().min(1).optional(),
  })
  .strict();

export const IngestResult = z.object({ topic: z.string(), written: z.number().int(), failed: z.number().int() });
export type IngestResult = z.infer<typeof IngestResult>;
