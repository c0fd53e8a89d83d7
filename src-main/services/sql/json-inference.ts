// A table's columns inferred from a sample of JSON records: each field's Flink SQL type, merged
// over the sample (an integer and a fraction make DOUBLE; values that disagree make STRING, which
// Flink's JSON format fills with the value's text). Pure: unit-tested.
import type { SqlTableColumn } from '@shared/sql';

type Inferred =
  | { kind: 'null' }
  | { kind: 'scalar'; sql: 'BOOLEAN' | 'BIGINT' | 'DOUBLE' | 'STRING' }
  | { kind: 'row'; fields: Map<string, Inferred> }
  | { kind: 'array'; element: Inferred };

/** Deeper objects are kept as their JSON text (STRING): a ROW type of many levels helps nobody write SQL. */
const MAX_DEPTH = 3;
const MAX_COLUMNS = 300;

function inferValue(value: unknown, depth: number): Inferred {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'scalar', sql: 'BOOLEAN' };
  if (typeof value === 'number') return { kind: 'scalar', sql: Number.isInteger(value) ? 'BIGINT' : 'DOUBLE' };
  if (typeof value === 'string') return { kind: 'scalar', sql: 'STRING' };
  if (depth >= MAX_DEPTH) return { kind: 'scalar', sql: 'STRING' };
  if (Array.isArray(value)) return { kind: 'array', element: value.reduce<Inferred>((acc, v) => merge(acc, inferValue(v, depth + 1)), { kind: 'null' }) };
  const fields = new Map<string, Inferred>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) fields.set(key, inferValue(v, depth + 1));
  return { kind: 'row', fields };
}

function merge(a: Inferred, b: Inferred): Inferred {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    if (a.sql === b.sql) return a;
    const numbers = new Set(['BIGINT', 'DOUBLE']);
    return { kind: 'scalar', sql: numbers.has(a.sql) && numbers.has(b.sql) ? 'DOUBLE' : 'STRING' };
  }
  if (a.kind === 'row' && b.kind === 'row') {
    const fields = new Map(a.fields);
    for (const [key, t] of b.fields) fields.set(key, merge(fields.get(key) ?? { kind: 'null' }, t));
    return { kind: 'row', fields };
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', element: merge(a.element, b.element) };
  return { kind: 'scalar', sql: 'STRING' };
}

/** An identifier in backticks, an inner backtick doubled (Flink's rule). */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function typeText(t: Inferred): string {
  switch (t.kind) {
    case 'null':
      return 'STRING';
    case 'scalar':
      return t.sql;
    case 'array':
      return `ARRAY<${typeText(t.element)}>`;
    case 'row':
      return t.fields.size === 0 ? 'STRING' : `ROW<${[...t.fields].map(([k, v]) => `${quoteIdentifier(k)} ${typeText(v)}`).join(', ')}>`;
  }
}

export interface JsonInference {
  columns: SqlTableColumn[];
  /** Samples that were not JSON objects (text, a bare number, broken JSON): left out. */
  skipped: number;
}

/** The value columns of a JSON topic from its records' texts (null: a tombstone, skipped). */
export function inferJsonColumns(values: Array<string | null>): JsonInference {
  let top: Inferred = { kind: 'null' };
  let skipped = 0;
  for (const text of values) {
    if (text === null) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      skipped++;
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      skipped++;
      continue;
    }
    top = merge(top, inferValue(parsed, 0));
  }
  const fields = top.kind === 'row' ? [...top.fields].slice(0, MAX_COLUMNS) : [];
  return { columns: fields.map(([name, t]) => ({ name, type: typeText(t), kind: 'value' })), skipped };
}
