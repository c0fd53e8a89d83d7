import { describe, expect, it } from 'vitest';
import { sinkKindOf } from '@main/services/sql/group-by-keys';
import { pipelineSqlOf } from '@main/services/sql/pipeline-sql';

describe("a saved query's sink: append-only or upsert keyed by the GROUP BY", () => {
  it('a plain SELECT and window aggregations are append-only', () => {
    expect(sinkKindOf('SELECT a FROM t WHERE b > 1', ['a'])).toEqual({ kind: 'append' });
    expect(
      sinkKindOf(
        "SELECT window_start, window_end, g, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, g",
        ['window_start', 'window_end', 'g', 'n'],
      ),
    ).toEqual({ kind: 'append' });
    expect(sinkKindOf("SELECT g, COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), g", ['g', 'EXPR$1'])).toEqual({ kind: 'append' });
  });

  it('a GROUP BY is keyed by its columns: qualified, quoted, aliased; an inner GROUP BY, strings and comments are not read', () => {
    expect(sinkKindOf('SELECT customer, COUNT(*) AS n FROM t GROUP BY customer', ['customer', 'n'])).toEqual({ kind: 'upsert', keys: ['customer'] });
    expect(sinkKindOf('SELECT o.`the key`, r, SUM(x) FROM t AS o GROUP BY o.`the key`, r HAVING SUM(x) > 1', ['the key', 'r', 'EXPR$2'])).toEqual({
      kind: 'upsert',
      keys: ['the key', 'r'],
    });
    expect(sinkKindOf('SELECT UPPER(c) AS who, COUNT(*) AS n FROM t GROUP BY UPPER( c )', ['who', 'n'])).toEqual({ kind: 'upsert', keys: ['who'] });
    expect(sinkKindOf("SELECT a FROM (SELECT a, COUNT(*) FROM t GROUP BY a) -- GROUP BY b\nWHERE a <> 'GROUP BY c'", ['a'])).toEqual({ kind: 'append' });
  });

  it('a GROUP BY key missing from the result is refused, naming the statement', () => {
    expect(() => sinkKindOf('SELECT COUNT(*) AS n FROM t GROUP BY customer', ['n'])).toThrow(
      /statement: a GROUP BY query is saved into an upsert topic.*"customer"/,
    );
  });

  it('the pipeline writes an upsert-kafka sink with the primary key for a GROUP BY', () => {
    const table = { topic: 'in', source: 'sample' as const, value: { format: 'json' as const }, columns: [], sampled: 1, note: null };
    const out = pipelineSqlOf('SELECT customer, COUNT(*) AS n FROM `in` GROUP BY customer', [table], 'out', [
      { name: 'customer', type: 'STRING', kind: 'value' },
      { name: 'n', type: 'BIGINT NOT NULL', kind: 'value' },
    ]);
    expect(out.sql).toContain(
      "CREATE TEMPORARY TABLE `out` (\n  `customer` STRING,\n  `n` BIGINT NOT NULL,\n  PRIMARY KEY (`customer`) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',\n  'key.format' = 'json',\n  'value.format' = 'json',",
    );
  });
});
