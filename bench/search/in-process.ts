/**
 * bench/search, in-process half: the search service as the app runs it — a process that is
 * already up, with its worker pool warm — timed from `start` to the final progress event.
 * Bundled and run by run.mjs; prints one JSON line per timed run.
 */
import { Worker } from 'node:worker_threads';
import { SearchArgs, type SearchFilter } from '@shared/messages';
import { SearchService } from '@main/services/messages/search-service';
import { WorkerPool } from '@main/services/messages/worker-pool';

const [bootstrap, topic, workerFile, runsText, ...filters] = process.argv.slice(2);
const target = { brokers: bootstrap.split(',') };
// The Avro case: records decoded through this registry (run.mjs sets it), with no override.
const registry = process.env.BENCH_SCHEMA_REGISTRY;
const service = new SearchService(() => target, {
  pool: new WorkerPool(() => new Worker(workerFile)),
  ...(registry ? { decode: () => ({ registry: { url: registry }, settings: { key: { mode: 'auto' }, value: { mode: 'auto' } } }) } : {}),
});

async function scan(filter: SearchFilter, from: SearchArgs['from'] = { kind: 'beginning' }) {
  const started = process.hrtime.bigint();
  let matched = 0;
  const running = await service.start(SearchArgs.parse({ topic, from, filter, maxMatches: 10_000_000 }), {
    progress: () => {},
    matches: (batch) => void (matched += batch.records.length),
  });
  const final = await running.finished;
  if (final.error) throw new Error(final.error);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, scanned: final.scanned, matched };
}

const named: Record<string, SearchFilter> = Object.fromEntries(
  filters.map((text) => [text, text.startsWith('contains:') ? { value: { mode: 'contains', pattern: text.slice('contains:'.length) } } : { expression: text }]),
);
async function main() {
  // Warm-up: the workers load the Kafka client once, as they do when the app starts its first search.
  await scan({}, { kind: 'end', count: 1 });
  for (let run = 0; run < Number(runsText); run++) {
    for (const [name, filter] of Object.entries(named)) console.log(JSON.stringify({ run, name, ...(await scan(filter)) }));
  }
  await service.close();
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
