#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

// `search` runs a bundle of its own (out/main/search-cli.js): it starts without loading the other
// commands, their packages and the whole contract (scripts/bundle-search-worker.mjs).
const out = path.join(__dirname, '..', 'out', 'main');
const cli = path.join(out, process.argv[2] === 'search' ? 'search-cli.js' : 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('streamdesk: not built yet. Run `npm run build` in ' + path.dirname(__dirname) + ' first.');
  process.exit(2);
}
require(cli);
