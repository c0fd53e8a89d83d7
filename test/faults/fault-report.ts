// The record of each injected fault, written per test file and merged into reports/faults.json
// by the faults project's global setup (setup/report.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../stack';

export const PARTS_DIR = join(REPO_ROOT, 'reports', 'faults-parts');
export const REPORT_FILE = join(REPO_ROOT, 'reports', 'faults.json');

export type OperationOutcome = 'failed-cleanly' | 'succeeded' | 'unclear-message' | 'hung';

export interface OperationResult {
  name: string;
  outcome: OperationOutcome;
  /** The error message the caller saw (the envelope's), or a summary of the result. */
  message: string;
  settledMs: number | null;
}

export interface RecordsCheck {
  topic: string;
  /** What the generator reported as acknowledged. */
  delivered: number;
  /** end − start offsets, read with kafkajs' admin (an independent client). */
  inTopic: number;
  /** Distinct trade ids read back with kcat. */
  distinct: number;
  lost: number;
  duplicated: number;
  failedBatches: number;
}

export interface FaultResult {
  id: string;
  service: string;
  during: string;
  /** Tiles expected to change, with the reason they showed. */
  tiles: Array<{ tile: string; status: string; reason: string }>;
  detectedMs: number | null;
  detectBoundMs: number;
  recoveredMs: number | null;
  recoverBoundMs: number;
  /** Where the cluster itself takes time: when its own metadata showed the loss and the recovery. */
  clusterShowedRedMs?: number | null;
  clusterRecoveredMs?: number | null;
  appAlive: boolean;
  alerts: string[];
  operations: OperationResult[];
  records: RecordsCheck | null;
  survived: boolean;
  problems: string[];
}

export interface FaultsReport {
  generatedAt: string;
  healthIntervalMs: number;
  probeTimeoutMs: number;
  faultsInjected: number;
  survived: number;
  /** Operations in flight at a kill, calls made while the service was down, and generator runs. */
  operations: number;
  operationsFailedCleanly: number;
  operationsSucceeded: number;
  operationsUnclearOrHung: number;
  recordsDelivered: number;
  recordsLost: number;
  recordsDuplicated: number;
  faults: FaultResult[];
}

/** Appends one fault to this file's part (the global setup merges the parts). */
export function recordFault(part: string, fault: FaultResult): void {
  mkdirSync(PARTS_DIR, { recursive: true });
  const file = join(PARTS_DIR, `${part}.json`);
  let faults: FaultResult[] = [];
  try {
    faults = JSON.parse(readFileSync(file, 'utf8')) as FaultResult[];
  } catch {
    faults = [];
  }
  faults.push(fault);
  writeFileSync(file, JSON.stringify(faults, null, 2));
}

export function readParts(): FaultResult[] {
  let files: string[] = [];
  try {
    files = readdirSync(PARTS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return files.flatMap((f) => JSON.parse(readFileSync(join(PARTS_DIR, f), 'utf8')) as FaultResult[]);
}

export function summarize(faults: FaultResult[], healthIntervalMs: number, probeTimeoutMs: number): FaultsReport {
  const operations = faults.flatMap((f) => f.operations);
  const records = faults.map((f) => f.records).filter((r): r is RecordsCheck => r !== null);
  return {
    generatedAt: new Date().toISOString(),
    healthIntervalMs,
    probeTimeoutMs,
    faultsInjected: faults.length,
    survived: faults.filter((f) => f.survived).length,
    operations: operations.length,
    operationsFailedCleanly: operations.filter((o) => o.outcome === 'failed-cleanly').length,
    operationsSucceeded: operations.filter((o) => o.outcome === 'succeeded').length,
    operationsUnclearOrHung: operations.filter((o) => o.outcome === 'unclear-message' || o.outcome === 'hung').length,
    recordsDelivered: records.reduce((sum, r) => sum + r.delivered, 0),
    recordsLost: records.reduce((sum, r) => sum + r.lost, 0),
    recordsDuplicated: records.reduce((sum, r) => sum + r.duplicated, 0),
    faults,
  };
}

/** The short summary printed at the end of the run. */
export function summaryLines(report: FaultsReport): string[] {
  const lines = [
    `faults: ${report.faultsInjected} injected, ${report.survived} survived; operations: ${report.operations} (${report.operationsFailedCleanly} failed cleanly, ${report.operationsSucceeded} succeeded, ${report.operationsUnclearOrHung} unclear or hung); records: ${report.recordsDelivered} delivered, ${report.recordsLost} lost, ${report.recordsDuplicated} duplicated`,
  ];
  for (const f of report.faults) {
    const ms = (v: number | null) => (v === null ? 'never' : `${(v / 1000).toFixed(1)} s`);
    lines.push(
      `  ${f.survived ? 'ok  ' : 'FAIL'} ${f.id}: red in ${ms(f.detectedMs)}, recovered in ${ms(f.recoveredMs)}${f.problems.length ? ` — ${f.problems.join('; ')}` : ''}`,
    );
  }
  return lines;
}
