// A topic's value columns from its Avro schema, typed exactly as Flink's own AvroSchemaConverter
// (convertToDataType) types them: the `avro-confluent` format compares the table's row type with
// the schema it is given and refuses any difference, NOT NULL included. So: every type NOT NULL
// unless it is a union with null; enum → STRING; map keys STRING NOT NULL; fixed → VARBINARY(n);
// timestamp-millis → TIMESTAMP(3) (the legacy mapping the format uses). A union of two non-null
// types has no SQL type (Flink would read it as RAW), and a nullable record is typed differently by
// the planner and the format (checked on Flink 1.18.1 with the 1.19.1 format): such a topic is not
// readable, with the reason.
// Pure: unit-tested.
import type { SqlTableColumn } from '@shared/sql';
import { quoteIdentifier } from './json-inference';

type AvroSchema = string | AvroSchema[] | { type: AvroSchema | string; [k: string]: unknown };
type AvroObject = Exclude<AvroSchema, string | AvroSchema[]>;

class Unsupported extends Error {}

const PRIMITIVES: Record<string, string> = {
  string: 'STRING',
  boolean: 'BOOLEAN',
  int: 'INT',
  long: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  bytes: 'BYTES',
};

const LOGICAL: Record<string, string> = {
  'int:date': 'DATE',
  'int:time-millis': 'TIME(3)',
  'long:time-micros': 'TIME(6)',
  'long:timestamp-millis': 'TIMESTAMP(3)',
  'long:timestamp-micros': 'TIMESTAMP(6)',
};

/** Named types (records, enums, fixed) seen so far, by full and by short name: a later field may name one. */
interface Named {
  types: Map<string, AvroObject>;
  /** Records being typed: one that contains itself has no finite SQL type. */
  open: Set<AvroObject>;
}

function fullName(o: AvroObject, namespace: string | null): { full: string; namespace: string | null } {
  const name = typeof o.name === 'string' ? o.name : '';
  if (name.includes('.')) return { full: name, namespace: name.slice(0, name.lastIndexOf('.')) };
  const ns = typeof o.namespace === 'string' && o.namespace !== '' ? o.namespace : namespace;
  return { full: ns ? `${ns}.${name}` : name, namespace: ns };
}

function remember(o: AvroObject, named: Named, namespace: string | null): string | null {
  const { full, namespace: ns } = fullName(o, namespace);
  named.types.set(full, o);
  named.types.set(full.slice(full.lastIndexOf('.') + 1), o);
  return ns;
}

function unionType(branches: AvroSchema[], named: Named, namespace: string | null): string {
  const isNull = (b: AvroSchema) => b === 'null' || (typeof b === 'object' && !Array.isArray(b) && b.type === 'null');
  const others = branches.filter((b) => !isNull(b));
  if (others.length === 1 && branches.length === 2) {
    const inner = typeOf(others[0], named, namespace);
    // Flink 1.18's planner makes a nullable ROW's fields nullable too, while the format types them NOT NULL: the two never agree
    if (inner.startsWith('ROW<'))
      throw new Unsupported(
        `a record that may be null (a union of null and a record) cannot be read by Flink 1.18's avro-confluent format: the planner makes its fields nullable and the format refuses the difference`,
      );
    return nullable(inner);
  }
  if (branches.length === 1) return typeOf(branches[0], named, namespace);
  throw new Unsupported(`a union of ${branches.length} types (${JSON.stringify(branches).slice(0, 80)}) has no Flink SQL type`);
}

function nullable(notNull: string): string {
  return notNull.replace(/ NOT NULL$/, '');
}

function recordType(o: AvroObject, named: Named, namespace: string | null): string {
  if (named.open.has(o)) throw new Unsupported(`the record ${String(o.name)} contains itself: a recursive type has no Flink SQL type`);
  const ns = remember(o, named, namespace);
  named.open.add(o);
  const fields = Array.isArray(o.fields) ? (o.fields as Array<{ name: string; type: AvroSchema }>) : [];
  const row = `ROW<${fields.map((f) => `${quoteIdentifier(f.name)} ${typeOf(f.type, named, ns)}`).join(', ')}> NOT NULL`;
  named.open.delete(o);
  return row;
}

function objectType(o: AvroObject, named: Named, namespace: string | null): string {
  const t = o.type;
  if (typeof t !== 'string') return typeOf(t, named, namespace);
  const logical = typeof o.logicalType === 'string' ? o.logicalType : null;
  if (logical === 'decimal' && (t === 'bytes' || t === 'fixed')) {
    if (t === 'fixed') remember(o, named, namespace);
    return `DECIMAL(${Number(o.precision)}, ${Number(o.scale ?? 0)}) NOT NULL`;
  }
  if (logical && LOGICAL[`${t}:${logical}`]) return `${LOGICAL[`${t}:${logical}`]} NOT NULL`;
  switch (t) {
    case 'record':
      return recordType(o, named, namespace);
    case 'enum':
      remember(o, named, namespace);
      return 'STRING NOT NULL';
    case 'fixed':
      remember(o, named, namespace);
      return `VARBINARY(${Number(o.size)}) NOT NULL`;
    case 'array':
      return `ARRAY<${typeOf(o.items as AvroSchema, named, namespace)}> NOT NULL`;
    case 'map':
      return `MAP<STRING NOT NULL, ${typeOf(o.values as AvroSchema, named, namespace)}> NOT NULL`;
    default:
      return typeOf(t, named, namespace);
  }
}

function typeOf(s: AvroSchema, named: Named, namespace: string | null): string {
  if (Array.isArray(s)) return unionType(s, named, namespace);
  if (typeof s === 'object' && s !== null) return objectType(s, named, namespace);
  if (PRIMITIVES[s]) return `${PRIMITIVES[s]} NOT NULL`;
  if (s === 'null') throw new Unsupported('a field of type null has no Flink SQL column');
  const ref = (namespace ? named.types.get(`${namespace}.${s}`) : undefined) ?? named.types.get(s);
  if (!ref) throw new Unsupported(`the type "${s}" is not defined in the schema (a schema reference, which Flink's format cannot resolve)`);
  return objectType(ref, named, namespace);
}

export type AvroColumns = { status: 'ok'; columns: SqlTableColumn[] } | { status: 'unsupported'; reason: string };

/** The value columns of a record schema's text, or why Flink's avro-confluent format cannot read it. */
export function avroColumns(schemaText: string): AvroColumns {
  let schema: AvroSchema;
  try {
    schema = JSON.parse(schemaText) as AvroSchema;
  } catch {
    return { status: 'unsupported', reason: 'the schema is not JSON' };
  }
  if (typeof schema !== 'object' || Array.isArray(schema) || schema.type !== 'record')
    return { status: 'unsupported', reason: 'the value schema is not an Avro record: a table needs fields' };
  try {
    const named: Named = { types: new Map(), open: new Set() };
    const ns = remember(schema, named, null);
    const fields = Array.isArray(schema.fields) ? (schema.fields as Array<{ name: string; type: AvroSchema }>) : [];
    return { status: 'ok', columns: fields.map((f) => ({ name: f.name, type: typeOf(f.type, named, ns), kind: 'value' as const })) };
  } catch (error) {
    if (error instanceof Unsupported) return { status: 'unsupported', reason: error.message };
    throw error;
  }
}
