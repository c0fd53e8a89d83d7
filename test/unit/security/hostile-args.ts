// Hostile arguments for every contract call, derived from the contract itself (zod → JSON
// Schema → fast-check), so a call added tomorrow is covered without touching the tests.
import fc from 'fast-check';
import { z } from 'zod';
import { calls, type CallName } from '@shared/contract';

/** The subset of JSON Schema that z.toJSONSchema emits for our argument schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
}

export function argsSchema(name: CallName): JsonSchema {
  return z.toJSONSchema(calls[name].args, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Strings that have broken parsers, paths, shells, SQL, HTML and terminals before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/',
  '%2e%2e%2f',
  '\u0000',
  'a\u0000b',
  '\u202eevil',
  '💥🔥🧨',
  'Ω≈ç√∫',
  '𝕿𝖍𝖊',
  'ｆｕｌｌｗｉｄｔｈ',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "'; DROP TABLE topics; --",
  '$(touch /tmp/streamdesk-pwned)',
  '`id`',
  '{"__proto__":{"polluted":true}}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '\r\nInjected-Header: 1',
  '%s%s%s%n',
];

/** Names Kafka, Flink and our own stores would accept: the "valid-looking but unknown" case. */
const plausibleName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/).map((name) => `zz-hostile-${name}`);

function clampLength(value: string, schema: JsonSchema): string {
  let text = value;
  if (schema.maxLength !== undefined && text.length > schema.maxLength) text = text.slice(0, schema.maxLength);
  while (text.length < (schema.minLength ?? 0)) text += 'x';
  return text;
}

function hostileString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern).filter((text) => text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? Infinity));
  }
  const huge = Math.min(schema.maxLength ?? 100_000, 100_000);
  return fc
    .oneof(
      { weight: 3, arbitrary: plausibleName },
      { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constantFrom('x', '€', '𝕏').map((unit) => unit.repeat(huge)) },
    )
    .map((text) => clampLength(text, schema));
}

function numberBounds(schema: JsonSchema): { min: number; max: number } {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1e-9 : -Number.MAX_SAFE_INTEGER);
  return { min, max: schema.maximum ?? Number.MAX_SAFE_INTEGER };
}

/** Values the schema allows, picked from its edges and from hostile text. */
export function validArb(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => validArb(alternative, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => validArb({ ...schema, type }, depth)));
  switch (schema.type) {
    case 'string':
      return hostileString(schema);
    case 'integer': {
      const { min, max } = numberBounds(schema);
      const low = Math.ceil(Math.max(min, -Number.MAX_SAFE_INTEGER));
      const high = Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER));
      return fc.oneof(fc.constantFrom(low, high), fc.integer({ min: Math.max(low, -(2 ** 31)), max: Math.min(high, 2 ** 31 - 1) }));
    }
    case 'number': {
      const { min, max } = numberBounds(schema);
      return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? validArb(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 2 }), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object':
      return objectArb(schema, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 }); // an unrepresentable (refined, transformed) value: anything
  }
}

function objectArb(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validArb(value, depth + 1)]));
  const fixed = fc.record(model, { requiredKeys: schema.required ?? [] });
  if (typeof schema.additionalProperties !== 'object') return fixed;
  const keys = schema.propertyNames
    ? hostileString({ ...schema.propertyNames, maxLength: Math.min(schema.propertyNames.maxLength ?? 100, 100) })
    : plausibleName;
  const extra = fc.dictionary(keys, validArb(schema.additionalProperties, depth + 1), { maxKeys: 3 });
  return fc.tuple(fixed, extra).map(([known, more]) => ({ ...more, ...known }));
}

/** A value of a JSON type the schema does not allow (none when it allows anything). */
function wrongTypeArb(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const allowed = new Set<string>();
  const collect = (part: JsonSchema) => {
    for (const alternative of part.anyOf ?? part.oneOf ?? []) collect(alternative);
    if (part.const !== undefined) allowed.add(part.const === null ? 'null' : typeof part.const);
    if (part.enum) for (const value of part.enum) allowed.add(value === null ? 'null' : typeof value);
    for (const type of [part.type].flat()) if (type) allowed.add(type === 'integer' ? 'number' : type);
  };
  collect(schema);
  if (allowed.size === 0) return null;
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (!allowed.has('string')) candidates.push(fc.constantFrom(...NASTY_STRINGS.filter(Boolean)));
  if (!allowed.has('number')) candidates.push(fc.constantFrom(-1, 0, 1e308, -Number.MAX_VALUE, 2 ** 53 + 2));
  if (!allowed.has('boolean')) candidates.push(fc.boolean());
  if (!allowed.has('null')) candidates.push(fc.constant(null));
  if (!allowed.has('array')) candidates.push(fc.constant([]), fc.constant(['x']));
  if (!allowed.has('object')) candidates.push(fc.constant({}), fc.constant({ nested: { deeper: 1 } }));
  return candidates.length > 0 ? fc.oneof(...candidates) : null;
}

/** A value of the right JSON type that breaks a bound: too long, too small, not an integer, not in the enum. */
function outOfRangeArb(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  if (schema.anyOf || schema.oneOf) return null;
  if (schema.enum) return fc.constantFrom('unknown-value', 'NONE', '', '__proto__').filter((value) => !schema.enum!.includes(value));
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) return fc.constant('y'.repeat(schema.maxLength + 1));
    if (schema.pattern) return fc.constantFrom(...NASTY_STRINGS).filter((text) => !new RegExp(schema.pattern!).test(text));
    if ((schema.minLength ?? 0) > 0) return fc.constant('');
    return null;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const options: unknown[] = [];
    if (schema.minimum !== undefined) options.push(schema.minimum - 1, ...(schema.minimum > -1e15 ? [-1e15] : []));
    if (schema.exclusiveMinimum !== undefined) options.push(schema.exclusiveMinimum);
    if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) options.push(schema.maximum + 1, 1e300);
    if (schema.type === 'integer') options.push(1.5);
    return options.length > 0 ? fc.constantFrom(...options) : null;
  }
  if (schema.type === 'array' && schema.minItems) return fc.constant([]);
  return null;
}

export interface BrokenArgs {
  args: unknown;
  /** The field that was broken (its path as the error message must name it), or null for the whole argument. */
  field: string | null;
  how: string;
}

/**
 * Arguments that must be refused, each with the field whose value makes them wrong: the whole
 * argument of the wrong type, an unknown extra field, a required field missing, a field of the
 * wrong type, a field out of its range. Other fields carry hostile but allowed values.
 */
export function brokenArb(schema: JsonSchema, nested = false, alternativeOfUnion = false): fc.Arbitrary<BrokenArgs> {
  const rootWrong = fc
    .oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(0, -1, 1e308), fc.boolean(), fc.constant([]), fc.constant([{}]))
    .map((args): BrokenArgs => ({ args, field: null, how: 'not an object' }));
  const branches: fc.Arbitrary<BrokenArgs>[] = nested ? [] : [rootWrong];
  // A union of argument shapes (profiles:test takes an id or a whole profile): break each shape.
  for (const alternative of schema.anyOf ?? []) if (alternative.type === 'object') branches.push(brokenArb(alternative, true, true));
  const object = schema.anyOf ? null : schema;
  if (object?.type === 'object') {
    const base = validArb(object) as fc.Arbitrary<Record<string, unknown>>;
    if (object.additionalProperties === false) {
      const key = fc.constantFrom('__proto__', 'constructor', 'sneaky', 'évil💥', 'x'.repeat(5000)).filter((name) => !(name in (object.properties ?? {})));
      branches.push(
        fc.tuple(base, key, fc.jsonValue({ maxDepth: 1 })).map(([args, name, value]): BrokenArgs => {
          const copy = { ...args };
          Object.defineProperty(copy, name, { value, enumerable: true, configurable: true, writable: true });
          return { args: copy, field: name.length > 80 ? `${name.slice(0, 77)}...` : name, how: 'unknown field' };
        }),
      );
    }
    // Without its required field, a union alternative is just "none of the shapes": which field is missing is a guess.
    for (const key of alternativeOfUnion ? [] : (object.required ?? [])) {
      if (object.properties?.[key]?.default !== undefined) continue;
      branches.push(
        base.map((args): BrokenArgs => {
          const copy = { ...args };
          delete copy[key];
          return { args: copy, field: key, how: 'missing' };
        }),
      );
    }
    for (const [key, property] of Object.entries(object.properties ?? {})) {
      for (const [how, bad] of [
        ['wrong type', wrongTypeArb(property)],
        ['out of range', outOfRangeArb(property)],
      ] as const) {
        if (!bad) continue;
        branches.push(fc.tuple(base, bad).map(([args, value]): BrokenArgs => ({ args: { ...args, [key]: value }, field: key, how })));
      }
      if (property.type === 'object' && property.properties) {
        const inner = brokenArb(property, true);
        branches.push(
          fc.tuple(base, inner).map(([args, broken]): BrokenArgs => ({
            args: { ...args, [key]: broken.args },
            field: broken.field ? `${key}.${broken.field}` : key,
            how: `${key}: ${broken.how}`,
          })),
        );
      }
    }
  }
  return fc.oneof(...branches);
}

/** True when `message` reports a problem with `field` (at that path or under it). */
export function namesField(message: string, field: string): boolean {
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[:;] )${escaped}[.:]`).test(message);
}

/** fc.assert with failure reports cut short: counterexamples may hold 200 kB strings. */
export async function assertProperty<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  await fc.assert(property, {
    numRuns,
    asyncReporter: async (details) => {
      if (!details.failed) return;
      const cause = details.errorInstance instanceof Error ? `\n${details.errorInstance.message}` : '';
      const report = `${(await fc.asyncDefaultReportMessage(details)) ?? 'property failed'}${cause}`;
      throw new Error(report.replace(/(.)\1{200,}/g, (run, char: string) => `${char.repeat(20)}…(${run.length}×)`).slice(0, 6000));
    },
  });
}
