import { existsSync, renameSync } from 'node:fs';

/** What reading the store found. A corrupt file is reported, never read as "empty". */
export type ReadResult = { kind: 'missing' } | { kind: 'ok'; document: unknown } | { kind: 'corrupt'; reason: string };

/**
 * The whole profile document in one file. Implemented by JsonFileStore (serve/CLI) and by the
 * electron-store adapter; the service never touches the file itself.
 */
export interface KeyValueFile {
  /** Where the document lives (for messages). */
  readonly location: string;
  read(): ReadResult;
  /** Replaces the document atomically: after a crash the file holds the old or the new one. */
  write(document: unknown): void;
  /** Moves the current file aside (kept, never deleted) and returns where it went. */
  setAside(): string;
}

/** `<file>.corrupt-<timestamp>`; a counter keeps two set-asides in one millisecond apart. */
export function setAsideFile(path: string, now: () => number = Date.now, rename = renameSync): string {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 1; existsSync(target); n += 1) target = `${path}.corrupt-${stamp}-${n}`;
  rename(path, target);
  return target;
}
