// A topic's value columns from its JSON Schema subject: one column per top-level property, typed as
// Flink's JSON_VALUE can return it (integer → BIGINT, number → DOUBLE, boolean → BOOLEAN, string and
// enum → STRING), objects, arrays and properties without one clear type as their JSON text (STRING,
// read with JSON_QUERY). Every column may be null: the records are read by path, not validated.
// A local `$ref` (`#/definitions/…`, `#/$defs/…`) is followed for a property's type. Pure: unit-tested.
import type { SqlTableColumn } from '@shared/sql';

type JsonColumn = SqlTableColumn & { read: 'value' | 'query' };

export type JsonSchemaColumns = { status: 'ok'; columns: JsonColumn[] } | { status: 'unsupported'; reason: string };

type Schema = Record<string, unknown>;

const SCALARS: Record<string, string> = { integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', string: 'STRING' };

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `#/definitions/x` or `#/$defs/x` in the root, else the schema itself (a remote `$ref` is not fetched). */
function resolved(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = isSchema(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isSchema(at) ? at : schema;
}

function columnOf(name: string, property: Schema, root: Schema): JsonColumn {
  const schema = resolved(property, root);
  const declared = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  const only = declared.length === 1 && typeof declared[0] === 'string' ? declared[0] : null;
  const scalar = only !== null ? SCALARS[only] : Array.isArray(schema.enum) || typeof schema.const === 'string' ? 'STRING' : undefined;
  if (scalar) return { name, type: scalar, kind: 'value', read: 'value' };
  // objects, arrays, unions and untyped properties: their JSON as it is in the record
  return { name, type: 'STRING', kind: 'value', read: 'query' };
}

export function jsonSchemaColumns(schemaText: string): JsonSchemaColumns {
  let root: unknown;
  try {
    root = JSON.parse(schemaText);
  } catch (error) {
    return { status: 'unsupported', reason: `the schema is not JSON: ${(error as Error).message}` };
  }
  if (!isSchema(root)) return { status: 'unsupported', reason: 'the schema is not a JSON object' };
  const top = resolved(root, root);
  const properties = top.properties;
  if (!isSchema(properties) || Object.keys(properties).length === 0)
    return { status: 'unsupported', reason: 'the schema names no top-level properties to make columns of (an object schema with "properties" is needed)' };
  return { status: 'ok', columns: Object.entries(properties).map(([name, p]) => columnOf(name, isSchema(p) ? p : {}, root)) };
}
