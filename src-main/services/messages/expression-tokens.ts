import { invalidField } from '@shared/errors';

/** The tokens of the field-path filter language (see expression.ts); strings take JSON-style escapes. */

export type Literal = string | number | boolean | null;

export type Token =
  | { kind: 'op'; text: string; at: number }
  | { kind: 'name'; text: string; at: number }
  | { kind: 'literal'; value: Literal; at: number }
  | { kind: 'end'; at: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '.', '[', ']'];
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

export function fail(message: string, at: number): never {
  throw invalidField(['expression'], `${message} at character ${at + 1}`);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const at = i;
    if (char === '"' || char === "'") {
      let value = '';
      i++;
      while (i < text.length && text[i] !== char) {
        if (text[i] === '\\') {
          const escape = text[i + 1];
          if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (escape === undefined || !(escape in ESCAPES)) fail(`unknown escape \\${escape ?? ''}`, i);
          value += ESCAPES[escape];
          i += 2;
          continue;
        }
        value += text[i++];
      }
      if (i >= text.length) fail('unterminated string', at);
      i++;
      tokens.push({ kind: 'literal', value, at });
      continue;
    }
    const number = /^-?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)/.exec(text.slice(i, i + 400));
    if (number && (char !== '-' || tokens.length === 0 || tokens[tokens.length - 1].kind === 'op')) {
      tokens.push({ kind: 'literal', value: Number(number[0]), at });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 1000));
    if (name) {
      const word = name[0];
      if (word === 'true' || word === 'false') tokens.push({ kind: 'literal', value: word === 'true', at });
      else if (word === 'null') tokens.push({ kind: 'literal', value: null, at });
      else tokens.push({ kind: 'name', text: word, at });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (!op) fail(`unexpected "${char}"`, at);
    tokens.push({ kind: 'op', text: op, at });
    i += op.length;
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}
