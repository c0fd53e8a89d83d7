import { describe, expect, it } from 'vitest';
import { evaluate, MAX_DEPTH, parseExpression, requiredValueStrings, rootsOf, type ExpressionRecord } from '@main/services/messages/expression';

function record(value: unknown, extra: Partial<ExpressionRecord> = {}): ExpressionRecord {
  return { value, key: 'k1', headers: { source: 'sensor' }, partition: 2, offset: 41, timestamp: 1_700_000_000_000, ...extra };
}

const holds = (text: string, value: unknown, extra: Partial<ExpressionRecord> = {}) => evaluate(parseExpression(text), record(value, extra));

describe('field-path expressions', () => {
  const garage = { garage: 'Kyrre', free: 7, open: true, owner: null, levels: [{ free: 3 }, { free: 4 }], 'odd key': 1 };

  it('compares with == != < <= > >= and combines with && || ! and parentheses', () => {
    expect(holds('value.garage == "Kyrre" && value.free < 10', garage)).toBe(true);
    expect(holds('value.garage == "Kyrre" && value.free < 5', garage)).toBe(false);
    expect(holds("value.garage != 'Nordre' || value.free > 100", garage)).toBe(true);
    expect(holds('!(value.free >= 7) || value.open == false', garage)).toBe(false);
    expect(holds('value.free <= 7 && value.free >= 7 && value.free > 6.5', garage)).toBe(true);
    expect(holds('value.owner == null && value.missing == null', garage)).toBe(true);
    expect(holds('value.free == -7 || value.free == 7e0', garage)).toBe(true);
    expect(holds('true && !false', garage)).toBe(true);
  });

  it('walks dotted paths and [index] / ["quoted key"], and reads key, headers, partition, offset, timestamp', () => {
    expect(holds('value.levels[1].free == 4', garage)).toBe(true);
    expect(holds('value.levels[2].free == null', garage)).toBe(true);
    expect(holds('value["odd key"] == 1', garage)).toBe(true);
    expect(holds('key == "k1" && headers.source == "sensor" && partition == 2 && offset > 40 && timestamp >= 1700000000000', garage)).toBe(true);
    expect(holds('value == "plain"', 'plain')).toBe(true);
    expect(holds('value[0] == 1', [1, 2])).toBe(true);
  });

  it('is strict about types: no coercion, ordering only between numbers or between strings', () => {
    expect(holds('value.free == "7"', garage)).toBe(false);
    expect(holds('value.garage < 5', garage)).toBe(false);
    expect(holds('value.garage < "L"', garage)).toBe(true);
    expect(holds('value.levels == null', garage)).toBe(false);
    expect(holds('value.open', garage)).toBe(true);
    expect(holds('value.owner', garage)).toBe(false);
  });

  it('never reaches a prototype: __proto__, constructor and inherited members are data or nothing', () => {
    expect(holds('value.constructor == null', {})).toBe(true);
    expect(holds('value.toString == null && value.__proto__ == null && value.hasOwnProperty == null', {})).toBe(true);
    expect(holds('value.constructor.name == null', {})).toBe(true);
    expect(holds('value.length == null', 'text')).toBe(true);
    expect(holds('value.length == null', [1, 2])).toBe(true);
    expect(holds('value["__proto__"].polluted == null', JSON.parse('{"__proto__": {"polluted": 1}}'))).toBe(false);
    // JSON.parse makes "__proto__" an own data property: it is the data, not Object.prototype
    expect(holds('value.__proto__.polluted == 1', JSON.parse('{"__proto__": {"polluted": 1}}'))).toBe(true);
    expect(holds('headers.constructor == null', {}, { headers: Object.create(null) as Record<string, string> })).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses names other than the record fields, and anything that is not the language', () => {
    expect(() => parseExpression('process.exit(1)')).toThrow(/unknown name "process"/);
    expect(() => parseExpression('value.a == 1; value.b')).toThrow(/unexpected ";"/);
    expect(() => parseExpression('value.a = 1')).toThrow(/unexpected "="/);
    expect(() => parseExpression('value.f()')).toThrow(/expected/);
    expect(() => parseExpression('value.a == `x`')).toThrow(/unexpected "`"/);
    expect(() => parseExpression('value.a ==')).toThrow(/expected a value.*at character 11/);
    expect(() => parseExpression('(value.a == 1')).toThrow(/expected "\)"/);
    expect(() => parseExpression('value[-1] == 1')).toThrow(/index/);
    expect(() => parseExpression('value.a == "open')).toThrow(/unterminated string/);
    expect(() => parseExpression('value.a == "\\q"')).toThrow(/unknown escape/);
    expect(() => parseExpression('   ')).toThrow(/is empty/);
  });

  it('fails fast on hostile input: deep nesting, long paths, huge text', () => {
    const deep = '('.repeat(MAX_DEPTH + 1) + 'true' + ')'.repeat(MAX_DEPTH + 1);
    expect(() => parseExpression(deep)).toThrow(/nested more than 64/);
    expect(() => parseExpression('!'.repeat(5000) + 'true')).toThrow(/nested more than 64|longer/);
    expect(parseExpression('('.repeat(MAX_DEPTH) + 'true' + ')'.repeat(MAX_DEPTH))).toEqual({ type: 'literal', value: true });
    expect(() => parseExpression('value' + '.a'.repeat(100) + ' == 1')).toThrow(/path longer than 64/);
    const started = Date.now();
    expect(() => parseExpression(`value.a == "${'x'.repeat(1_000_000)}"`)).toThrow(/longer than 10000 characters/);
    expect(() => parseExpression('value.a == 1 && '.repeat(700) + 'true')).toThrow(/longer than 10000/);
    expect(Date.now() - started).toBeLessThan(500);
    const long = parseExpression(`value.a == "${'y'.repeat(9000)}"`);
    expect(evaluate(long, record({ a: 'y'.repeat(9000) }))).toBe(true);
    // the longest flat chain that fits evaluates without a stack problem
    const chain = parseExpression(Array.from({ length: 500 }, (_, i) => `value.n!=${i + 1}`).join('&&'));
    expect(evaluate(chain, record({ n: 0 }))).toBe(true);
  });

  it('reports which fields it reads, and the strings a matching JSON value must contain', () => {
    const tree = parseExpression('value.garage == "Kyrre" && (value.free < 10 || key == "x") && "Nordre" == value.other');
    expect([...rootsOf(tree)].sort()).toEqual(['key', 'value']);
    expect(requiredValueStrings(tree)).toEqual(['Kyrre', 'Nordre']);
    expect(requiredValueStrings(parseExpression('value.a == "x" || value.b == "y"'))).toEqual([]);
    expect(requiredValueStrings(parseExpression('!(value.a == "x")'))).toEqual([]);
    expect(requiredValueStrings(parseExpression('value == "x"'))).toEqual([]);
  });
});
