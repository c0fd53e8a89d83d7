import { rmSync, writeFileSync } from 'node:fs';
import { PARTS_DIR, readParts, REPORT_FILE, summarize, summaryLines } from '../fault-report';
import { HEALTH_INTERVAL_MS, PROBE_TIMEOUT_MS } from '../timing';

/** Clears the parts before the run; afterwards merges them into reports/faults.json and prints the summary. */
export default function setup(): () => void {
  rmSync(PARTS_DIR, { recursive: true, force: true });
  rmSync(REPORT_FILE, { force: true });
  return () => {
    const report = summarize(readParts(), HEALTH_INTERVAL_MS, PROBE_TIMEOUT_MS);
    writeFileSync(REPORT_FILE, JSON.stringify(report, null, 2) + '\n');
    console.log(['', '[faults] reports/faults.json', ...summaryLines(report).map((line) => `[faults] ${line}`)].join('\n'));
  };
}
