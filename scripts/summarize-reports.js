#!/usr/bin/env node
// Sums vitest's (main and fault-injection runs) and Playwright's JSON reports into the one line CI reads: `N passed, N failed`.
// Arguments name steps that failed outside the test runners (lint, build…); each counts as a failure.
// Exits 1 when anything failed or a report is missing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const reports = path.join(__dirname, '..', 'reports');
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

function read(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(reports, name), 'utf8'));
  } catch {
    problems.push(`${name} is missing or unreadable: that runner did not finish`);
    failed += 1;
    return null;
  }
}

/** Adds one vitest JSON report (the main run's, or the fault-injection run's). */
function addVitest(report) {
  if (!report) return;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A file that failed to load has no tests to count: count it.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      problems.push(`${path.relative(process.cwd(), file.name)}: ${String(file.message).split('\n')[0]}`);
      failed += 1;
    }
  }
}
const vitest = read('vitest.json');
addVitest(vitest);
const faults = read('faults-vitest.json');
addVitest(faults);
const playwright = read('playwright.json');
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
  for (const error of playwright.errors ?? []) {
    problems.push(`playwright: ${String(error.message).split('\n')[0]}`);
    failed += 1;
  }
}
// A runner that exits non-zero after reporting its failures is already counted; count it only when its report is silent.
const reportedFailures = {
  vitest: vitest ? vitest.numFailedTests : 0,
  faults: faults ? faults.numFailedTests : 0,
  e2e: playwright ? playwright.stats.unexpected : 0,
};
for (const step of process.argv.slice(2)) {
  problems.push(`step failed: ${step}`);
  if (!(reportedFailures[step] > 0)) failed += 1;
}
for (const problem of problems) console.log(`  ! ${problem}`);
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
fs.mkdirSync(reports, { recursive: true });
fs.writeFileSync(path.join(reports, 'summary.txt'), line + '\n');
console.log(line);
process.exit(failed > 0 ? 1 : 0);
