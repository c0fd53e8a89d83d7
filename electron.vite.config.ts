import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { PATH_ALIASES } from './path-aliases.mjs';

const CHART_VENDOR =
  /[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|decimal\.js-light|@reduxjs|redux|redux-thunk|reselect|immer|es-toolkit|react-redux|internmap|tiny-invariant|eventemitter3)[\\/]/;

const REACT_VENDOR = /[\\/]node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/;

export default defineConfig({
  main: {
    resolve: { alias: PATH_ALIASES },
    // electron-store is ESM-only: bundle it into the CJS main. (@platformatic/kafka is ESM-only too but loads
    // a wasm file next to itself, so it stays external here; scripts/bundle-search-worker.mjs makes it one CommonJS file,
    // out/main/platformatic-kafka.js, which the main process loads instead: src-main/clients/kafka/platformatic-bundle.ts.)
    // zod is bundled too: from node_modules its index loads every locale's messages (~50 files) and the whole API
    // before `streamdesk serve` can answer (bench/coldstart); bundled, only English and what the contract uses remain.
    build: {
      externalizeDeps: { exclude: ['electron-store', 'zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli.ts'),
          // Searches filter records in worker threads, which need their own file next to the bundle.
          'search-worker': resolve(__dirname, 'src-main/services/messages/search-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: PATH_ALIASES },
    // A sandboxed preload may only require('electron'): everything else is bundled into it.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    resolve: { alias: PATH_ALIASES },
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      // minified: `streamdesk serve` sends these files over the network, and the window parses them at every start
      minify: 'esbuild',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
        // The chart library (recharts and what it alone uses) in a chunk of its own, loaded with the first page that
        // draws such a chart, never with the Overview (its live charts paint in a worker of their own). React has its
        // own chunk: a manual chunk takes in its dependencies that no other manual chunk claims, and the first page
        // would then load the charts' chunk for React.
        output: { manualChunks: (id) => (CHART_VENDOR.test(id) ? 'vendor-charts' : REACT_VENDOR.test(id) ? 'vendor-react' : undefined) },
      },
    },
  },
});
