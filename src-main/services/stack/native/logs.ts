import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The last `n` lines of a text file ('' when missing); reads at most the last 64 KiB. */
export function tailLines(file: string, n = 30): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-n).join('\n');
  } finally {
    closeSync(fd);
  }
}
