// The producer's side of Schema Registry: an encoder for the schema the user chose, with the
// registry's failures and a value that does not fit turned into issues naming the argument.
import { invalidField, StreamdeskError, type ErrorIssue } from '@shared/errors';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { recordEncoder, type RecordEncoder, type SchemaChoice } from '../schemas/record-encoder';
import { ValueMismatch } from '../schemas/value-mismatch';

type Path = ErrorIssue['path'];

/** `path` names the schema argument (`['valueSchema']`); a missing subject or version is named under it. */
export async function encoderFor(registry: SchemaRegistryClient | null, choice: SchemaChoice, path: Path): Promise<RecordEncoder> {
  if (!registry) throw invalidField(path, 'this connection names no Schema Registry (set its URL in the connection profile)');
  try {
    return await recordEncoder(registry, choice);
  } catch (error) {
    if (error instanceof StreamdeskError && error.code === 'not-found') throw invalidField([...path, 'subject'], error.message);
    if (error instanceof StreamdeskError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidField(choice.message ? [...path, 'message'] : path, `the schema of ${choice.subject} version ${choice.version} cannot be used: ${reason}`);
  }
}

/** The framed bytes, or an invalid-argument issue at `path` plus the field inside the value. */
export function encodeAt(encoder: RecordEncoder, value: unknown, path: Path): Buffer {
  try {
    return encoder.encode(value);
  } catch (error) {
    if (error instanceof ValueMismatch) throw invalidField([...path, ...error.path], error.problem);
    throw error;
  }
}
