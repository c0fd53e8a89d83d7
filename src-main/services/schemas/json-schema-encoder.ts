// JSON values for a JSON Schema subject: checked with ajv (draft-07 and earlier, referenced
// schemas added by their reference name, as the decoder does), then written as the JSON text.
// The first problem ajv finds becomes a ValueMismatch naming its field.
import type { ErrorObject } from 'ajv';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import type { PayloadEncoder } from './avro-encoder';
import type { ResolvedReference } from './schema-references';
import { ajvPackage } from './codec-packages';
import { shown, ValueMismatch, type ValuePath } from './value-mismatch';

export function jsonSchemaEncoder(schema: RegisteredSchema, references: readonly ResolvedReference[]): PayloadEncoder {
  const { Ajv } = ajvPackage();
  const ajv = new Ajv({ strict: false, allErrors: false, verbose: true });
  for (const ref of references) ajv.addSchema(withoutDraft(ref.schema.schema), ref.name);
  const check = ajv.compile(withoutDraft(schema.schema));
  return (value) => {
    if (!check(value)) throw mismatch(check.errors?.[0]);
    return Buffer.from(JSON.stringify(value), 'utf8');
  };
}

/** ajv knows draft-07 by default; another draft's URL would stop it. */
function withoutDraft(text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  delete parsed.$schema;
  return parsed;
}

function pathOf(instancePath: string): ValuePath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function mismatch(error: ErrorObject | undefined): ValueMismatch {
  if (!error) return new ValueMismatch([], 'does not fit the schema');
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return new ValueMismatch([...path, String(params.missingProperty)], 'required');
    case 'additionalProperties':
      return new ValueMismatch([...path, String(params.additionalProperty)], 'is not allowed by the schema');
    case 'type':
      return new ValueMismatch(path, `expected ${String(params.type)}, got ${shown(error.data)}`);
    case 'enum':
      return new ValueMismatch(path, `expected one of ${(params.allowedValues as unknown[]).map((v) => shown(v)).join(', ')}, got ${shown(error.data)}`);
    default:
      return new ValueMismatch(path, `${error.message ?? 'does not fit the schema'}, got ${shown(error.data)}`);
  }
}
