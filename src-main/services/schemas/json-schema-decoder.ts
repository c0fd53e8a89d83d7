// JSON Schema payloads: the JSON text after the id. Validation against the schema (ajv, draft-07
// and earlier) only when asked for; a value that does not fit is then shown raw with ajv's reason.
import { createRequire } from 'node:module';
import type { Ajv as AjvClass } from 'ajv';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import type { JsonValue } from './json-safe';
import type { ResolvedReference } from './schema-references';
import type { PayloadDecoder } from './avro-decoder';

export function jsonSchemaDecoder(schema: RegisteredSchema, references: readonly ResolvedReference[], validate: boolean): PayloadDecoder {
  const check = validate ? compile(schema, references) : null;
  return (payload) => {
    const value = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) as JsonValue;
    if (check && !check(value))
      throw new Error(`does not fit the schema: ${check.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`);
    return value;
  };
}

function compile(schema: RegisteredSchema, references: readonly ResolvedReference[]) {
  // Loaded on first use only: validation is off by default, and a search worker or the CLI should
  // not pay for loading ajv to decode records that need none.
  const { Ajv } = createRequire(__filename)('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ strict: false, allErrors: false });
  for (const ref of references) ajv.addSchema(JSON.parse(ref.schema.schema) as object, ref.name);
  const parsed = JSON.parse(schema.schema) as Record<string, unknown>;
  delete parsed.$schema; // ajv knows draft-07 by default; another draft's URL would stop it
  return ajv.compile(parsed);
}
