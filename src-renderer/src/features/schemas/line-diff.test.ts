import { describe, expect, it } from 'vitest';
import { lineDiff, readableSchema } from './line-diff';

describe('lineDiff', () => {
  it('keeps common lines, pairs a removed line with the added one beside it, and shows the rest as added or removed', () => {
    const { rows, exact } = lineDiff('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(exact).toBe(true);
    expect(rows.map((r) => r.kind)).toEqual(['same', 'changed', 'same', 'same', 'added']);
    expect(rows[1]).toEqual({ kind: 'changed', left: 'b', right: 'B', leftNo: 2, rightNo: 2 });
    expect(rows[4]).toEqual({ kind: 'added', right: 'e', rightNo: 5 });
  });

  it('a field added in the middle of an Avro schema is one added block, the rest unchanged', () => {
    const v1 = readableSchema('{"type":"record","name":"G","fields":[{"name":"a","type":"string"},{"name":"c","type":"int"}]}');
    const v2 = readableSchema('{"type":"record","name":"G","fields":[{"name":"a","type":"string"},{"name":"b","type":"long"},{"name":"c","type":"int"}]}');
    const { rows } = lineDiff(v1, v2);
    const changed = rows.filter((r) => r.kind !== 'same');
    expect(changed.every((r) => r.kind === 'added')).toBe(true);
    // one contiguous block of four lines (which of the equal braces it starts at is arbitrary)
    expect(changed.map((r) => (r.kind === 'added' ? r.right.trim() : '')).sort()).toEqual(['"name": "b",', '"type": "long"', '{', '},']);
    const first = rows.indexOf(changed[0]);
    expect(rows.slice(first, first + 4)).toEqual(changed);
    expect(rows.filter((r) => r.kind === 'same')).toHaveLength(v1.split('\n').length);
  });

  it('identical texts are all "same"; a text against nothing is all removed', () => {
    expect(lineDiff('x\ny', 'x\ny').rows.every((r) => r.kind === 'same')).toBe(true);
    expect(lineDiff('x\ny', '').rows.map((r) => r.kind)).toEqual(['changed', 'removed']);
  });

  it('past the size cap compares by position and says it is not exact', () => {
    const big = Array.from({ length: 2100 }, (_, n) => `line ${n}`).join('\n');
    const { exact, rows } = lineDiff(big, big.replace('line 5\n', 'line five\n'));
    expect(exact).toBe(false);
    expect(rows.filter((r) => r.kind === 'changed')).toHaveLength(1);
  });

  it('readableSchema pretty-prints JSON and leaves Protobuf text alone', () => {
    expect(readableSchema('{"type":"string"}')).toBe('{\n  "type": "string"\n}');
    expect(readableSchema('syntax = "proto3";')).toBe('syntax = "proto3";');
  });
});
