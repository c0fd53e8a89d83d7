import { describe, expect, it } from 'vitest';
import { completionsAt, offsetOf, tablesNamed, tokenize } from './sql-syntax';

describe('sql-syntax', () => {
  it('tokens join back into the statement and carry their kinds', () => {
    const s = "SELECT COUNT(*) AS n FROM `odd.t` WHERE x = 'it''s' -- c\n/* b */ AND y > 1.5";
    const tokens = tokenize(s);
    expect(tokens.map((t) => t.text).join('')).toBe(s);
    const kinds = new Map(tokens.map((t) => [t.text, t.kind]));
    expect(kinds.get('SELECT')).toBe('keyword');
    expect(kinds.get('COUNT')).toBe('function');
    expect(kinds.get('`odd.t`')).toBe('quoted');
    expect(kinds.get("'it''s'")).toBe('string');
    expect(kinds.get('-- c')).toBe('comment');
    expect(kinds.get('1.5')).toBe('number');
    expect(kinds.get('x')).toBe('identifier');
  });

  it('completes columns of the named tables, tables (quoted when odd), functions and keywords', () => {
    const context = { tables: ['orders', 'odd.topic'], columns: new Map([['orders', ['order_id', 'customer']]]) };
    expect(completionsAt('SELECT cu', 9, context).map((c) => c.label)).toEqual(['customer', 'CURRENT_TIMESTAMP', 'CURRENT_WATERMARK', 'CURRENT', 'CUMULATE']);
    expect(completionsAt('SELECT * FROM od', 16, context)).toEqual([{ label: 'odd.topic', insert: '`odd.topic`', kind: 'table' }]);
    expect(completionsAt('SELECT * FROM `o', 16, context).map((c) => c.insert)).toEqual(['`order_id`', '`orders`', '`odd.topic`']);
    // after a closed backtick name the word is a plain one again
    const after = 'SELECT * FROM `odd.topic`\nJOIN orders ON cus';
    expect(completionsAt(after, after.length, context).map((c) => c.label)).toEqual(['customer']);
  });

  it("maps Flink's line and column to an offset, and finds the tables a statement names", () => {
    expect(offsetOf('SELECT a,\n  b\nFROM t', 2, 3)).toBe(12);
    expect(tablesNamed('SELECT * FROM `odd.topic` JOIN orders', ['orders', 'odd.topic', 'other'])).toEqual(['orders', 'odd.topic']);
  });
});
