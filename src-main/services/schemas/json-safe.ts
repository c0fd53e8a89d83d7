// Values every layer can carry as JSON, rendered the same way for every format:
// 64-bit integers as numbers when they fit in a double exactly (|n| <= 2^53 - 1), else as decimal
// strings; bytes (Avro bytes and fixed, Protobuf bytes) as standard base64 with padding; floats that
// JSON cannot hold (NaN, ±Infinity) as the strings "NaN", "Infinity", "-Infinity".
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

export function longToJson(n: bigint | string | number): number | string {
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n; // most longs: no BigInt made
  const big = typeof n === 'bigint' ? n : BigInt(n);
  return big <= MAX_SAFE && big >= MIN_SAFE ? Number(big) : big.toString();
}

export function floatToJson(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

export function bytesToJson(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
