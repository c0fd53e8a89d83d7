// SearchRun with fake workers: what the run counts, passes on and stops, without Kafka or threads.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { MessageRecord, SearchMatches, SearchProgress } from '@shared/messages';
import { SearchRun, type SearchRunSettings } from '@main/services/messages/search-run';
import type { ParentMessage, WorkerMessage } from '@main/services/messages/search-worker';

class FakeWorker extends EventEmitter {
  posted: ParentMessage[] = [];
  postMessage(message: ParentMessage): void {
    this.posted.push(message);
  }
  say(message: WorkerMessage): void {
    this.emit('message', message);
  }
}

function fakePool(count: number) {
  const workers = Array.from({ length: count }, () => new FakeWorker());
  const released: FakeWorker[] = [];
  const discarded: FakeWorker[] = [];
  return {
    workers,
    released,
    discarded,
    pool: {
      acquire: (n: number) => workers.slice(0, n) as unknown as Worker[],
      release: (worker: Worker) => void released.push(worker as unknown as FakeWorker),
      discard: (worker: Worker) => void discarded.push(worker as unknown as FakeWorker),
    },
  };
}

const record = (offset: number) => ({ offset: String(offset) }) as unknown as MessageRecord;

function settings(overrides: Partial<SearchRunSettings> = {}) {
  const progress: SearchProgress[] = [];
  const matches: SearchMatches[] = [];
  const ended: string[] = [];
  let clock = 1000;
  const s: SearchRunSettings = {
    searchId: 's1',
    args: { topic: 't', partitions: null, from: { kind: 'beginning' }, filter: {}, maxMatches: 100 } as unknown as SearchRunSettings['args'],
    target: { brokers: ['127.0.0.1:9092'] },
    ranges: [
      { partition: 0, start: 0, end: 10 },
      { partition: 1, start: 0, end: 20 },
      { partition: 2, start: 5, end: 5 },
    ],
    shares: [[{ partition: 0, start: 0, end: 10 }], [{ partition: 1, start: 0, end: 20 }]],
    listener: { progress: (event) => progress.push(event), matches: (event) => matches.push(event) },
    now: () => (clock += 100),
    progressIntervalMs: 250,
    onEnd: () => ended.push('end'),
    ...overrides,
  };
  return { s, progress, matches, ended };
}

describe('SearchRun', () => {
  it('gives each worker its share, counts what they scanned and matched, and ends with exact totals', async () => {
    const { s, progress, matches, ended } = settings();
    const { pool, workers, released } = fakePool(2);
    const run = new SearchRun(s, pool);
    expect(workers.map((worker) => worker.posted[0])).toMatchObject([
      { type: 'search', job: { topic: 't', ranges: s.shares[0], batchSize: 500 } },
      { type: 'search', job: { topic: 't', ranges: s.shares[1], batchSize: 500 } },
    ]);
    workers[0].say({ type: 'matches', records: [record(1), record(2)] });
    workers[0].say({ type: 'progress', scanned: 5, matched: 2, partitionsDone: [] });
    workers[1].say({ type: 'progress', scanned: 20, matched: 0, partitionsDone: [1] });
    workers[0].say({ type: 'done', scanned: 10, matched: 2, cancelled: false });
    workers[1].say({ type: 'done', scanned: 20, matched: 0, cancelled: false });
    const final = await run.finished;
    expect(final).toMatchObject({
      searchId: 's1',
      scanned: 30,
      total: 30,
      matched: 2,
      partitionsDone: 3,
      partitions: 3,
      done: true,
      cancelled: false,
      stoppedAtLimit: false,
      error: null,
    });
    expect(matches).toEqual([{ searchId: 's1', records: [record(1), record(2)] }]);
    expect(progress.at(-1)).toBe(final);
    expect(progress.slice(0, -1).every((event) => !event.done)).toBe(true);
    expect(released).toEqual(workers);
    expect(ended).toEqual(['end']);
  });

  it('passes on matches up to the limit, then stops every worker', async () => {
    const { s, matches } = settings({ args: { ...settings().s.args, maxMatches: 3 } });
    const { pool, workers } = fakePool(2);
    const run = new SearchRun(s, pool);
    workers[0].say({ type: 'matches', records: [record(1), record(2)] });
    workers[1].say({ type: 'matches', records: [record(3), record(4)] });
    workers[1].say({ type: 'matches', records: [record(5)] });
    expect(matches.flatMap((event) => event.records)).toEqual([record(1), record(2), record(3)]);
    expect(workers.every((worker) => worker.posted.some((message) => message.type === 'stop'))).toBe(true);
    for (const worker of workers) worker.say({ type: 'done', scanned: 4, matched: 2, cancelled: true });
    expect(await run.finished).toMatchObject({ matched: 3, stoppedAtLimit: true, cancelled: false, partitionsDone: 1 });
  });

  it('says cancelled when cancelled, keeps the first error, and ends a worker that died', async () => {
    const { s } = settings();
    const { pool, workers, released, discarded } = fakePool(2);
    const run = new SearchRun(s, pool);
    run.cancel();
    expect(workers.every((worker) => worker.posted.at(-1)?.type === 'stop')).toBe(true);
    workers[0].say({ type: 'error', message: 'bad record' });
    workers[1].emit('error', new Error('worker crashed'));
    expect(await run.finished).toMatchObject({ done: true, cancelled: true, error: 'bad record' });
    expect(released).toEqual([workers[0]]);
    expect(discarded).toEqual([workers[1]]);
  });
});
