// The ports a data dir's stack was last started on. A stack started with `streamdesk stack up
// --kafka-port 19092` must be found on 19092 by the next app or `serve` over the same data dir,
// even without the flags: otherwise its processes are adopted by pid while every probe looks at
// the default ports.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StackPorts {
  kafka?: number;
  zookeeper?: number;
  flinkRest?: number;
  sqlGateway?: number;
  exporter?: number;
  schemaRegistry?: number;
  connect?: number;
  /** The first KRaft controller's port. */
  kafkaController?: number;
}

const KEYS = ['kafka', 'zookeeper', 'flinkRest', 'sqlGateway', 'exporter', 'schemaRegistry', 'connect', 'kafkaController'] as const;

function recordFile(dataDir: string): string {
  return join(dataDir, 'stack-ports.json');
}

const isPort = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0 && (value as number) <= 65535;

/** The recorded ports, or {} when none were recorded (or the file is unreadable: defaults then apply). */
export function readRecordedPorts(dataDir: string): StackPorts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(recordFile(dataDir), 'utf8'));
  } catch {
    return {};
  }
  const out: StackPorts = {};
  if (parsed && typeof parsed === 'object') {
    for (const key of KEYS) {
      const value = (parsed as Record<string, unknown>)[key];
      if (isPort(value)) out[key] = value;
    }
  }
  return out;
}

/** Written after a successful start (temp file + rename, so a reader never sees half a file). */
export function recordPorts(dataDir: string, ports: StackPorts): void {
  const file = recordFile(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(ports, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Explicit settings win, then what this data dir's stack was started on, then the defaults. */
export function resolvePorts(explicit: StackPorts, recorded: StackPorts): StackPorts {
  const out: StackPorts = { ...recorded };
  for (const key of KEYS) if (explicit[key] !== undefined) out[key] = explicit[key];
  return out;
}
