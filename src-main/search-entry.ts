// `streamdesk search` as a program of its own: bin/streamdesk.js runs this file's bundle
// (out/main/search-cli.js, scripts/bundle-search-worker.mjs) for `search`, so the search loads only
// what it needs — not cli.ts with the other commands, their kafkajs and the whole contract.
import { runSearch } from './cli-search';
import { searchDecode, searchTarget } from './cli-search-setup';
import { exitWhenFlushed } from './core/exit-when-flushed';

async function main(argv: string[]): Promise<number> {
  return runSearch(argv, searchTarget(argv), process.stdout, process.stderr, searchDecode(argv));
}

// argv: node, the script, "search", then the search's own arguments
main(process.argv.slice(3)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    // as cli.ts ends a command that threw (a profile store that cannot be read, …)
    console.error(`streamdesk: ${error instanceof Error ? error.message : String(error)}`);
    return exitWhenFlushed(1);
  },
);
