// What an encoder throws when a JSON value does not fit its schema: where (the path inside the
// value, e.g. ['location', 'lat']) and what is wrong, so the caller can name the field
// (`value.location.lat: required`) as an invalidField issue.
export type ValuePath = (string | number)[];

export class ValueMismatch extends Error {
  readonly path: ValuePath;

  /** `path` is copied: the encoders walk with one path they push to and pop from, to allocate nothing per field. */
  constructor(
    path: ValuePath,
    readonly problem: string,
  ) {
    super(path.length > 0 ? `${path.join('.')}: ${problem}` : problem);
    this.name = 'ValueMismatch';
    this.path = [...path];
  }
}

/** `walk(value)` with `key` pushed on the path, popped again after (not after a throw: the error has copied it). */
export function under<T>(path: ValuePath, key: string | number, walk: () => T): T {
  path.push(key);
  const out = walk();
  path.pop();
  return out;
}

/** A JSON value as a message shows it: strings quoted (and cut short), containers by their kind. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

export function expected(path: ValuePath, what: string, value: unknown): ValueMismatch {
  return new ValueMismatch(path, `expected ${what}, got ${shown(value)}`);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes are written in JSON as standard base64 with padding (as json-safe.ts renders them). */
export function base64Bytes(path: ValuePath, value: unknown): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) throw expected(path, 'bytes as base64', value);
  return Buffer.from(value, 'base64');
}

const DECIMAL = /^-?\d{1,20}$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A 64-bit integer: a whole number a double holds exactly, or a decimal string (how json-safe.ts renders larger ones). */
export function int64(path: ValuePath, value: unknown, unsigned = false): bigint {
  let big: bigint | null = null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
  else if (typeof value === 'string' && DECIMAL.test(value)) big = BigInt(value);
  const [min, max] = unsigned ? [0n, 2n ** 64n - 1n] : [INT64_MIN, INT64_MAX];
  if (big === null || big < min || big > max) throw expected(path, unsigned ? 'an unsigned 64-bit integer' : 'a 64-bit integer', value);
  return big;
}

/** A float: a number, or the strings json-safe.ts writes for what JSON cannot hold. */
export function float(path: ValuePath, value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  throw expected(path, what, value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
