// A search's field-path expression (expression.ts) as a Flink SQL condition that holds for exactly
// the records the local evaluator accepts. The local rules carried over: a value is JSON only when
// it parses (paths on anything else, on a missing field or on a tombstone are null); == is strict
// (no "5" == 5; objects and arrays equal no literal); < <= > >= hold only between two numbers or
// two strings; a bare path is truthy unless null, false, 0 or "". A field's JSON type is read from
// JSON_QUERY's wrapped answer (`[5]`, `["5"]`, `[{…}]`), its value by JSON_VALUE as text (cast to DOUBLE for numbers),
// and every comparison is made two-valued (SQL's NULL never leaks into NOT). What has no exact
// form — two paths compared, headers, the whole value — is refused, naming the expression.
import { invalidField } from '@shared/errors';
import { parseExpression, type Node } from './expression';
import type { Literal } from './expression-tokens';
import { sqlString } from '../pipelines/sql-settings';

type PathNode = Node & { type: 'path' };
type Comparator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** The SQL columns the condition reads: the value and key as text, and the metadata columns. */
export const COLUMNS = { value: '`_vs`', key: '`_ks`', partition: '`_partition`', offset: '`_offset`', timestamp: '`_timestamp`' } as const;

const NUMBER_TAGS = `('-','0','1','2','3','4','5','6','7','8','9')`;
const FLIPPED: Record<Comparator, Comparator> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function refuse(message: string): never {
  throw invalidField(['filter', 'expression'], `cannot run on the Flink cluster: ${message}; run this search locally`);
}

/** `strict $['a'][0]`: strict, so a missing field or a step into the wrong type is an error (null), as locally. */
function jsonPath(segments: (string | number)[]): string {
  const steps = segments.map((segment) => {
    if (typeof segment === 'number') return `[${segment}]`;
    if (segment === '' || /['\\]/.test(segment)) refuse(`the field name ${JSON.stringify(segment)} (a quote or backslash in a name)`);
    return `['${segment}']`;
  });
  return sqlString(`strict $${steps.join('')}`);
}

/** The first character of the field's JSON: " string, { object, [ array, t f n, else a number; NULL when missing. */
function tagOf(path: PathNode): string {
  return `SUBSTR(JSON_QUERY(${COLUMNS.value}, ${jsonPath(path.segments)} WITH UNCONDITIONAL ARRAY WRAPPER NULL ON EMPTY NULL ON ERROR), 2, 1)`;
}

function valueOf(path: PathNode, type: 'STRING' | 'DOUBLE'): string {
  const text = `JSON_VALUE(${COLUMNS.value}, ${jsonPath(path.segments)} RETURNING STRING NULL ON EMPTY NULL ON ERROR)`;
  // RETURNING DOUBLE fails on a whole number in Flink 1.18 (ClassCastException: Integer to Double):
  // the number's text (Jackson's, which round-trips) cast instead, as exact as JavaScript's parse
  return type === 'STRING' ? text : `TRY_CAST(${text} AS DOUBLE)`;
}

const twoValued = (condition: string) => `COALESCE(${condition}, FALSE)`;
const doubleLiteral = (value: number) => `CAST(${sqlString(String(value))} AS DOUBLE)`;

function sqlOp(op: Comparator): string {
  return op === '==' ? '=' : op === '!=' ? '<>' : op;
}

/** A literal against a JavaScript value of a known kind (constant folding, exactly as compare() does). */
function compareLiterals(op: Comparator, left: Literal, right: Literal): boolean {
  if (op === '==' || op === '!=') return (left === right) === (op === '==');
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
}

const constant = (truth: boolean) => (truth ? 'TRUE' : 'FALSE');

/** A path into the JSON value compared with a literal (the literal on the right). */
function compareValuePath(path: PathNode, op: Comparator, literal: Literal): string {
  const tag = tagOf(path);
  let equal: string;
  if (literal === null) equal = `(${tag} IS NULL OR ${tag} = 'n')`;
  else if (typeof literal === 'boolean') equal = twoValued(`${tag} = '${literal ? 't' : 'f'}'`);
  else if (typeof literal === 'string') {
    if (op !== '==' && op !== '!=') return twoValued(`${tag} = '"' AND ${valueOf(path, 'STRING')} ${op} ${sqlString(literal)}`);
    equal = twoValued(`${tag} = '"' AND ${valueOf(path, 'STRING')} = ${sqlString(literal)}`);
  } else {
    if (op !== '==' && op !== '!=') return twoValued(`${tag} IN ${NUMBER_TAGS} AND ${valueOf(path, 'DOUBLE')} ${op} ${doubleLiteral(literal)}`);
    equal = twoValued(`${tag} IN ${NUMBER_TAGS} AND ${valueOf(path, 'DOUBLE')} = ${doubleLiteral(literal)}`);
  }
  if (op === '==') return equal;
  if (op === '!=') return `NOT ${equal}`;
  return 'FALSE'; // < > against null or a boolean never holds
}

/** The key as text (or null), compared with a literal. */
function compareKey(op: Comparator, literal: Literal): string {
  if (literal === null) return op === '==' ? `${COLUMNS.key} IS NULL` : op === '!=' ? `${COLUMNS.key} IS NOT NULL` : 'FALSE';
  if (typeof literal !== 'string') return op === '!=' ? 'TRUE' : 'FALSE';
  const holds = twoValued(`${COLUMNS.key} ${sqlOp(op)} ${sqlString(literal)}`);
  return op === '!=' ? twoValued(`${COLUMNS.key} IS NULL OR ${COLUMNS.key} <> ${sqlString(literal)}`) : holds;
}

/** partition, offset or timestamp (numbers, never null) compared with a literal. */
function compareNumberColumn(root: 'partition' | 'offset' | 'timestamp', op: Comparator, literal: Literal): string {
  if (typeof literal !== 'number') return op === '!=' ? 'TRUE' : 'FALSE';
  if (root === 'timestamp') {
    if (!Number.isInteger(literal)) refuse(`timestamp compared with ${literal} (compare with whole milliseconds)`);
    return `${COLUMNS.timestamp} ${sqlOp(op)} TO_TIMESTAMP_LTZ(${literal}, 3)`;
  }
  return `CAST(${COLUMNS[root]} AS DOUBLE) ${sqlOp(op)} ${doubleLiteral(literal)}`;
}

function comparePath(path: PathNode, op: Comparator, literal: Literal): string {
  if (path.root === 'headers') refuse('headers in an expression (Flink keeps one value per header name)');
  // a path below the key or a metadata number walks into a string or number: undefined, so null
  if (path.root !== 'value' && path.segments.length > 0) return constant(compareLiterals(op, null, literal));
  if (path.root === 'value') {
    if (path.segments.length === 0) refuse('the whole value compared (compare a field, value.x, or use a value condition)');
    return compareValuePath(path, op, literal);
  }
  if (path.root === 'key') return compareKey(op, literal);
  return compareNumberColumn(path.root, op, literal);
}

function compare(node: Node & { type: 'compare' }): string {
  const { left, right } = node;
  if (left.type === 'literal' && right.type === 'literal') return constant(compareLiterals(node.op, left.value, right.value));
  if (left.type === 'path' && right.type === 'literal') return comparePath(left, node.op, right.value);
  if (left.type === 'literal' && right.type === 'path') return comparePath(right, FLIPPED[node.op], left.value);
  return refuse('a comparison between two fields or of a condition (compare a field with a value)');
}

/** A bare path: truthy unless missing, null, false, 0 or "". */
function truthy(path: PathNode): string {
  if (path.root === 'headers') refuse('headers in an expression (Flink keeps one value per header name)');
  if (path.root !== 'value' && path.segments.length > 0) return 'FALSE';
  if (path.root === 'value') {
    if (path.segments.length === 0) refuse('the whole value as a condition (test a field, value.x)');
    const tag = tagOf(path);
    return twoValued(
      `${tag} NOT IN ('n','f') AND NOT (${tag} = '"' AND ${valueOf(path, 'STRING')} = '') AND NOT (${tag} IN ${NUMBER_TAGS} AND ${valueOf(path, 'DOUBLE')} = 0)`,
    );
  }
  if (path.root === 'key') return twoValued(`${COLUMNS.key} <> ''`);
  if (path.root === 'timestamp') return `${COLUMNS.timestamp} <> TO_TIMESTAMP_LTZ(0, 3)`;
  return `${COLUMNS[path.root]} <> 0`;
}

function condition(node: Node): string {
  switch (node.type) {
    case 'literal':
      return constant(node.value !== null && node.value !== false && node.value !== 0 && node.value !== '');
    case 'path':
      return truthy(node);
    case 'not':
      return `NOT (${condition(node.operand)})`;
    case 'and':
      return `(${condition(node.left)}) AND (${condition(node.right)})`;
    case 'or':
      return `(${condition(node.left)}) OR (${condition(node.right)})`;
    case 'compare':
      return compare(node);
  }
}

/** The expression as a two-valued SQL condition over COLUMNS; a syntax error fails as it does locally. */
export function expressionCondition(expression: string): string {
  return condition(parseExpression(expression));
}
