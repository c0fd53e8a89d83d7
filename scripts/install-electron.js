#!/usr/bin/env node
// npm's postinstall for StreamDesk. Electron's own install script (which downloads its binary and
// fails the whole `npm install` when the download fails) is denied in package.json's allowScripts;
// this runs it instead and lets it fail: without the binary, `npm start` serves StreamDesk to the
// browser. The JS package and its types are installed either way, so the type check and build work.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { electronBinary } = require('./electron-binary');

const PREFIX = 'streamdesk:';

function main() {
  if (electronBinary()) return;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(
      `${PREFIX} Electron's binary not fetched (ELECTRON_SKIP_BINARY_DOWNLOAD is set): no desktop window, \`npm start\` opens StreamDesk in the browser.`,
    );
    return;
  }
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    console.log(`${PREFIX} the electron package is missing: no desktop window, \`npm start\` opens StreamDesk in the browser.`);
    return;
  }
  const run = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), encoding: 'utf8', timeout: 10 * 60_000 });
  if (run.status === 0 && electronBinary()) {
    console.log(`${PREFIX} Electron's binary is installed: \`npm start\` opens the desktop window.`);
    return;
  }
  console.log(
    `${PREFIX} Electron's binary could not be downloaded (${firstCause(run)}): the desktop window is unavailable, \`npm start\` opens StreamDesk in the browser.`,
  );
}

/** The installer's error in a few words (its whole stack trace is noise here). */
function firstCause(run) {
  if (run.error) return run.error.code === 'ETIMEDOUT' ? 'the download took over 10 minutes' : run.error.message;
  const lines = `${run.stderr}\n${run.stdout}`.split('\n').map((line) => line.trim());
  const cause = lines.find((line) => /Error|ENOTFOUND|ECONN|EAI_AGAIN|status code/i.test(line)) ?? lines.find(Boolean) ?? `exit code ${run.status}`;
  return cause.length > 120 ? `${cause.slice(0, 117)}...` : cause;
}

main();
