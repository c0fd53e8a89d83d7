// The bundles made after `electron-vite build` (npm run build): the search's two, and the main process's
// @platformatic/kafka.
//
// out/main/search-worker.js, the search worker with @platformatic/kafka bundled in. electron-vite
// leaves packages external, and a worker that loaded @platformatic/kafka as an ES module from
// node_modules spent most of its start (1.5-3 s of `streamdesk search` on a busy 2-core machine;
// node --cpu-prof) resolving and linking its ~300 files and compiling ajv validators of options it
// never passes. Bundled, with those validators compiled at first use (search-worker/lazy-ajv-2020.mjs)
// by an ajv bundled too, a worker starts several times faster (bench/search; README). avsc and
// protobufjs stay outside (CommonJS, loaded as they are) and load at their first use only
// (search-worker/lazy-package.mjs): a search that decodes no Avro or Protobuf never reads them.
//
// out/main/search-cli.js, the command itself (src-main/search-entry.ts), which bin/streamdesk.js
// runs for `search`: zod inside (its ~100 files resolved and read one by one were most of the
// command's start), kafkajs and the other commands not at all (the profiles' connection test, the
// only path to kafkajs here, is loaded lazily and never runs).
//
// out/main/platformatic-kafka.js, @platformatic/kafka as one CommonJS file with the same lazy ajv,
// which the app and `serve` load instead of the package (src-main/clients/kafka/platformatic-bundle.ts):
// the health poll's first round loaded ~150 of the package's files through Node's ES module loader
// (0.5 s of CPU, 1-2.5 s at load 12, while the first page waited behind it: bench/coldstart), and the
// metrics sampler's first round the rest; the bundle loads in about 0.12 s of CPU.
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));
const esbuild = require('esbuild');
const LAZY_AJV = path.join(root, 'scripts', 'search-worker', 'lazy-ajv-2020.mjs');
const LAZY_PACKAGE = path.join(root, 'scripts', 'search-worker', 'lazy-package.mjs');
const LAZY = ['avsc', 'protobufjs'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  tsconfig: path.join(root, 'tsconfig.node.json'),
  // each thread compiles its whole file as it starts: whitespace and syntax minified, names kept for stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

/** `avsc` and `protobufjs` as stand-ins that require the real package at the first property read. */
const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    build.onResolve({ filter: /^(avsc|protobufjs)$/ }, (args) =>
      args.namespace === 'lazy-package' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-package' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, async (args) => ({
      contents: `module.exports = require(${JSON.stringify(LAZY_PACKAGE)}).default(() => require(${JSON.stringify(args.path)}));`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/** What bundling @platformatic/kafka takes: its files' import.meta.url, and ajv's validators compiled at first use. */
const withPlatformaticKafka = {
  // @platformatic/kafka finds its wasm and optional native crc32c from import.meta.url: in one
  // CommonJS file that is where @platformatic/wasm-utils lives (the wasm sits in its dist/)
  define: { 'import.meta.url': '__packageUrl' },
  banner: { js: `var __packageUrl = require('node:url').pathToFileURL(require.resolve('@platformatic/wasm-utils')).href;` },
  plugins: [
    {
      name: 'lazy-ajv',
      setup(build) {
        // every import of ajv's 2020 build but the stand-in's own
        build.onResolve({ filter: /^ajv\/dist\/2020\.js$/ }, (args) => (args.importer === LAZY_AJV ? undefined : { path: LAZY_AJV }));
      },
    },
  ],
};

await esbuild.build({
  ...common,
  ...withPlatformaticKafka,
  entryPoints: [path.join(root, 'src-main', 'services', 'messages', 'search-worker.ts')],
  outfile: path.join(root, 'out', 'main', 'search-worker.js'),
  external: ['electron'],
  plugins: [...withPlatformaticKafka.plugins, lazyPackages],
});

await esbuild.build({
  ...common,
  ...withPlatformaticKafka,
  stdin: { contents: "module.exports = require('@platformatic/kafka');", resolveDir: root, loader: 'js', sourcefile: 'platformatic-kafka.js' },
  outfile: path.join(root, 'out', 'main', 'platformatic-kafka.js'),
  // its Confluent registry's serdes import avsc: loaded at the client's first use, that was 0.1-0.17 s of serve's first
  // health round (bench/coldstart); the main process's own codecs load it when a schema needs it
  plugins: [...withPlatformaticKafka.plugins, lazyPackages],
});

await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'src-main', 'search-entry.ts')],
  outfile: path.join(root, 'out', 'main', 'search-cli.js'),
  // the worker loader's esbuild serves the TypeScript sources only (tests); the rest never runs on this thread
  external: ['electron', 'esbuild', 'kafkajs', '@platformatic/kafka', ...LAZY],
});
