#!/usr/bin/env node
// `npm run -s audit:electron`: Electronegativity over the Electron app's sources (main, preload,
// renderer). Fails on any finding above LOW unless scripts/audit-electron.config.json accepts it
// with a reason, and on an accepted entry that no longer matches (so the list cannot go stale).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const run = require('@doyensec/electronegativity');

const ROOT = path.join(__dirname, '..');
const SOURCES = ['src-main', 'src-preload', 'src-renderer', 'src-shared'];
const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'audit-electron.config.json'), 'utf8'));
const electronVersion = require(path.join(ROOT, 'node_modules', 'electron', 'package.json')).version;

/** Global checks (CSP, navigation limits, permission handler) only see what is in one scan: stage the app as one tree. */
function stage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-electronegativity-'));
  for (const source of SOURCES)
    fs.cpSync(path.join(ROOT, source), path.join(dir, source), { recursive: true, filter: (from) => !from.includes(`${path.sep}node_modules`) });
  return dir;
}

async function main() {
  const dir = stage();
  let result;
  try {
    result = await run({
      input: dir,
      electronVersionOverride: electronVersion,
      isRelative: true,
      customScan: [],
      excludeFromScan: Object.keys(config.excludedChecks),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const unused = new Set(config.accepted);
  const failing = [];
  let accepted = 0;
  let low = 0;
  for (const issue of result.issues) {
    const where = `${issue.file}:${issue.location.line}`;
    if (issue.severity.value <= 1 /* LOW, INFORMATIONAL */) {
      low += 1;
      continue;
    }
    const entry = config.accepted.find((candidate) => candidate.id === issue.id && candidate.file === issue.file);
    if (entry) {
      unused.delete(entry);
      accepted += 1;
      continue;
    }
    failing.push(
      `${issue.id} ${issue.severity.name}/${issue.confidence.name} at ${where}: ${String(issue.description).split('\n')[0]}${issue.sample ? `\n    ${String(issue.sample).trim().slice(0, 160)}` : ''}`,
    );
  }
  for (const error of result.errors) failing.push(`could not parse ${error.file}: ${error.message}`);
  for (const entry of unused)
    failing.push(`accepted entry ${entry.id} in ${entry.file} matches no finding any more: remove it from audit-electron.config.json`);

  console.log(
    `electronegativity (Electron ${electronVersion}): ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings: ${low} low or informational, ${accepted} above low accepted with a reason, ${failing.length} failing`,
  );
  for (const line of failing) console.error(`  FAIL ${line}`);
  process.exit(failing.length > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`audit:electron could not run: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
