// Subjects and versions as the Schemas page lists them: the registry answers one subject or one
// version per request, so these put the answers together (a few requests at a time).
import {
  CompatibilityLevel,
  type EffectiveCompatibility,
  type SchemaVersion,
  type SubjectSummary,
  type SubjectsResult,
  type VersionsResult,
} from '@shared/schemas';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { StreamdeskError } from '@shared/errors';
import { RegistryError } from '@main/clients/schema-registry/schema-registry-errors';

/** At most this many requests to the registry at once. */
const PARALLEL = 8;

export function toLevel(value: string | null): CompatibilityLevel | null {
  const parsed = CompatibilityLevel.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function effectiveCompatibility(registry: SchemaRegistryClient, subject: string): Promise<EffectiveCompatibility> {
  const own = toLevel(await registry.compatibility(subject));
  return own ? { level: own, source: 'subject' } : { level: toLevel(await registry.compatibility(null)), source: 'global' };
}

export async function listSubjects(registry: SchemaRegistryClient, includeDeleted: boolean): Promise<SubjectsResult> {
  const [live, all, global] = await Promise.all([registry.subjects(), includeDeleted ? registry.subjects(true) : null, registry.compatibility(null)]);
  const globalLevel = toLevel(global);
  const liveSet = new Set(live);
  const names = [...new Set([...live, ...(all ?? [])])].sort((a, b) => a.localeCompare(b));
  const subjects = await inParallel(names, async (subject): Promise<SubjectSummary> => {
    const deleted = !liveSet.has(subject);
    const [latest, own] = await Promise.all([deleted ? null : latestOrNull(registry, subject), registry.compatibility(subject)]);
    const ownLevel = toLevel(own);
    return {
      subject,
      latestVersion: latest?.version ?? null,
      id: latest?.id ?? null,
      schemaType: latest?.schemaType ?? null,
      compatibility: ownLevel ? { level: ownLevel, source: 'subject' } : { level: globalLevel, source: 'global' },
      deleted,
    };
  });
  return { registryUrl: registry.url, globalCompatibility: globalLevel, subjects };
}

export async function subjectVersions(registry: SchemaRegistryClient, subject: string, includeDeleted: boolean): Promise<VersionsResult> {
  const [live, all, compatibility] = await Promise.all([
    registry.versions(subject, false).catch(emptyWhenSoftDeleted),
    includeDeleted ? registry.versions(subject, true) : null,
    effectiveCompatibility(registry, subject),
  ]);
  if (!all && live.length === 0)
    throw new StreamdeskError('not-found', `Schema Registry at ${registry.url}: subject ${subject} has no versions (or only soft-deleted ones)`);
  const liveSet = new Set(live);
  const numbers = [...new Set([...live, ...(all ?? [])])].sort((a, b) => a - b);
  const versions = await inParallel(numbers, async (version): Promise<SchemaVersion | null> => {
    const deleted = !liveSet.has(version);
    // Apicurio lists a soft-deleted subject's versions but will not serve them: show the rest
    const found = await registry.subjectVersion(subject, version, deleted).catch((e: unknown) => {
      if (deleted) return null;
      throw e;
    });
    return found && { version, id: found.id, schemaType: found.schemaType, schema: found.schema, references: found.references, deleted };
  });
  return { subject, compatibility, versions: versions.filter((v) => v !== null) };
}

async function latestOrNull(registry: SchemaRegistryClient, subject: string) {
  try {
    return await registry.subjectVersion(subject, 'latest');
  } catch (e) {
    if (e instanceof RegistryError && e.status === 404) return null;
    throw e;
  }
}

// A subject whose versions are all soft-deleted answers 404 without ?deleted=true.
function emptyWhenSoftDeleted(e: unknown): number[] {
  if (e instanceof RegistryError && e.status === 404) return [];
  throw e;
}

async function inParallel<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return results;
}
