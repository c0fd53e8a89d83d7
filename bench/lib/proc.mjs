import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond = null;

/** CPU seconds process `pid` has used so far in user space and in the kernel, from /proc/<pid>/stat. */
export function cpuSplit(pid) {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / ticksPerSecond, system: Number(fields[12]) / ticksPerSecond };
}

/** CPU seconds (user + system) the processes have used so far. */
export function cpuSeconds(pids) {
  return pids.reduce((sum, pid) => {
    const { user, system } = cpuSplit(pid);
    return sum + user + system;
  }, 0);
}
