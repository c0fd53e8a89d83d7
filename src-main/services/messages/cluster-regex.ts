// A search's JavaScript regular expression rewritten as a Java one (Flink's REGEXP runs
// java.util.regex's find()) that matches exactly the same strings, or refused. The two dialects
// share most syntax but differ in places a search would silently count differently: `.` and `$`
// (Java also stops at U+0085 and before a final line break), `\s` (JavaScript's is Unicode's
// whitespace), `\v`, `\0`, `\b`, letters escaped for nothing, `[` and `&&` inside a class, a lone
// `{`. Those are spelled out; what has no exact spelling is refused with the reason.
import { invalidField } from '@shared/errors';

/** JavaScript's \s (WhiteSpace and LineTerminator) as class contents Java reads the same. */
const JS_SPACE = '\\t\\n\\x0B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';
const WORD = '[A-Za-z0-9_]';
/** JavaScript's \b and \B over ASCII word characters (Java's \b reads letters of any script as word characters). */
const WORD_EDGE = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NOT_WORD_EDGE = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;

class Refused extends Error {}

function refuse(reason: string): never {
  throw new Refused(reason);
}

interface Cursor {
  text: string;
  at: number;
}

/** An escape after its backslash (`cursor.at` on the letter); `inClass` for the rules inside [...]. */
function escape(cursor: Cursor, inClass: boolean): string {
  const char = cursor.text[cursor.at];
  if (char === undefined) refuse('a trailing backslash');
  cursor.at++;
  if ('dDwW'.includes(char) || 'tnrf'.includes(char)) return `\\${char}`;
  if (char === 's') return inClass ? JS_SPACE : `[${JS_SPACE}]`;
  if (char === 'S') return inClass ? refuse('\\S inside [...]') : `[^${JS_SPACE}]`;
  if (char === 'b') return inClass ? '\\x08' : WORD_EDGE;
  if (char === 'B') return inClass ? refuse('\\B inside [...]') : NOT_WORD_EDGE;
  if (char === 'v') return '\\x0B';
  if (char === '0') return /[0-9]/.test(cursor.text[cursor.at] ?? '') ? refuse('an octal escape (\\0 followed by a digit)') : '\\x00';
  if (char === 'x') return hexEscape(cursor, 2, 'x');
  if (char === 'u') return hexEscape(cursor, 4, 'u');
  if (char === 'c') {
    const letter = cursor.text[cursor.at];
    if (letter === undefined || !/[A-Za-z]/.test(letter)) refuse('\\c not followed by a letter');
    cursor.at++;
    return `\\c${letter.toUpperCase()}`;
  }
  if (/[1-9]/.test(char)) refuse('a backreference or octal escape (\\1…\\9)');
  if (/[A-Za-z0-9]/.test(char)) refuse(`the escape \\${char} (Java reads it differently)`);
  // any other character escaped stands for itself in both
  return `\\${char}`;
}

function hexEscape(cursor: Cursor, digits: number, letter: string): string {
  const hex = cursor.text.slice(cursor.at, cursor.at + digits);
  if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) refuse(`\\${letter} not followed by ${digits} hex digits`);
  // a surrogate half: JavaScript matches UTF-16 units, Java whole code points
  if (digits === 4 && /^d[89a-f]/i.test(hex)) refuse(`\\u${hex} (half of a surrogate pair)`);
  cursor.at += digits;
  return `\\x{${hex}}`;
}

function characterClass(cursor: Cursor): string {
  cursor.at++; // [
  let out = '[';
  if (cursor.text[cursor.at] === '^') {
    out += '^';
    cursor.at++;
  }
  if (cursor.text[cursor.at] === ']') refuse(out === '[^' ? '[^] (any character)' : '[] (no character)');
  for (;;) {
    const char = cursor.text[cursor.at];
    if (char === undefined) refuse('an unclosed [');
    cursor.at++;
    if (char === ']') return out + ']';
    if (char === '\\') out += escape(cursor, true);
    // Java nests classes ([a[b]]), intersects them (&&) and reads ^ anywhere: spelled literally
    else if (char === '[' || char === '&' || char === '^') out += `\\${char}`;
    else out += char;
  }
}

function group(cursor: Cursor): string {
  const rest = cursor.text.slice(cursor.at);
  if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) refuse('a lookbehind (Java allows only bounded ones)');
  for (const opening of ['(?:', '(?=', '(?!']) {
    if (rest.startsWith(opening)) {
      cursor.at += opening.length;
      return opening;
    }
  }
  if (rest.startsWith('(?<')) refuse('a named group');
  cursor.at++;
  return '(';
}

/** `{n}`, `{n,}` or `{n,m}` as a quantifier; else JavaScript reads `{` as itself. */
function brace(cursor: Cursor): string {
  const quantifier = /^\{\d+(,\d*)?\}/.exec(cursor.text.slice(cursor.at));
  if (quantifier) {
    cursor.at += quantifier[0].length;
    return quantifier[0];
  }
  cursor.at++;
  return '\\{';
}

const SIMPLE: Record<string, string> = {
  // JavaScript's . stops at \n, \r, U+2028 and U+2029 only (Java's at U+0085 too)
  '.': '[^\\n\\r\\u2028\\u2029]',
  // JavaScript's $ (no m flag) is the end of the text only (Java's also before a final line break)
  $: '\\z',
  '}': '\\}',
  ']': '\\]',
};

function translate(pattern: string): string {
  const cursor: Cursor = { text: pattern, at: 0 };
  let out = '';
  while (cursor.at < pattern.length) {
    const char = pattern[cursor.at];
    if (char === '\\') {
      cursor.at++;
      out += escape(cursor, false);
    } else if (char === '[') out += characterClass(cursor);
    else if (char === '(') out += group(cursor);
    else if (char === '{') out += brace(cursor);
    else {
      cursor.at++;
      out += SIMPLE[char] ?? char;
    }
  }
  return out;
}

/**
 * The Java pattern for a search's JavaScript one (no flags but `i`), or an invalid-argument error
 * at `field` saying what cannot be carried over exactly. Case-insensitive matching carries over
 * only for patterns of ASCII text: JavaScript folds the case of every script, Java (?i) of ASCII.
 */
export function javaRegex(pattern: string, ignoreCase: boolean, field: (string | number)[]): string {
  try {
    if (ignoreCase && ([...pattern].some((char) => char.charCodeAt(0) > 0x7f) || /\\(x[89a-fA-F]|u(?!00[0-7]))/.test(pattern)))
      refuse('ignoring case beyond ASCII letters (Java and JavaScript fold other scripts differently)');
    const java = translate(pattern);
    return ignoreCase ? `(?i)${java}` : java;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    throw invalidField(field, `cannot run on the Flink cluster: ${error.message} has no exact Java equivalent; run this search locally`);
  }
}
