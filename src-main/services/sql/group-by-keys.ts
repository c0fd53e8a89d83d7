// What a saved query's sink must be: a regular GROUP BY updates its rows (a changelog), which only an
// `upsert-kafka` table keyed by the GROUP BY columns can take; a window aggregation (a window TVF's
// window_start/window_end among the keys, or GROUP BY TUMBLE/HOP/SESSION/CUMULATE) emits each window
// once, append-only, like a plain SELECT. Read from the statement's outermost GROUP BY (outside
// strings, comments and parentheses). Pure: unit-tested.
import { invalidField } from '@shared/errors';

export type SinkKind = { kind: 'append' } | { kind: 'upsert'; keys: string[] };

const WINDOW_KEYS = /^`?window_(start|end)`?$/i;
const WINDOW_CALL = /^(TUMBLE|HOP|SESSION|CUMULATE)\s*\(/i;

/** The text with strings, quoted identifiers and comments blanked (same length), and depth-0 positions kept. */
function maskQuoted(s: string): string {
  return s.replace(/'(?:[^']|'')*'|`(?:[^`]|``)*`|--[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('`') ? m : ' '.repeat(m.length)));
}

/** The depth of each position (parentheses), so only the outermost query's clauses are read. */
function depths(s: string): number[] {
  const out: number[] = [];
  let d = 0;
  for (const ch of s) {
    if (ch === '(') d++;
    out.push(d);
    if (ch === ')') d--;
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const d = depths(text);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',' && d[i] === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The clause of the outermost query after `keyword` up to the next of `ends`, or null. */
function clause(masked: string, original: string, keyword: RegExp, ends: RegExp): string | null {
  const d = depths(masked);
  const at = [...masked.matchAll(keyword)].find((m) => d[m.index] === 0);
  if (!at) return null;
  const from = at.index + at[0].length;
  const end = [...masked.slice(from).matchAll(ends)].find((m) => d[from + m.index] === 0);
  return original.slice(from, end ? from + end.index : undefined).trim();
}

const unquote = (name: string) => (name.startsWith('`') ? name.slice(1, -1).replace(/``/g, '`') : name);

/** The result column a GROUP BY expression is: itself when it is a column (by its last name part), else its alias in the SELECT list. */
function keyColumn(expression: string, selectItems: string[], resultColumns: string[]): string | null {
  const plain = /^(?:(?:`(?:[^`]|``)*`|[\w$]+)\s*\.\s*)*(`(?:[^`]|``)*`|[\w$]+)$/.exec(expression);
  if (plain && resultColumns.includes(unquote(plain[1]))) return unquote(plain[1]);
  const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  for (const item of selectItems) {
    const aliased = /^([\s\S]+?)\s+(?:AS\s+)?(`(?:[^`]|``)*`|[\w$]+)$/i.exec(item);
    if (aliased && squash(aliased[1]) === squash(expression) && resultColumns.includes(unquote(aliased[2]))) return unquote(aliased[2]);
  }
  return null;
}

/** Append-only, or upsert keyed by the GROUP BY's columns; an issue at `statement` when a key is not among the result's columns. */
export function sinkKindOf(query: string, resultColumns: string[]): SinkKind {
  const masked = maskQuoted(query);
  const groupBy = clause(masked, query, /\bGROUP\s+BY\b/gi, /\b(HAVING|ORDER\s+BY|LIMIT|WINDOW|UNION|INTERSECT|EXCEPT)\b/gi);
  if (groupBy === null) return { kind: 'append' };
  const expressions = splitTopLevel(groupBy);
  if (expressions.some((e) => WINDOW_KEYS.test(e) || WINDOW_CALL.test(e))) return { kind: 'append' };
  const select = clause(masked, query, /\bSELECT\b/gi, /\bFROM\b/gi) ?? '';
  const selectItems = splitTopLevel(select.replace(/^DISTINCT\s+/i, ''));
  const keys = expressions.map((e) => ({ e, column: keyColumn(e, selectItems, resultColumns) }));
  const missing = keys.filter((k) => k.column === null).map((k) => k.e);
  if (missing.length > 0)
    throw invalidField(
      ['statement'],
      `a GROUP BY query is saved into an upsert topic keyed by its GROUP BY columns: select ${missing.map((m) => `"${m}"`).join(', ')} too (as a column of the result)`,
    );
  return { kind: 'upsert', keys: [...new Set(keys.map((k) => k.column!))] };
}
