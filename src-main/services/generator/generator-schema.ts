// A generator writing Avro or Protobuf: the schema derived from its records' shape, registered
// under `<topic>-value` (TopicNameStrategy) unless the subject's latest version already fits the
// records (then that one is used, whatever its author), and the encoder the run calls per record.
import type { GeneratorKind } from '@shared/generator';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { SchemaRegistryClient, SubjectVersion } from '@main/clients/schema-registry/schema-registry-client';
import { encoderOf, type RecordEncoder } from '../schemas/record-encoder';
import { resolveReferences } from '../schemas/schema-references';
import { ValueMismatch } from '../schemas/value-mismatch';
import { derivedSchema } from './derived-schema';
import { recordMaker } from './records';

const SAMPLE_RECORDS = 500;

export async function generatorEncoder(
  registry: SchemaRegistryClient | null,
  topic: string,
  kind: GeneratorKind,
  format: 'avro' | 'protobuf',
): Promise<RecordEncoder> {
  if (!registry)
    throw invalidField(['encoding'], 'this connection names no Schema Registry (set its URL in the connection profile), so only JSON can be written');
  const subject = `${topic}-value`;
  const derived = derivedSchema(kind, format);
  const latest = await latestOrNull(registry, subject);
  if (latest && latest.schemaType === derived.schemaType) {
    const reused = encoderOf(latest, await resolveReferences(registry, latest.references));
    if (fitsSample(reused, kind)) return reused;
  }
  try {
    const { id, version } = await registry.register(subject, derived);
    return encoderOf({ ...derived, subject, version, id }, []);
  } catch (error) {
    if (!(error instanceof StreamdeskError) || error.code === 'unavailable') throw error;
    throw invalidField(['encoding'], `the records' ${format} schema could not be registered under ${subject}: ${error.message}`);
  }
}

async function latestOrNull(registry: SchemaRegistryClient, subject: string): Promise<SubjectVersion | null> {
  try {
    return await registry.subjectVersion(subject, 'latest');
  } catch (error) {
    if (error instanceof StreamdeskError && error.code === 'not-found') return null;
    throw error;
  }
}

/** Whether a sample of the kind's records (nullable fields both ways, most likely) encode with it. */
function fitsSample(encoder: RecordEncoder, kind: GeneratorKind): boolean {
  const make = recordMaker(kind, 1, Date.now());
  try {
    for (let i = 0; i < SAMPLE_RECORDS; i++) encoder.encode(make(Date.now()).value);
    return true;
  } catch (error) {
    if (error instanceof ValueMismatch) return false;
    throw error;
  }
}
