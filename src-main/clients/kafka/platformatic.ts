// @platformatic/kafka loaded at first use, never when the back end is imported. Its index compiles the JSON schemas of
// its clients' options with ajv as it loads (about 1 s of CPU on a quiet machine, 7 s at load 24: most of what
// `streamdesk serve` did before it answered). Modules import its types only and reach its values through here.

type PlatformaticKafka = typeof import('@platformatic/kafka');

let whole: PlatformaticKafka | null = null;
let beforeLoad: (() => void) | null = null;

/** The whole package (clients, enumerations, every API), loaded on the first call. */
export function platformaticKafka(): PlatformaticKafka {
  if (whole) return whole;
  beforeLoad?.();
  // A plain require so that each bundler keeps its way: the main build leaves it to Node (require of an ES module), the
  // search worker's esbuild bundle takes the package in (with its lazy ajv) and runs it at this call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start
  whole = require('@platformatic/kafka') as PlatformaticKafka;
  return whole;
}

/** Whether the whole package has been loaded (then its own objects serve the raw protocol too). */
export function platformaticKafkaLoaded(): PlatformaticKafka | null {
  return whole;
}

/** Work to do before the package first loads (kafka-wire.ts: its validators compiled at first use, in the main process). */
export function beforePlatformaticKafkaLoads(step: () => void): void {
  beforeLoad = step;
}

type DynamicBufferClass = typeof import('@platformatic/dynamic-buffer').DynamicBuffer;
let dynamicBuffer: DynamicBufferClass | null = null;

/**
 * CRC-32C of `bytes` read in place. The client's crc32c copies a Buffer it is given (`new Uint8Array(data)`, a
 * fresh allocation of every batch's size) before the native sum, which took three times the sum itself
 * (bench/ingest); a DynamicBuffer of one chunk it reads as it is.
 */
export function crc32cInPlace(bytes: Buffer): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the client, never at start
  dynamicBuffer ??= (require('@platformatic/dynamic-buffer') as typeof import('@platformatic/dynamic-buffer')).DynamicBuffer;
  return platformaticKafka().crc32c(new dynamicBuffer(bytes));
}
