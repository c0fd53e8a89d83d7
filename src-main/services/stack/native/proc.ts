// Process helpers for the native stack: detached spawn, pid files, liveness via /proc.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** The NUL-separated argv of a live, non-zombie process, or null. */
function readCmdline(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // state is the field after "(comm)"; comm may contain spaces/parens, so take the last ')'
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return null;
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (raw.length === 0) return null;
    return raw.split('\0').filter((s) => s.length > 0);
  } catch {
    return null;
  }
}

/** True when pid is alive and its command line carries every marker (exact argv entries). */
export function isOurProcess(pid: number, markers: string[]): boolean {
  const argv = readCmdline(pid);
  if (!argv) return false;
  return markers.every((m) => argv.includes(m));
}

export function readPidFile(file: string): number | null {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function writePidFile(file: string, pid: number): void {
  writeFileSync(file, `${pid}\n`);
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Start a process that outlives its parent: own process group, stdin closed,
 * stdout+stderr appended to outFile. Returns its pid.
 */
export function spawnDetached(cmd: string, args: string[], outFile: string, cwd: string, env: Record<string, string> = {}): number {
  const fd = openSync(outFile, 'a');
  try {
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
    if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
    child.on('error', () => undefined); // reported through liveness checks instead
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot (tells a reused pid apart). */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * True once the process has fully exited: no /proc entry, or a zombie whose threads are all gone.
 * (A multi-threaded JVM shows 'Z' for its main thread while other threads still tear down and
 * still hold its sockets, so 'Z' alone is not enough.)
 */
function isGone(pid: number, started: string | null): boolean {
  const now = startTime(pid);
  if (now === null || now !== started) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state !== 'Z' && state !== 'X') return false;
    return readdirSync(`/proc/${pid}/task`).length <= 1;
  } catch {
    return true;
  }
}

/** Signal pid (if it is ours) and wait until it has fully exited; escalate to SIGKILL after graceMs. */
export async function killAndWait(pid: number, markers: string[], signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
  if (!isOurProcess(pid, markers)) return;
  const started = startTime(pid);
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (isGone(pid, started)) return;
    await sleep(100);
  }
  if (!isGone(pid, started)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    const hard = Date.now() + 10_000;
    while (Date.now() < hard && !isGone(pid, started)) await sleep(50);
  }
}

/** Pids of every live process whose argv contains `marker` (used to look for orphans). */
export function findProcessesWith(marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => readCmdline(pid)?.includes(marker) ?? false);
}
