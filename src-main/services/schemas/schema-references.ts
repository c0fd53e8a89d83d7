// A schema's references, followed through the registry: every schema it names, directly or through
// another, dependencies first, each once.
import type { RegisteredSchema, SchemaReference } from '@main/clients/schema-registry/schema-registry-client';

/** What the decoders need of a registry (SchemaRegistryClient is one). */
export interface SchemaSource {
  schemaById(id: number): Promise<RegisteredSchema>;
  subjectVersion(subject: string, version: number): Promise<RegisteredSchema>;
  contentIdOfGlobalId(globalId: number): Promise<number>;
  /** The subjects and versions that hold a schema id, when the registry can say (for showing only). */
  subjectsOfId?(id: number): Promise<{ subject: string; version: number }[]>;
}

export interface ResolvedReference {
  /** Avro: the full name of the type; Protobuf: the import path; JSON Schema: the $ref. */
  name: string;
  schema: RegisteredSchema;
}

export async function resolveReferences(source: SchemaSource, references: readonly SchemaReference[]): Promise<ResolvedReference[]> {
  const resolved: ResolvedReference[] = [];
  const seen = new Set<string>();
  const visit = async (refs: readonly SchemaReference[], depth: number): Promise<void> => {
    if (depth > 32) throw new Error('schema references nest deeper than 32 levels');
    for (const ref of refs) {
      const key = `${ref.subject}\u0000${ref.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const schema = await source.subjectVersion(ref.subject, ref.version);
      await visit(schema.references, depth + 1);
      resolved.push({ name: ref.name, schema });
    }
  };
  await visit(references, 0);
  return resolved;
}
