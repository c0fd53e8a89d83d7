// Default edges on Node's child_process (no electron). Tests inject their own.
import { spawn } from 'node:child_process';
import type { RunFn, SpawnFn } from './types';

export const nodeSpawn: SpawnFn = (cmd, args, opts) =>
  spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });

export const nodeRun: RunFn = (cmd, args, opts) =>
  new Promise((resolve, reject) => {
    const child = nodeSpawn(cmd, args, opts);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c) => (stdout += c.toString()));
    child.stderr?.on('data', (c) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
