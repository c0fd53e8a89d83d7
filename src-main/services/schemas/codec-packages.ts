// The schema codecs' packages (avsc, protobufjs, ajv) loaded at the first schema that needs them, never when the back
// end is imported: `streamdesk serve` loaded all three (about 0.1 s of CPU) before its first page, which decodes
// nothing (bench/coldstart). Modules import their types only and reach their values through here. (The search
// worker's bundle makes avsc and protobufjs lazy stand-ins of its own: scripts/bundle-search-worker.mjs.)
/* eslint-disable @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start */

type Avsc = typeof import('avsc');
type Protobufjs = typeof import('protobufjs');
type AjvPackage = typeof import('ajv');

let avscLoaded: Avsc | null = null;
let protobufjsLoaded: Protobufjs | null = null;
let ajvLoaded: AjvPackage | null = null;

/** avsc, loaded on the first call. */
export function avsc(): Avsc {
  return (avscLoaded ??= require('avsc') as Avsc);
}

/** protobufjs, loaded on the first call. */
export function protobufjs(): Protobufjs {
  return (protobufjsLoaded ??= require('protobufjs') as Protobufjs);
}

/** ajv, loaded on the first call. */
export function ajvPackage(): AjvPackage {
  return (ajvLoaded ??= require('ajv') as AjvPackage);
}
