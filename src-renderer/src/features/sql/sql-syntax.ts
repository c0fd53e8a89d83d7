// Flink SQL for the editor: tokens for highlighting, and what completes the word at the caret
// (keywords, functions, the catalog's tables, the columns of the tables the statement names).
// Pure: unit-tested.

const KEYWORDS = (
  'SELECT FROM WHERE GROUP BY HAVING ORDER LIMIT AS AND OR NOT IN IS NULL LIKE BETWEEN CASE WHEN THEN ELSE END JOIN LEFT RIGHT FULL ' +
  'INNER OUTER ON USING UNION ALL DISTINCT INSERT INTO VALUES CREATE TABLE VIEW DROP WITH OVER PARTITION ROWS RANGE PRECEDING ' +
  'FOLLOWING CURRENT ROW UNBOUNDED INTERVAL SECOND SECONDS MINUTE MINUTES HOUR HOURS DAY DAYS TABLE DESCRIPTOR TUMBLE HOP CUMULATE ' +
  'SESSION MATCH_RECOGNIZE MEASURES PATTERN DEFINE WITHIN AFTER MATCH SKIP PAST LAST ONE PER SET SHOW TABLES DESCRIBE EXPLAIN ' +
  'TRUE FALSE ASC DESC CAST TRY_CAST EXISTS WATERMARK FOR SYSTEM_TIME OF'
).split(' ');

const FUNCTIONS = (
  'COUNT SUM AVG MIN MAX FIRST_VALUE LAST_VALUE LISTAGG COLLECT STDDEV_POP STDDEV_SAMP VAR_POP VAR_SAMP ROW_NUMBER RANK DENSE_RANK ' +
  'LAG LEAD ABS ROUND FLOOR CEIL POWER SQRT LN LOG10 EXP MOD UPPER LOWER TRIM LTRIM RTRIM CONCAT CONCAT_WS SUBSTRING REPLACE ' +
  'REGEXP_EXTRACT REGEXP_REPLACE REGEXP CHAR_LENGTH POSITION SPLIT_INDEX COALESCE IF NULLIF IFNULL JSON_VALUE JSON_QUERY ' +
  'JSON_EXISTS JSON_OBJECT JSON_ARRAY TO_TIMESTAMP TO_TIMESTAMP_LTZ TO_DATE DATE_FORMAT UNIX_TIMESTAMP FROM_UNIXTIME ' +
  'CURRENT_TIMESTAMP NOW PROCTIME EXTRACT TIMESTAMPDIFF TIMESTAMPADD CURRENT_WATERMARK TUMBLE_START TUMBLE_END HOP_START ' +
  'HOP_END SESSION_START SESSION_END CARDINALITY ELEMENT MD5 SHA256 UUID'
).split(' ');

const KEYWORD_SET = new Set(KEYWORDS);
const FUNCTION_SET = new Set(FUNCTIONS);

type TokenKind = 'keyword' | 'function' | 'string' | 'number' | 'comment' | 'identifier' | 'quoted' | 'other';
export interface Token {
  kind: TokenKind;
  text: string;
}

const PATTERNS: Array<[TokenKind, RegExp]> = [
  ['comment', /^--[^\n]*|^\/\*[\s\S]*?(\*\/|$)/],
  ['string', /^'(?:[^']|'')*'?/],
  ['quoted', /^`(?:[^`]|``)*`?/],
  ['number', /^\d+(\.\d+)?([eE][+-]?\d+)?/],
  ['identifier', /^[A-Za-z_][\w$]*/],
  ['other', /^(\s+|[^\s\w'`-]+|-)/],
];

/** The statement as tokens; joined, their texts are the statement again. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let rest = text;
  while (rest.length > 0) {
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      const m = re.exec(rest);
      if (!m || m[0].length === 0) continue;
      out.push({ kind: kind === 'identifier' ? identifierKind(m[0]) : kind, text: m[0] });
      rest = rest.slice(m[0].length);
      matched = true;
      break;
    }
    if (!matched) {
      out.push({ kind: 'other', text: rest[0] });
      rest = rest.slice(1);
    }
  }
  return out;
}

function identifierKind(word: string): TokenKind {
  const upper = word.toUpperCase();
  if (KEYWORD_SET.has(upper)) return 'keyword';
  if (FUNCTION_SET.has(upper)) return 'function';
  return 'identifier';
}

export interface CompletionContext {
  tables: readonly string[];
  /** Columns of tables the statement names (by table). */
  columns: ReadonlyMap<string, readonly string[]>;
}

export interface Completion {
  label: string;
  /** What replaces the word: a table with odd characters in backticks. */
  insert: string;
  kind: 'keyword' | 'function' | 'table' | 'column';
}

/** The word being typed at `caret`: letters, digits and _, or a backtick name not yet closed (an odd count of backticks before the caret). */
export function wordAt(text: string, caret: number): { start: number; word: string } {
  const before = text.slice(0, caret);
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) {
    const start = before.lastIndexOf('`');
    return { start, word: before.slice(start) };
  }
  const m = /[A-Za-z_][\w$]*$/.exec(before);
  return m ? { start: caret - m[0].length, word: m[0] } : { start: caret, word: '' };
}

const quoteIfNeeded = (name: string) => (/^[A-Za-z_][\w$]*$/.test(name) && !KEYWORD_SET.has(name.toUpperCase()) ? name : `\`${name.replace(/`/g, '``')}\``);

/** Candidates for the word at the caret: columns first, then tables, functions, keywords. */
export function completionsAt(text: string, caret: number, context: CompletionContext, max = 40): Completion[] {
  const { word } = wordAt(text, caret);
  const needle = word.replace(/^`/, '').toLowerCase();
  const quoted = word.startsWith('`');
  const out: Completion[] = [];
  const seen = new Set<string>();
  const add = (label: string, kind: Completion['kind']) => {
    if (seen.has(`${kind}:${label}`) || !label.toLowerCase().startsWith(needle)) return;
    seen.add(`${kind}:${label}`);
    out.push({ label, kind, insert: kind === 'table' || kind === 'column' ? (quoted ? `\`${label.replace(/`/g, '``')}\`` : quoteIfNeeded(label)) : label });
  };
  for (const cols of context.columns.values()) for (const c of cols) add(c, 'column');
  for (const t of context.tables) add(t, 'table');
  if (!quoted && needle.length > 0) {
    for (const f of FUNCTIONS) add(f, 'function');
    for (const k of KEYWORDS) add(k, 'keyword');
  }
  return out.slice(0, max);
}

/** The character offset of Flink's 1-based line and column in the statement. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** Tables of the catalog the statement names (for completing their columns). */
export function tablesNamed(text: string, tables: readonly string[]): string[] {
  const words = new Set<string>();
  for (const t of tokenize(text)) {
    if (t.kind === 'quoted') words.add(t.text.slice(1, -1).replace(/``/g, '`'));
    else if (t.kind === 'identifier') words.add(t.text);
  }
  return tables.filter((t) => words.has(t));
}
