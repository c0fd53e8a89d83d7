// A CommonJS package that loads at its first use (scripts/bundle-search-worker.mjs): what the
// bundle imports is this stand-in, which requires the real package when a property of it is
// first read. It says it is not an ES module and lists no keys, so the bundler's import helper
// (__toESM) neither loads the package nor copies its exports while the bundle starts.
export default function lazyPackage(load) {
  let real = null;
  const loaded = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => (key === '__esModule' ? undefined : loaded()[key]),
      has: (_, key) => key in loaded(),
      ownKeys: () => [],
    },
  );
}
