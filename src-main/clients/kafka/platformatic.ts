// @platformatic/kafka loaded at first use, never when the back end is imported. Its index compiles the JSON schemas of
// its clients' options with ajv as it loads (about 1 s of CPU on a quiet machine, 7 s at load 24: most of what
// `streamdesk serve` did before it answered). Modules import its types only and reach its values through here.

type PlatformaticKafka = typeof import('@platformatic/kafka');

let whole: PlatformaticKafka | null = null;
let beforeLoad: (() => void) | null = null;
let bundleFile: string | null = null;

/** The whole package (clients, enumerations, every API), loaded on the first call. */
export function platformaticKafka(): PlatformaticKafka {
  if (whole) return whole;
  // the main process's bundle of the package (platformatic-bundle.ts): one file, its validators already lazy
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start
  if (bundleFile) return (whole = require(bundleFile) as PlatformaticKafka);
  beforeLoad?.();
  // A plain require so that each bundler keeps its way: from the sources it is Node's (require of an ES module), the
  // search worker's esbuild bundle takes the package in (with its lazy ajv) and runs it at this call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start
  whole = require('@platformatic/kafka') as PlatformaticKafka;
  return whole;
}

/** Loads the package from this prebuilt bundle instead (the main process's, when the build made one). */
export function loadPlatformaticKafkaFrom(file: string): void {
  bundleFile = file;
}

/** Whether the whole package has been loaded (then its own objects serve the raw protocol too). */
export function platformaticKafkaLoaded(): PlatformaticKafka | null {
  return whole;
}

/** Work to do before the package first loads (kafka-wire.ts: its validators compiled at first use, in the main process). */
export function beforePlatformaticKafkaLoads(step: () => void): void {
  beforeLoad = step;
}

/**
 * CRC-32C of `bytes` read in place. The client's crc32c copies a Buffer it is given (`new Uint8Array(data)`, a
 * fresh allocation of every batch's size) before the native sum, which took three times the sum itself
 * (bench/ingest); a DynamicBuffer of one chunk it reads as it is. The DynamicBuffer must be the client's own class
 * (its Reader makes one): it recognises its buffers by a Symbol of its module, and the built app's bundle of the
 * client has its own copy of that module.
 */
export function crc32cInPlace(bytes: Buffer): number {
  const { crc32c, Reader } = platformaticKafka();
  return crc32c(Reader.from(bytes).buffer);
}
