// kafkajs loaded at first use, never when the back end is imported: `streamdesk serve`'s first page and the health
// poll's first round need none of it (they speak Kafka's protocol through kafka-wire.ts), and loading its ~100 files
// was 0.14 s of serve's CPU before the Overview's tiles were live (bench/coldstart). Modules import its types only and
// reach its values through here.
import { loadedOnce } from '@main/core/loaded-once';

/** The kafkajs package, loaded on the first call. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start
export const kafkajs = loadedOnce(() => require('kafkajs') as typeof import('kafkajs'));
