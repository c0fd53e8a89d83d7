// Profile writes are atomic (issue 8, point 5): the store writes a temp file in the same folder,
// fsyncs it and renames it over the old one, so a process killed at any instant leaves either the
// old document or the new one, whole. Proven two ways: the exact file-system steps, and a real
// writer process killed with SIGKILL mid-stream, again and again.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonFileStore, type JsonFileFs } from '@main/services/profiles/json-file-store';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-atomic-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonFileStore.write', () => {
  it('writes a 0600 temp file beside the target, fsyncs it, closes it, then renames it over the target', () => {
    const file = path.join(dir, 'steps', 'profiles.json');
    const steps: string[] = [];
    const recording: JsonFileFs = {
      ...fs,
      mkdirSync: ((target: string, options: fs.MakeDirectoryOptions) => (
        steps.push(`mkdir ${path.relative(dir, target)}`),
        fs.mkdirSync(target, options)
      )) as JsonFileFs['mkdirSync'],
      openSync: ((target: string, flags: string, mode?: number) => (
        steps.push(`open ${path.basename(target).replace(/\.\d+\.\d+\.tmp$/, '.<pid>.<time>.tmp')} ${flags} ${mode?.toString(8) ?? ''}`.trim()),
        fs.openSync(target, flags, mode)
      )) as JsonFileFs['openSync'],
      writeSync: ((fd: number, data: string) => (steps.push('write'), fs.writeSync(fd, data))) as JsonFileFs['writeSync'],
      fsyncSync: (fd) => (steps.push('fsync'), fs.fsyncSync(fd)),
      closeSync: (fd) => (steps.push('close'), fs.closeSync(fd)),
      renameSync: (from, to) => (
        steps.push(`rename ${path.basename(String(from)).replace(/\.\d+\.\d+\.tmp$/, '.<pid>.<time>.tmp')} → ${path.basename(String(to))}`),
        fs.renameSync(from, to)
      ),
    };
    new JsonFileStore(file, recording).write({ version: 1, activeId: 'local', profiles: [] });
    expect(steps).toEqual([
      'mkdir steps',
      'open .profiles.json.<pid>.<time>.tmp wx 600',
      'write',
      'fsync',
      'close',
      'rename .profiles.json.<pid>.<time>.tmp → profiles.json',
      // then the folder itself is fsynced, so the rename survives a power cut
      'open steps r',
      'fsync',
      'close',
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, activeId: 'local', profiles: [] });
  });

  it('a writer killed with SIGKILL at random moments always leaves a whole document', async () => {
    // The real store, bundled for a plain node child (no TypeScript loader there).
    const bundle = path.join(dir, 'writer.cjs');
    buildSync({
      entryPoints: [path.resolve('src-main/services/profiles/json-file-store.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: path.join(dir, 'store.cjs'),
      logLevel: 'silent',
    });
    fs.writeFileSync(
      bundle,
      `const { JsonFileStore } = require('./store.cjs');
       const store = new JsonFileStore(process.argv[2]);
       const filler = 'p'.repeat(256 * 1024); // big enough that one write takes a while
       for (let version = 1; ; version += 1) {
         store.write({ version, filler, check: version * 7 });
         if (version === 1) process.stdout.write('first\\n');
       }`,
    );
    const file = path.join(dir, 'killed', 'profiles.json');
    const versions: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const child = spawn(process.execPath, [bundle, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 200));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const document = JSON.parse(readFileSync(file, 'utf8')) as { version: number; filler: string; check: number };
      expect(document.check).toBe(document.version * 7);
      expect(document.filler).toHaveLength(256 * 1024);
      versions.push(document.version);
    }
    // The kills landed mid-stream (after more writes than the first), not only between runs.
    expect(Math.max(...versions)).toBeGreaterThan(1);
    // What a kill can leave is a temp file (a dot file, 0600, never read as the store), never a torn profiles.json.
    for (const leftover of readdirSync(path.dirname(file)).filter((name) => name !== 'profiles.json')) {
      expect(leftover).toMatch(/^\.profiles\.json\.\d+\.\d+\.tmp$/);
      expect(fs.statSync(path.join(path.dirname(file), leftover)).mode & 0o777).toBe(0o600);
    }
  });
});
