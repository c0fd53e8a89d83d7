import { describe, expect, it } from 'vitest';
import { needsVersion, versionAtLeast } from './connect-versions';
import { restartAsked, restartOutcome } from './restart-text';

describe('worker versions', () => {
  it('allow stop from 3.5 and offsets from 3.6, and say why not otherwise', () => {
    expect(versionAtLeast('3.5.0', 3, 5)).toBe(true);
    expect(versionAtLeast('3.4.1', 3, 5)).toBe(false);
    expect(versionAtLeast('7.4.0-ccs', 3, 6)).toBe(true);
    expect(versionAtLeast(null, 3, 6)).toBe(false);
    expect(needsVersion('3.9.1', 3, 6, 'Offsets')).toBeNull();
    expect(needsVersion('3.4.0', 3, 5, 'Stop')).toBe('Stop needs Kafka Connect 3.5 or newer; this worker is 3.4.0');
  });
});

describe('a restart as it reads', () => {
  const after = {
    cluster: 'http://w',
    name: 'c',
    type: 'source' as const,
    className: 'X',
    state: 'RUNNING' as const,
    workerId: 'w:1',
    trace: null,
    topics: [],
  };
  const task = { id: 0, state: 'RUNNING' as const, workerId: 'w:1', trace: null };

  it('says what Connect restarted and where it settled', () => {
    const result = {
      restarting: [
        { task: null, state: 'RESTARTING' as const },
        { task: 0, state: 'RESTARTING' as const },
      ],
      after: { ...after, tasks: [task] },
      settled: true,
      tookMs: 1234,
    };
    expect(restartOutcome(result)).toBe('Restarted connector + 1 task → RUNNING (tasks: 0 RUNNING) in 1.2 s');
    expect(restartOutcome({ ...result, restarting: [], after: { ...after, tasks: [] }, tookMs: 300 })).toBe('Restarted connector → RUNNING in 0.3 s');
  });

  it('says when it had not settled, with the state now', () => {
    const result = {
      restarting: [{ task: 1, state: 'RESTARTING' as const }],
      after: { ...after, state: 'FAILED' as const, tasks: [] },
      settled: false,
      tookMs: 30_000,
    };
    expect(restartOutcome(result)).toBe('Restarted 1 task; not settled after 30.0 s: now FAILED');
    expect(restartAsked({ includeTasks: true, onlyFailed: true })).toBe('the failed connector and tasks');
  });
});
