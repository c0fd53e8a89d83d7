// Test doubles for the backend's edges, and the fixture loader.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildLike, RunFn, RunOptions, RunResult, SpawnFn } from '@main/services/stack/compose/types';

export const FIXTURES = join(__dirname, 'fixtures');

export interface Recording {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

export function recorded(name: string): Recording {
  return JSON.parse(readFileSync(join(FIXTURES, 'recorded', `${name}.json`), 'utf8')) as Recording;
}

export function documented(name: string): string {
  return readFileSync(join(FIXTURES, 'documented', name), 'utf8');
}

export function toResult(r: Recording): RunResult {
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** The Error Node gives spawn for a missing binary, rebuilt from the recording. */
export function enoent(cmd: string): Error {
  const rec = JSON.parse(readFileSync(join(FIXTURES, 'recorded', 'spawn-enoent.json'), 'utf8')) as { error: { code: string; errno: number } };
  return Object.assign(new Error(`spawn ${cmd} ENOENT`), { code: rec.error.code, errno: rec.error.errno, syscall: `spawn ${cmd}` });
}

export interface Call {
  cmd: string;
  args: string[];
  opts: RunOptions;
}

type Answer = RunResult | Error | ((call: Call) => RunResult | Error);

/** A run() that answers by the command line ("docker compose version"); unknown lines fail the test. */
export function fakeRun(answers: Record<string, Answer>): { run: RunFn; calls: Call[] } {
  const calls: Call[] = [];
  const run: RunFn = (cmd, args, opts) => {
    const call = { cmd, args, opts };
    calls.push(call);
    const key = [cmd, ...args].join(' ');
    const found = Object.entries(answers).find(([k]) => key === k) ?? Object.entries(answers).find(([k]) => k.startsWith('^') && new RegExp(k).test(key));
    if (!found) return Promise.reject(new Error(`unexpected command: ${key}`));
    const answer = typeof found[1] === 'function' ? found[1](call) : found[1];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { run, calls };
}

export class FakeChild extends EventEmitter implements ChildLike {
  stdout = new EventEmitter();
  stderr = new EventEmitter();
  killed: NodeJS.Signals | null = null;
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.killed = signal;
    setImmediate(() => this.emit('close', null));
    return true;
  }
}

export interface Script {
  stdout?: string;
  stderr?: string;
  code?: number | null;
  error?: Error;
  /** Keep running (logs -f) until killed. */
  follow?: boolean;
}

/** A spawn() that plays a script per command line and records each call. */
export function fakeSpawn(scripts: (call: Call) => Script): { spawn: SpawnFn; calls: Call[]; children: FakeChild[] } {
  const calls: Call[] = [];
  const children: FakeChild[] = [];
  const spawn: SpawnFn = (cmd, args, opts) => {
    const call = { cmd, args, opts };
    calls.push(call);
    const child = new FakeChild();
    children.push(child);
    const s = scripts(call);
    setImmediate(() => {
      if (s.error) {
        child.emit('error', s.error);
        return;
      }
      // Deliver in two chunks, split mid-line, as pipes do.
      for (const [stream, text] of [[child.stdout, s.stdout ?? ''], [child.stderr, s.stderr ?? '']] as const) {
        const cut = Math.floor(text.length / 2);
        if (text) stream.emit('data', Buffer.from(text.slice(0, cut)));
        if (text) stream.emit('data', Buffer.from(text.slice(cut)));
      }
      if (!s.follow) child.emit('close', s.code ?? 0);
    });
    return child;
  };
  return { spawn, calls, children };
}
