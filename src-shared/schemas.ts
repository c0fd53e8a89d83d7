import { z } from 'zod';

/**
 * The Schema Registry as the console sees it: subjects, their versions, compatibility, deletes and
 * which topics use a subject. The same API in Confluent Schema Registry, Karapace and Apicurio's
 * `/apis/ccompat/v7`.
 */

export const SchemaType = z.enum(['AVRO', 'PROTOBUF', 'JSON']);
export type SchemaType = z.infer<typeof SchemaType>;

export const CompatibilityLevel = z.enum(['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE']);
export type CompatibilityLevel = z.infer<typeof CompatibilityLevel>;

// What the registries accept as a subject: any text but control characters; 255 is Confluent's limit.
const SubjectName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'must be at most 255 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), 'must not contain control characters');

const VersionNumber = z.number().int('must be a whole number').min(1, 'must be 1 or more');

/** A named schema this one uses: Avro's full type name, Protobuf's import path or a JSON Schema `$ref`. */
export const SchemaReference = z
  .object({
    name: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
    subject: SubjectName,
    version: VersionNumber,
  })
  .strict();
export type SchemaReference = z.infer<typeof SchemaReference>;

/** The level that applies to a subject and where it comes from (its own setting, or the registry's global one). */
export const EffectiveCompatibility = z.object({ level: CompatibilityLevel.nullable(), source: z.enum(['subject', 'global']) });
export type EffectiveCompatibility = z.infer<typeof EffectiveCompatibility>;

export const SubjectSummary = z.object({
  subject: z.string(),
  /** null when every version of the subject is soft-deleted. */
  latestVersion: z.number().int().nullable(),
  id: z.number().int().nullable(),
  schemaType: SchemaType.nullable(),
  compatibility: EffectiveCompatibility,
  /** Soft-deleted: listed only when asked for, and only a hard delete removes it for good. */
  deleted: z.boolean(),
});
export type SubjectSummary = z.infer<typeof SubjectSummary>;

export const SubjectsArgs = z.object({ includeDeleted: z.boolean().optional() }).strict();
export const SubjectsResult = z.object({
  registryUrl: z.string(),
  globalCompatibility: CompatibilityLevel.nullable(),
  subjects: z.array(SubjectSummary),
});
export type SubjectsResult = z.infer<typeof SubjectsResult>;

export const SchemaVersion = z.object({
  version: z.number().int(),
  id: z.number().int(),
  schemaType: SchemaType,
  schema: z.string(),
  references: z.array(SchemaReference),
  deleted: z.boolean(),
});
export type SchemaVersion = z.infer<typeof SchemaVersion>;

export const VersionsArgs = z.object({ subject: SubjectName, includeDeleted: z.boolean().optional() }).strict();
export const VersionsResult = z.object({
  subject: z.string(),
  compatibility: EffectiveCompatibility,
  /** Oldest first. */
  versions: z.array(SchemaVersion),
});
export type VersionsResult = z.infer<typeof VersionsResult>;

const SchemaText = z.string().min(1, 'is required').max(1_000_000, 'must be at most 1 MB');

/** A schema to register under a subject (a new subject when it has none yet). */
export const RegisterSchemaArgs = z
  .object({
    subject: SubjectName,
    schemaType: SchemaType,
    schema: SchemaText,
    references: z.array(SchemaReference).max(100, 'at most 100 references').optional(),
  })
  .strict();
export type RegisterSchemaArgs = z.input<typeof RegisterSchemaArgs>;
export const RegisterSchemaResult = z.object({ subject: z.string(), id: z.number().int(), version: z.number().int() });
export type RegisterSchemaResult = z.infer<typeof RegisterSchemaResult>;

/** Would this schema be accepted under the subject (against `version`, by default the latest)? */
export const CheckCompatibilityArgs = RegisterSchemaArgs.extend({ version: VersionNumber.optional() }).strict();
export type CheckCompatibilityArgs = z.input<typeof CheckCompatibilityArgs>;
export const CompatibilityResult = z.object({
  compatible: z.boolean(),
  /** The registry's own words (may be empty: Apicurio's answer carries none). */
  messages: z.array(z.string()),
  level: CompatibilityLevel.nullable(),
});
export type CompatibilityResult = z.infer<typeof CompatibilityResult>;

/** `subject: null` sets the registry's global level. */
export const SetCompatibilityArgs = z.object({ subject: SubjectName.nullable(), level: CompatibilityLevel }).strict();
export type SetCompatibilityArgs = z.input<typeof SetCompatibilityArgs>;
export const SetCompatibilityResult = z.object({ subject: z.string().nullable(), level: CompatibilityLevel });

/**
 * A soft delete hides a subject or version (ids keep resolving, so old records still decode); a
 * hard (`permanent`) delete removes it for good and is only allowed after a soft one.
 */
export const DeleteSchemaArgs = z.object({ subject: SubjectName, version: VersionNumber.optional(), permanent: z.boolean().default(false) }).strict();
export type DeleteSchemaArgs = z.input<typeof DeleteSchemaArgs>;
export const DeleteSchemaResult = z.object({ subject: z.string(), versions: z.array(z.number().int()), permanent: z.boolean() });
export type DeleteSchemaResult = z.infer<typeof DeleteSchemaResult>;

const RecordSide = z.enum(['key', 'value']);

/** Which topics use a subject: by TopicNameStrategy's names, and by the ids their newest records carry. */
export const UsageArgs = z.object({ subject: SubjectName }).strict();
export const SchemaUsage = z.object({
  subject: z.string(),
  /** `<topic>-key` / `<topic>-value` for a topic that exists. */
  byName: z.array(z.object({ topic: z.string(), side: RecordSide })),
  /** Topics whose newest records carry one of the subject's ids. */
  byRecords: z.array(z.object({ topic: z.string(), side: RecordSide, ids: z.array(z.number().int()), records: z.number().int() })),
  /** How far the record scan went, so the page can say what it did not look at. */
  scanned: z.object({
    topics: z.number().int(),
    topicsTotal: z.number().int(),
    recordsPerPartition: z.number().int(),
    /** Topics that could not be read, with the reason. */
    failures: z.array(z.object({ topic: z.string(), reason: z.string() })),
  }),
});
export type SchemaUsage = z.infer<typeof SchemaUsage>;
