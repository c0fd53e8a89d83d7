// The schema codecs' packages (avsc, protobufjs, ajv) loaded at the first schema that needs them, never when the back
// end is imported: `streamdesk serve` loaded all three (about 0.1 s of CPU) before its first page, which decodes
// nothing (bench/coldstart). Modules import their types only and reach their values through here. (The search
// worker's bundle makes avsc and protobufjs lazy stand-ins of its own: scripts/bundle-search-worker.mjs.)
/* eslint-disable @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start */
import { loadedOnce } from '@main/core/loaded-once';

/** avsc, loaded on the first call. */
export const avsc = loadedOnce(() => require('avsc') as typeof import('avsc'));

/** protobufjs, loaded on the first call. */
export const protobufjs = loadedOnce(() => require('protobufjs') as typeof import('protobufjs'));

/** ajv, loaded on the first call. */
export const ajvPackage = loadedOnce(() => require('ajv') as typeof import('ajv'));
