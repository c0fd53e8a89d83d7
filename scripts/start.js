#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then opens the desktop
// window when Electron's binary is installed; otherwise serves StreamDesk on 127.0.0.1 and opens
// the printed URL in the default browser. Arguments after `npm start --` go to `streamdesk serve`.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { electronBinary } = require('./electron-binary');

const ROOT = path.join(__dirname, '..');
const SOURCES = [
  'src-main',
  'src-renderer',
  'src-preload',
  'src-shared',
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'scripts/bundle-search-worker.mjs',
];
const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/main/search-cli.js',
  'out/main/platformatic-kafka.js',
  'out/preload/index.js',
  'out/renderer/index.html',
];
const DEFAULT_PORT = 8765;

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((latest, entry) => Math.max(latest, newest(path.join(target, entry))), stat.mtimeMs);
}

function buildIsCurrent() {
  const built = OUTPUTS.map((output) => newest(path.join(ROOT, output)));
  if (built.some((time) => time === 0)) return false;
  return Math.max(...SOURCES.map((source) => newest(path.join(ROOT, source)))) <= Math.min(...built);
}

function buildIfNeeded() {
  if (buildIsCurrent()) return;
  console.log('streamdesk: building (the build is missing or older than the sources)…');
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), require('electron-vite/package.json').bin['electron-vite']);
  let build = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  // `streamdesk search` and its workers run bundles of their own, and the main process its @platformatic/kafka, made
  // after electron-vite's build (npm run build)
  if (build.status === 0) build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-search-worker.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('streamdesk: the build failed (see above); nothing was started.');
    process.exit(build.status ?? 1);
  }
}

/** Resolves once `child` has exited; its exit code (or 1 after a signal it did not handle). */
function exited(child) {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * On Windows the child shares this console and hears Ctrl-C itself (a signal sent from here would
 * kill it at once); elsewhere it runs in its own process group so that it hears the signal once.
 */
const OWN_GROUP = process.platform !== 'win32';

/**
 * Ctrl-C (and a closed terminal or `kill`) stops the child cleanly: it hears the signal once (from
 * here, or on Windows from the console), and this process waits for it to finish.
 */
function stopChildOnSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (OWN_GROUP && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    });
  }
}

async function openDesktopWindow(binary) {
  const child = spawn(binary, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', detached: OWN_GROUP });
  stopChildOnSignals(child);
  process.exit(await exited(child));
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A graphical session a browser can open in: always on macOS and Windows; on Linux and the BSDs only with a display. */
function hasDesktop() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openInBrowser(url) {
  // cmd's `start` takes its first quoted argument as the window's title: an empty one, passed verbatim
  const opener = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', `start "" "${url}"`]] : ['xdg-open', [url]];
  if (!hasDesktop()) {
    console.log('streamdesk: no desktop session here: open the URL above in a browser.');
    return;
  }
  const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
  child.once('error', () => console.log(`streamdesk: could not run ${opener[0]}: open the URL above in a browser.`));
  child.once('exit', (code) => {
    if (code !== 0) console.log(`streamdesk: ${opener[0]} could not open a browser: open the URL above in one.`);
  });
  child.unref();
}

async function serveInBrowser() {
  const args = process.argv.slice(2);
  const portGiven = args.some((arg) => arg === '--port' || arg.startsWith('--port='));
  if (!portGiven && !(await portIsFree(DEFAULT_PORT))) {
    console.log(`streamdesk: port ${DEFAULT_PORT} is taken: serving on a free port instead.`);
    args.push('--port', '0');
  }
  console.log("streamdesk: Electron's binary is not installed, so StreamDesk runs in your browser (Ctrl-C stops it).");
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'streamdesk.js'), 'serve', '--host', '127.0.0.1', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: OWN_GROUP,
  });
  stopChildOnSignals(child);
  let pending = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const served = /StreamDesk is serving at (\S+)/.exec(line);
      if (served && !opened) {
        opened = true;
        openInBrowser(served[1]);
      }
    }
  });
  const code = await exited(child);
  if (code === 0) console.log('streamdesk: stopped.');
  process.exit(code);
}

async function main() {
  buildIfNeeded();
  const binary = electronBinary();
  if (binary) await openDesktopWindow(binary);
  else await serveInBrowser();
}

main().catch((error) => {
  console.error(`streamdesk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
