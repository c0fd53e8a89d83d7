import { spawn } from 'node:child_process';

/** Maven resolving Flink's modules the first time takes minutes on a slow line; an hour means it hangs. */
const FETCH_TIMEOUT_MS = 60 * 60_000;
const TAIL_LINES = 12;

/**
 * Runs one of the stack's fetch scripts (Maven, from Maven Central), passing on each line it
 * prints; fails with the last lines it printed, which name what Maven could not resolve.
 */
export function runFetchScript(script: string, args: string[], onLine: (line: string) => void, timeoutMs = FETCH_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    // its own process group, so a timeout stops Maven's JVM too, not only the script
    const child = spawn('bash', [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const tail: string[] = [];
    const line = (text: string) => {
      tail.push(text);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine(text);
    };
    // each stream keeps its own unfinished line: they interleave, but never inside a line
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      const take = (raw: string[]) => {
        // eslint-disable-next-line no-control-regex -- Maven colours its output even with -q
        for (const text of raw.map((entry) => entry.replace(/\x1b\[[0-9;]*m/g, '').trim()).filter(Boolean)) line(text);
      };
      stream.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        take(lines);
      });
      // a last line without a newline (a script that dies mid-sentence) still counts
      stream.on('end', () => take([partial]));
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${script} could not run: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${script} ${signal ? `was stopped (${signal}) after ${timeoutMs / 60_000} min` : `exited with ${code}`}${tail.length > 0 ? `:\n${tail.join('\n')}` : ''}`,
          ),
        );
    });
  });
}
