'use strict';
const fs = require('node:fs');

/** The path of Electron's binary when it is installed and runnable here, else null. */
function electronBinary() {
  try {
    const binary = require('electron'); // the electron package's main: the binary's path (it throws when the binary is missing)
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

module.exports = { electronBinary };
