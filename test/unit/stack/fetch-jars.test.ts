import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFetchScript } from '@main/services/stack/native/fetch-jars';

function script(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'streamdesk-fetch-')), 'fetch.sh');
  writeFileSync(file, `set -e\n${body}\n`);
  return file;
}

describe('running a fetch script', () => {
  it('passes on every line printed on stdout and stderr, with its arguments', async () => {
    const lines: string[] = [];
    await runFetchScript(script('echo "fetch-jars: $1 -> lib/$1" >&2; printf "done\\n\\n"'), ['flink'], (line) => lines.push(line));
    // two pipes: their lines may arrive in either order, each whole
    expect(lines.sort()).toEqual(['done', 'fetch-jars: flink -> lib/flink']);
  });

  it('fails with the exit code and the last lines, which say what Maven could not resolve', async () => {
    const failing = script('for i in $(seq 1 20); do echo "line $i"; done; printf "[ERROR] Could not resolve org.apache.flink:flink-runtime" >&2; exit 3');
    const error = await runFetchScript(failing, [], () => undefined).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('exited with 3');
    expect((error as Error).message).toContain('Could not resolve org.apache.flink:flink-runtime');
    expect((error as Error).message).not.toContain('line 1\n');
  });

  it('stops a script that hangs', async () => {
    const error = await runFetchScript(script('sleep 30'), [], () => undefined, 300).catch((caught: Error) => caught);
    expect((error as Error).message).toContain('was stopped (SIGTERM)');
  });
});
