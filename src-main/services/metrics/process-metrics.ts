// CPU and memory of the local stack's processes, from /proc (Linux). The native stack knows
// their pids; nothing here applies to a remote cluster or to containers.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { reading, type Reading } from './resource-reading';

export interface ProcStat {
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  /** Field 22: when the process started, in ticks since boot (tells a reused pid apart). */
  startTicks: number;
}

/** `/proc/<pid>/stat`: the fields after "(comm)", which may itself hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat {
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const start = Number(fields[19]);
  if (![utime, stime, start].every(Number.isFinite)) throw new Error('unexpected /proc/<pid>/stat layout');
  return { cpuTicks: utime + stime, startTicks: start };
}

/** Resident memory in bytes from `/proc/<pid>/status` (VmRSS, in kB); null for a kernel thread or zombie. */
export function parseVmRssBytes(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Percent of one core used between two stat readings `elapsedMs` apart (200 = two cores busy). */
export function cpuPercent(before: ProcStat, after: ProcStat, elapsedMs: number, ticksPerSecond: number): number | null {
  if (before.startTicks !== after.startTicks || elapsedMs <= 0 || after.cpuTicks < before.cpuTicks) return null;
  return ((after.cpuTicks - before.cpuTicks) / ticksPerSecond / (elapsedMs / 1000)) * 100;
}

let clockTicks: number | null = null;
/** USER_HZ: 100 on every mainstream Linux, asked of getconf once to be sure. */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Keeps each process's previous reading, so CPU can be given as a rate. */
export class ProcessSampler {
  private readonly previous = new Map<number, { stat: ProcStat; at: number }>();

  constructor(
    private readonly readText: (path: string) => string = (path) => readFileSync(path, 'utf8'),
    private readonly now: () => number = Date.now,
  ) {}

  read(processes: { service: string; pid: number }[]): Reading[] {
    const out: Reading[] = [];
    const seen = new Set<number>();
    for (const { service, pid } of processes) {
      let stat: ProcStat;
      let rss: number | null;
      try {
        stat = parseProcStat(this.readText(`/proc/${pid}/stat`));
        rss = parseVmRssBytes(this.readText(`/proc/${pid}/status`));
      } catch {
        continue; // exited between the pid lookup and now
      }
      const at = this.now();
      const before = this.previous.get(pid);
      seen.add(pid);
      this.previous.set(pid, { stat, at });
      out.push(...reading('process', service, service, 'rss_bytes', rss));
      if (before) out.push(...reading('process', service, service, 'cpu_percent', cpuPercent(before.stat, stat, at - before.at, ticksPerSecond())));
    }
    for (const pid of this.previous.keys()) if (!seen.has(pid)) this.previous.delete(pid);
    return out;
  }
}
