/**
 * `load` run at the first call of the function returned, and its answer kept: for packages loaded at first use, never
 * when the back end is imported (`streamdesk serve` loaded them before its first page: bench/coldstart). The call
 * sites keep their `require('name')` literal, so that each bundler still sees the package.
 */
export function loadedOnce<T>(load: () => T): () => T {
  let loaded: { value: T } | null = null;
  return () => (loaded ??= { value: load() }).value;
}
