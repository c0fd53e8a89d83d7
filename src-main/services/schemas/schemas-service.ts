// The Schemas page's calls: subjects, versions, register, compatibility, deletes, usage. Everything
// goes to the active connection's registry; the record-side decoders beside this file read from it too.
import type { z } from 'zod';
import { StreamdeskError } from '@shared/errors';
import type {
  CheckCompatibilityArgs,
  CompatibilityLevel,
  CompatibilityResult,
  DeleteSchemaArgs,
  DeleteSchemaResult,
  RegisterSchemaArgs,
  RegisterSchemaResult,
  SchemaUsage,
  SetCompatibilityArgs,
  SubjectsResult,
  VersionsResult,
} from '@shared/schemas';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { RegistryError } from '@main/clients/schema-registry/schema-registry-errors';
import { effectiveCompatibility, listSubjects, subjectVersions, toLevel } from './subject-listing';
import { findUsage, type UsageReader } from './schema-usage';

export class SchemasService {
  constructor(
    private readonly registryOf: () => SchemaRegistryClient | null,
    private readonly usageReader: UsageReader,
  ) {}

  async subjects(includeDeleted = false): Promise<SubjectsResult> {
    return listSubjects(this.registry(), includeDeleted);
  }

  async versions(subject: string, includeDeleted = false): Promise<VersionsResult> {
    return subjectVersions(this.registry(), subject, includeDeleted);
  }

  async register(args: z.output<typeof RegisterSchemaArgs>): Promise<RegisterSchemaResult> {
    const { id, version } = await this.registry().register(args.subject, {
      schemaType: args.schemaType,
      schema: args.schema,
      references: args.references ?? [],
    });
    return { subject: args.subject, id, version };
  }

  async checkCompatibility(args: z.output<typeof CheckCompatibilityArgs>): Promise<CompatibilityResult> {
    const registry = this.registry();
    const level = (await effectiveCompatibility(registry, args.subject)).level;
    const schema = { schemaType: args.schemaType, schema: args.schema, references: args.references ?? [] };
    try {
      return { ...(await registry.checkCompatibility(args.subject, args.version ?? 'latest', schema)), level };
    } catch (e) {
      // Confluent: no such subject (40401) yet, so nothing to be compatible with; Apicurio answers "compatible" itself
      if (e instanceof RegistryError && e.errorCode === 40401 && args.version === undefined)
        return { compatible: true, messages: [`${args.subject} has no versions yet: any valid schema starts it`], level };
      throw e;
    }
  }

  async setCompatibility({ subject, level }: z.output<typeof SetCompatibilityArgs>): Promise<{ subject: string | null; level: CompatibilityLevel }> {
    const registry = this.registry();
    await registry.setCompatibility(subject, level);
    return { subject, level: toLevel(await registry.compatibility(subject)) ?? level };
  }

  async delete({ subject, version, permanent }: z.output<typeof DeleteSchemaArgs>): Promise<DeleteSchemaResult> {
    const registry = this.registry();
    const versions = version === undefined ? await registry.deleteSubject(subject, permanent) : [await registry.deleteVersion(subject, version, permanent)];
    return { subject, versions, permanent };
  }

  async usage(subject: string): Promise<SchemaUsage> {
    return findUsage(this.registry(), this.usageReader, subject);
  }

  private registry(): SchemaRegistryClient {
    const registry = this.registryOf();
    if (!registry) throw new StreamdeskError('unavailable', 'the active connection names no Schema Registry (set its URL in the profile)');
    return registry;
  }
}
