// Where the main process finds its @platformatic/kafka: the built app carries the package as one CommonJS file,
// out/main/platformatic-kafka.js (scripts/bundle-search-worker.mjs), with ajv's validators compiled at first use. From
// node_modules the health poll's first round loaded ~150 of its files through Node's ES module loader (0.5 s of CPU; 1-2.5 s
// on a busy machine) while `serve`'s first page waited behind it (bench/coldstart); the bundle loads in about 0.12 s.
import { existsSync } from 'node:fs';
import path from 'node:path';

const BUNDLE_NAME = 'platformatic-kafka.js';

/**
 * The bundle beside the main build's entry (the code here runs from one of its chunks, a folder below it), or null
 * when running from the TypeScript sources (vitest, development), where the package is loaded from node_modules.
 */
export function platformaticKafkaBundle(): string | null {
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const candidate = path.join(dir, BUNDLE_NAME);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
