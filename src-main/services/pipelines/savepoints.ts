// Savepoints: following Flink's asynchronous operations to their end, and finding the
// savepoints a local stack keeps in its folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SavepointInfo } from '@shared/flink';
import { StreamdeskError } from '@shared/errors';
import { deepestCause, stripExceptionClass } from '@main/clients/flink/flink-errors';
import type { RawAsyncStatus } from '@main/clients/flink/flink-rest-types';

/**
 * Poll an async operation (savepoint, stop, disposal) until COMPLETED; returns its location
 * (null for disposal). A failure carries Flink's reason from the failure cause's stack trace.
 */
export async function followAsync(
  poll: () => Promise<RawAsyncStatus>,
  what: string,
  opts: { timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<string | null> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const s = await poll();
    if (s.status?.id === 'COMPLETED') {
      const cause = s.operation?.['failure-cause'];
      if (cause) {
        const trace = cause['stack-trace'] ?? '';
        const first = stripExceptionClass((trace.split('\n')[0] ?? cause.class ?? 'failed').trim());
        const deep = deepestCause(trace);
        throw new StreamdeskError('conflict', `${what} failed: ${first}${deep && !first.includes(deep) ? ` — ${deep}` : ''}`);
      }
      return s.operation?.location ?? null;
    }
    if (Date.now() > deadline) throw new StreamdeskError('unavailable', `${what}: not completed after ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s`);
    await sleep(250);
  }
}

/** `file:/a/b`, `file:///a/b` and `/a/b` name the same local folder. */
export function localPath(p: string): string {
  return p.replace(/^file:(\/\/)?/, '').replace(/\/+$/, '');
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

/**
 * Savepoints in a savepoints folder: Flink names them `savepoint-<first 6 hex of the job id>-<random>`
 * with a `_metadata` file inside. `knownJobIds` resolve the 6-digit prefix to a job id.
 */
export function savepointsInDir(dir: string, knownJobIds: string[] = []): SavepointInfo[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: SavepointInfo[] = [];
  for (const name of entries) {
    const m = /^savepoint-([0-9a-f]{6})-[0-9a-f]+$/.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    let meta;
    try {
      meta = statSync(join(path, '_metadata'));
    } catch {
      continue; // in progress, or a failed one Flink left behind
    }
    const matches = knownJobIds.filter((j) => j.startsWith(m[1]));
    out.push({
      path: `file:${path}`,
      jobId: matches.length === 1 ? matches[0] : null,
      createdAt: Math.round(meta.mtimeMs),
      sizeBytes: dirSize(path),
      source: 'directory',
    });
  }
  return out.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
}
