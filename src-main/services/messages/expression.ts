import { invalidField } from '@shared/errors';
import { fail, tokenize, type Literal, type Token } from './expression-tokens';

/**
 * The field-path filter language, e.g. `value.garage == "Kyrre" && value.free < 10`.
 *
 * A small recursive-descent parser and a tree-walking evaluator; the text is never turned into
 * code (no eval, no Function), names resolve only against the record, and a path can only walk
 * an object's own properties, so `__proto__` or `constructor` reach data or nothing — never a
 * prototype. Input size and nesting depth are bounded so hostile text fails fast.
 */

const ROOTS = ['value', 'key', 'headers', 'partition', 'offset', 'timestamp'] as const;
export type Root = (typeof ROOTS)[number];
type Comparator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Node =
  | { type: 'literal'; value: Literal }
  | { type: 'path'; root: Root; segments: (string | number)[] }
  | { type: 'not'; operand: Node }
  | { type: 'and' | 'or'; left: Node; right: Node }
  | { type: 'compare'; op: Comparator; left: Node; right: Node };

/** What an expression sees of one record. `value` is the parsed JSON, or the text when not JSON. */
export interface ExpressionRecord {
  value: unknown;
  /** The key as text, or its decoded value when the search decodes it. */
  key: unknown;
  headers: Record<string, string | null>;
  partition: number;
  offset: number;
  timestamp: number;
}

const MAX_LENGTH = 10_000;
export const MAX_DEPTH = 64;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') fail(`unexpected ${describe(rest)}`, rest.at);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(op: string): boolean {
    const token = this.peek();
    if (token.kind === 'op' && token.text === op) {
      this.index++;
      return true;
    }
    return false;
  }

  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`, at);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private or(): Node {
    let left = this.and();
    while (this.take('||')) left = { type: 'or', left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.take('&&')) left = { type: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): Node {
    const at = this.peek().at;
    if (this.take('!')) return this.nested(at, () => ({ type: 'not', operand: this.unary() }));
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.primary();
    const token = this.peek();
    if (token.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(token.text)) {
      this.index++;
      return { type: 'compare', op: token.text as Comparator, left, right: this.primary() };
    }
    return left;
  }

  private primary(): Node {
    const token = this.peek();
    if (token.kind === 'literal') {
      this.index++;
      return { type: 'literal', value: token.value };
    }
    if (token.kind === 'op' && token.text === '(') {
      this.index++;
      const inner = this.nested(token.at, () => this.or());
      if (!this.take(')')) fail(`expected ")" but found ${describe(this.peek())}`, this.peek().at);
      return inner;
    }
    if (token.kind === 'name') return this.path(token);
    fail(`expected a value, a field path or "(" but found ${describe(token)}`, token.at);
  }

  private path(token: Token & { kind: 'name' }): Node {
    if (!(ROOTS as readonly string[]).includes(token.text)) fail(`unknown name "${token.text}" (a path starts with ${ROOTS.join(', ')})`, token.at);
    this.index++;
    const segments: (string | number)[] = [];
    for (;;) {
      if (this.take('.')) {
        const name = this.peek();
        if (name.kind !== 'name' && !(name.kind === 'literal' && typeof name.value === 'boolean') && !(name.kind === 'literal' && name.value === null)) {
          fail(`expected a field name after "." but found ${describe(name)}`, name.at);
        }
        this.index++;
        segments.push(name.kind === 'name' ? name.text : String(name.kind === 'literal' ? name.value : ''));
      } else if (this.take('[')) {
        const index = this.peek();
        const valid =
          index.kind === 'literal' &&
          (typeof index.value === 'string' || (typeof index.value === 'number' && Number.isInteger(index.value) && index.value >= 0));
        if (!valid) fail(`expected an index (whole number) or a quoted field name in [] but found ${describe(index)}`, index.at);
        this.index++;
        segments.push(index.value as string | number);
        if (!this.take(']')) fail(`expected "]" but found ${describe(this.peek())}`, this.peek().at);
      } else {
        break;
      }
      if (segments.length > MAX_DEPTH) fail(`path longer than ${MAX_DEPTH} steps`, token.at);
    }
    return { type: 'path', root: token.text as Root, segments };
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end';
  if (token.kind === 'literal') return JSON.stringify(token.value)?.slice(0, 40) ?? 'a value';
  return `"${token.text}"`;
}

export function parseExpression(text: string): Node {
  if (text.length > MAX_LENGTH) throw invalidField(['expression'], `longer than ${MAX_LENGTH} characters`);
  if (text.trim() === '') throw invalidField(['expression'], 'is empty');
  return new Parser(tokenize(text)).parse();
}

/** Walks own properties only: inherited members such as `constructor` or `__proto__` are never reached. */
function resolve(node: Node & { type: 'path' }, record: ExpressionRecord): unknown {
  let current: unknown = record[node.root];
  for (const segment of node.segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (typeof segment !== 'number' || segment >= current.length) return undefined;
      current = current[segment];
    } else {
      const name = String(segment);
      if (!Object.prototype.hasOwnProperty.call(current, name)) return undefined;
      current = (current as Record<string, unknown>)[name];
    }
  }
  return current;
}

function operand(node: Node, record: ExpressionRecord): unknown {
  if (node.type === 'literal') return node.value;
  if (node.type === 'path') return resolve(node, record) ?? null;
  return evaluate(node, record);
}

function truthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && value !== 0 && value !== '';
}

function compare(op: Comparator, left: unknown, right: unknown): boolean {
  if (op === '==' || op === '!=') {
    // Strict: no type coercion ("5" is not 5); objects and arrays are never equal to a literal.
    const equal = left === right;
    return op === '==' ? equal : !equal;
  }
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
}

export function evaluate(node: Node, record: ExpressionRecord): boolean {
  switch (node.type) {
    case 'literal':
      return truthy(node.value);
    case 'path':
      return truthy(resolve(node, record));
    case 'not':
      return !evaluate(node.operand, record);
    case 'and':
      return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or':
      return evaluate(node.left, record) || evaluate(node.right, record);
    case 'compare':
      return compare(node.op, operand(node.left, record), operand(node.right, record));
  }
}

/** Which parts of a record the expression reads, so a filter decodes nothing else. */
export function rootsOf(node: Node, into = new Set<Root>()): Set<Root> {
  if (node.type === 'path') into.add(node.root);
  else if (node.type === 'not') rootsOf(node.operand, into);
  else if (node.type === 'and' || node.type === 'or' || node.type === 'compare') {
    rootsOf(node.left, into);
    rootsOf(node.right, into);
  }
  return into;
}

/**
 * Strings that a JSON value must contain, byte for byte, for the expression to hold: each
 * `value.path == "text"` joined by && at the top level. Exact only for values without a
 * backslash (no JSON escapes), which the caller checks before trusting it.
 */
export function requiredValueStrings(node: Node): string[] {
  if (node.type === 'and') return [...requiredValueStrings(node.left), ...requiredValueStrings(node.right)];
  if (node.type !== 'compare' || node.op !== '==') return [];
  const [path, literal] = node.left.type === 'path' ? [node.left, node.right] : [node.right, node.left];
  if (path.type !== 'path' || path.root !== 'value' || path.segments.length === 0 || literal.type !== 'literal') return [];
  return typeof literal.value === 'string' && literal.value.length > 0 ? [literal.value] : [];
}
