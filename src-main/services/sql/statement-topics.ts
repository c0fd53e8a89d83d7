// Which topics a statement names, so their tables are created before it runs. Strings and
// comments are skipped; identifiers are read bare or in backticks (a doubled backtick is one).
// Pure: unit-tested.

/** Every identifier of the statement, outside strings and comments. */
export function identifiersOf(statement: string): Set<string> {
  const out = new Set<string>();
  let i = 0;
  const s = statement;
  while (i < s.length) {
    const c = s[i];
    if (c === "'") i = endOfQuoted(s, i, "'");
    else if (c === '-' && s[i + 1] === '-') i = s.indexOf('\n', i) === -1 ? s.length : s.indexOf('\n', i);
    else if (c === '/' && s[i + 1] === '*') i = s.indexOf('*/', i + 2) === -1 ? s.length : s.indexOf('*/', i + 2) + 2;
    else if (c === '`') {
      const end = endOfQuoted(s, i, '`');
      out.add(s.slice(i + 1, end - 1).replace(/``/g, '`'));
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w$]*/.exec(s.slice(i, i + 300))!;
      out.add(m[0]);
      i += m[0].length;
    } else i++;
  }
  return out;
}

/** The index just past a quoted run that starts at `start`; a doubled quote stays inside. */
function endOfQuoted(s: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === quote) {
      if (s[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return s.length;
}

/** The topics among `topics` that the statement names, in the order of `topics`. */
export function topicsNamedIn(statement: string, topics: readonly string[]): string[] {
  const names = identifiersOf(statement);
  return topics.filter((t) => names.has(t));
}
