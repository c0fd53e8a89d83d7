// The on-cluster search's compiler (pure): the SQL a filter becomes, and what it refuses. That the
// SQL selects exactly what the local filter selects is proven on the real stack
// (test/integration/cluster-search.test.ts).
import { describe, expect, it } from 'vitest';
import { SearchFilter } from '@shared/messages';
import { StreamdeskError } from '@shared/errors';
import { clusterCondition } from '@main/services/messages/cluster-filter';
import { javaRegex } from '@main/services/messages/cluster-regex';
import { clusterQuery } from '@main/services/messages/cluster-query';

const condition = (filter: SearchFilter) => clusterCondition(SearchFilter.parse(filter));

function refusal(run: () => unknown): { path: string; message: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof StreamdeskError)) throw error;
    return { path: error.issues[0]?.path.join('.') ?? '', message: error.message };
  }
  throw new Error('not refused');
}

describe('javaRegex', () => {
  it('spells the constructs that differ the JavaScript way', () => {
    expect(javaRegex('a.b$', false, ['p'])).toBe('a[^\\n\\r\\u2028\\u2029]b\\z');
    expect(javaRegex('\\bx\\B', false, ['p'])).toContain('(?<=[A-Za-z0-9_])');
    expect(javaRegex('\\s', false, ['p'])).toContain('\\u00A0');
    expect(javaRegex('[a[&&b]', false, ['p'])).toBe('[a\\[\\&\\&b]');
    expect(javaRegex('x{', false, ['p'])).toBe('x\\{');
    expect(javaRegex('x{2,3}', false, ['p'])).toBe('x{2,3}');
    expect(javaRegex('\\v\\0', false, ['p'])).toBe('\\x0B\\x00');
    expect(javaRegex('\\u00e6', false, ['p'])).toBe('\\x{00e6}');
    expect(javaRegex('needle', true, ['p'])).toBe('(?i)needle');
  });

  it.each([
    ['(?<=a)b', 'lookbehind'],
    ['(a)\\1', 'backreference'],
    ['\\p{L}', 'escape \\p'],
    ['[^]', 'any character'],
    ['[\\S]', '\\S inside'],
    ['\\ud83d', 'surrogate'],
  ])('refuses %s, naming the field', (pattern, reason) => {
    const refused = refusal(() => javaRegex(pattern, false, ['filter', 'value', 'pattern']));
    expect(refused.path).toBe('filter.value.pattern');
    expect(refused.message).toContain(reason);
  });

  it('refuses ignoring case beyond ASCII', () => {
    expect(refusal(() => javaRegex('æ', true, ['x'])).message).toContain('beyond ASCII');
  });
});

describe('clusterCondition', () => {
  it('is TRUE for an empty filter', () => expect(condition({})).toBe('TRUE'));

  it('compiles contains, ignoreCase, regex and time bounds', () => {
    const sql = condition({
      key: { mode: 'contains', pattern: "it's" },
      value: { mode: 'contains', pattern: 'ÆRØ', ignoreCase: true },
      fromMs: 5,
      toMs: 9,
    });
    expect(sql).toContain("POSITION('it''s' IN `_ks`) > 0");
    expect(sql).toContain("POSITION('ærø' IN LOWER(`_vs`)) > 0");
    expect(sql).toContain('`_timestamp` >= TO_TIMESTAMP_LTZ(5, 3)');
    expect(sql).toContain('`_timestamp` < TO_TIMESTAMP_LTZ(9, 3)');
    expect(condition({ value: { mode: 'regex', pattern: '^a.' } })).toBe("COALESCE(REGEXP(`_vs`, '^a[^\\n\\r\\u2028\\u2029]'), FALSE)");
  });

  it('types each side of an expression comparison', () => {
    const sql = condition({ expression: 'value.garage == "Kyrre" && value.free < 10 || !value.tag' });
    expect(sql).toContain("JSON_QUERY(`_vs`, 'strict $[''garage'']' WITH UNCONDITIONAL ARRAY WRAPPER");
    expect(sql).toContain("= '\"' AND JSON_VALUE(`_vs`, 'strict $[''garage'']' RETURNING STRING");
    expect(sql).toContain("RETURNING STRING NULL ON EMPTY NULL ON ERROR) AS DOUBLE) < CAST('10' AS DOUBLE)");
    expect(sql).toContain(' OR (NOT (');
  });

  it('folds what the record cannot change', () => {
    expect(condition({ expression: '1 < 2' })).toBe('(TRUE)');
    expect(condition({ expression: 'key.x == null' })).toBe('(TRUE)');
    expect(condition({ expression: 'offset == "5"' })).toBe('(FALSE)');
    expect(condition({ expression: '5 <= offset' })).toBe("(CAST(`_offset` AS DOUBLE) >= CAST('5' AS DOUBLE))");
  });

  it.each([
    [{ headers: { match: { mode: 'contains', pattern: 'x' } } }, 'filter.headers', 'headers'],
    [{ expression: 'value.a == value.b' }, 'filter.expression', 'two fields'],
    [{ expression: 'headers.h == "x"' }, 'filter.expression', 'headers'],
    [{ expression: 'value == "x"' }, 'filter.expression', 'whole value'],
    [{ expression: 'value["it\'s"] == 1' }, 'filter.expression', 'quote'],
    [{ value: { mode: 'regex', pattern: '(?<!a)b' } }, 'filter.value.pattern', 'lookbehind'],
  ] as const)('refuses %j', (filter, path, words) => {
    const refused = refusal(() => condition(filter));
    expect(refused.path).toBe(path);
    expect(refused.message).toContain(words);
    expect(refused.message).toContain('run this search locally');
  });
});

describe('clusterQuery', () => {
  it('bounds every partition to its range and reads raw bytes', () => {
    const query = clusterQuery(
      'orders',
      'k:9092',
      [
        { partition: 0, start: 3, end: 10 },
        { partition: 1, start: 7, end: 7 },
      ],
      SearchFilter.parse({}),
      'search_1',
    );
    expect(query.ddl).toContain("'scan.startup.specific-offsets' = 'partition:0,offset:3;partition:1,offset:7'");
    expect(query.ddl).toContain("'scan.bounded.specific-offsets' = 'partition:0,offset:10;partition:1,offset:7'");
    expect(query.ddl).toContain("'value.format' = 'raw'");
    expect(query.select).toContain('WHERE TRUE');
  });
});
