// The search worker as one file, after `electron-vite build` (npm run build): out/main/search-worker.js
// with @platformatic/kafka bundled in. electron-vite leaves packages external, and a worker that
// loaded @platformatic/kafka as an ES module from node_modules spent most of its start (1.5-3 s of
// `streamdesk search` on a busy 2-core machine; node --cpu-prof) resolving and linking its ~300
// files and compiling ajv validators of options it never passes. Bundled, with those validators
// compiled at first use (search-worker/lazy-ajv-2020.mjs), a worker starts several times faster
// (bench/search; README). avsc and protobufjs stay external (CommonJS, loaded as they are).
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));

await require('esbuild').build({
  entryPoints: [path.join(root, 'src-main', 'services', 'messages', 'search-worker.ts')],
  outfile: path.join(root, 'out', 'main', 'search-worker.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['avsc', 'protobufjs', 'electron'],
  tsconfig: path.join(root, 'tsconfig.node.json'),
  // @platformatic/kafka finds its wasm and optional native crc32c from import.meta.url: in one
  // CommonJS file that is where @platformatic/wasm-utils lives (the wasm sits in its dist/)
  define: { 'import.meta.url': '__packageUrl' },
  banner: { js: `var __packageUrl = require('node:url').pathToFileURL(require.resolve('@platformatic/wasm-utils')).href;` },
  plugins: [
    {
      name: 'lazy-ajv',
      setup(build) {
        build.onResolve({ filter: /^ajv\/dist\/2020\.js$/ }, () => ({ path: path.join(root, 'scripts', 'search-worker', 'lazy-ajv-2020.mjs') }));
      },
    },
  ],
  // a worker compiles the whole file as it starts: whitespace and syntax minified, names kept for stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
