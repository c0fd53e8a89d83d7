// The Avro types of a registered schema, as the decoder and the encoder both read them: named
// types of referenced schemas parsed first into one registry, unions wrapped (a branch is named),
// and longs exact.
import type * as avro from 'avsc';
import { avsc } from './codec-packages';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import type { ResolvedReference } from './schema-references';

/**
 * An exact long: avsc hands its 8 bytes (little-endian two's complement) to these. A long that a
 * double holds exactly (|n| < 2^53) is read as a number, without a BigInt; a larger one as a bigint.
 * Written from a bigint. Made at the first schema, not when this module loads: a search worker
 * that decodes no Avro never loads avsc (scripts/bundle-search-worker.mjs).
 */
let exactLongType: avro.Type | null = null;
const exactLong = (): avro.Type => (exactLongType ??= makeExactLong());

const makeExactLong = (): avro.Type =>
  avsc().types.LongType.__with({
    fromBuffer: (buf: Buffer) => {
      const high = buf.readInt32LE(4);
      return high >= -0x200000 && high < 0x200000 ? high * 0x100000000 + buf.readUInt32LE(0) : buf.readBigInt64LE();
    },
    toBuffer: (n: bigint) => {
      const buf = Buffer.alloc(8);
      buf.writeBigInt64LE(n);
      return buf;
    },
    fromJSON: (n: number | string) => BigInt(n),
    toJSON: (n: bigint) => Number(n),
    isValid: (n: unknown) => typeof n === 'bigint',
    compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
  });

export function avroType(schema: RegisteredSchema, references: readonly ResolvedReference[]): avro.Type {
  const long = exactLong();
  const registry: Record<string, avro.Type> = { long };
  // `"long"` finds the registry's; `{ "type": "long", … }` (a logical type on a long) asks the hook.
  const typeHook = (s: avro.Schema): avro.Type | undefined => (typeof s === 'object' && (s as { type?: unknown }).type === 'long' ? long : undefined);
  const opts = { registry, wrapUnions: true, typeHook } as const;
  for (const ref of references) avsc().Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, opts);
  return avsc().Type.forSchema(JSON.parse(schema.schema) as avro.Schema, opts);
}
