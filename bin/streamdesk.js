#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('streamdesk: not built yet. Run `npm run build` in ' + path.dirname(__dirname) + ' first.');
  process.exit(2);
}
require(cli);
