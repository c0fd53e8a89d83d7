import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the search worker. A worker needs JavaScript on disk: in the built app that is
 * `search-worker.js`, an entry of the main build next to (or one folder above) the bundle
 * holding this code. Running from the TypeScript sources (vitest, development) there is no such
 * file, so the worker's source is bundled once with esbuild — the compiler vite already uses —
 * and started from memory, resolving packages from the app's node_modules.
 */

const BUILT_NAME = 'search-worker.js';
let devBundle: string | null = null;

function builtWorker(): string | null {
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const candidate = path.join(dir, BUILT_NAME);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function appRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function bundleFromSource(): string {
  if (devBundle) return devBundle;
  const source = path.join(__dirname, 'search-worker.ts');
  if (!existsSync(source))
    throw new Error(`the search worker is missing: neither ${BUILT_NAME} nor ${source} exists (was the main build configured with the search-worker entry?)`);
  const root = appRoot();
  // Loaded only here, at run time, so a bundler never pulls esbuild into the app.
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as typeof import('esbuild');
  const built = esbuild.buildSync({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // the path aliases (@shared/…, @main/…) are tsconfig paths: resolved here, before the
    // packages are left external (they would look like scoped packages otherwise)
    tsconfig: path.join(root, 'tsconfig.node.json'),
    write: false,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0].text;
  // `require` and `__filename` as a module at the app root would see them, so packages resolve.
  const anchor = JSON.stringify(path.join(root, 'package.json'));
  devBundle = `(function (require, __filename) {\n${code}\n})(require('node:module').createRequire(${anchor}), ${anchor});`;
  return devBundle;
}

export function startSearchWorker(): Worker {
  const built = builtWorker();
  return built ? new Worker(built) : new Worker(bundleFromSource(), { eval: true });
}
