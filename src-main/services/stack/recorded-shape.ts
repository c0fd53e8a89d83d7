// The shape a data dir's stack was last started with: how many brokers, whether it is secure, and its metadata mode.
// Like the ports, it must outlive the process that started it: an app or `serve` opened later over the same data dir
// adopts three brokers (not one), signs the local profile in with SASL when the stack is secure, and looks for KRaft
// controllers rather than a ZooKeeper that is not there. No secret is recorded here.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StackShape {
  brokers: 1 | 3;
  secure: boolean;
}

/** The super user a secure local stack makes for StreamDesk (its password lives in the profile's secret store). */
export const LOCAL_SUPER_USER = 'streamdesk';

/** What a data dir remembers: the shape, and whether its stack ran in KRaft mode. */
export interface RecordedShape extends StackShape {
  kraft: boolean;
}

const PLAIN_SINGLE: RecordedShape = { brokers: 1, secure: false, kraft: false };

function shapeFile(dataDir: string): string {
  return join(dataDir, 'stack-shape.json');
}

/** The recorded shape, or one plain ZooKeeper-mode broker when none was recorded (or the file is unreadable). */
export function readRecordedShape(dataDir: string): RecordedShape {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(shapeFile(dataDir), 'utf8'));
  } catch {
    return PLAIN_SINGLE;
  }
  const record = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  return { brokers: record.brokers === 3 ? 3 : 1, secure: record.secure === true, kraft: record.kraft === true };
}

/** Written before a start (temp file + rename): a stack that fails half-way is still adopted as what it was started as. */
export function recordShape(dataDir: string, shape: RecordedShape): void {
  const file = shapeFile(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(shape, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
