import { describe, expect, it } from 'vitest';
import { requestIsolating } from '@main/clients/kafka/isolating';
import { mapConcurrently, slicesOf } from '@main/clients/kafka/slices';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('slicesOf', () => {
  it('cuts in order, the last slice holding the rest', () => {
    expect(slicesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(slicesOf([], 500)).toEqual([]);
    expect(
      slicesOf(
        Array.from({ length: 10_000 }, (_, i) => i),
        1000,
      ).map((slice) => slice.length),
    ).toEqual(Array(10).fill(1000));
  });
  it('refuses a size that would never end, naming the field', () => {
    expect(() => slicesOf([1], 0)).toThrow(/size: must be a whole number of at least 1/);
    expect(() => slicesOf([1], 1.5)).toThrow(/size/);
  });
});

describe('mapConcurrently', () => {
  it('keeps the order of the items and never runs more than asked at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3], 2, async (item) => {
      running += 1;
      most = Math.max(most, running);
      for (let i = 0; i < item; i++) await tick();
      running -= 1;
      return item * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
  it('runs fewer workers than items allow, and none for no items', async () => {
    expect(await mapConcurrently([], 4, () => Promise.resolve(1))).toEqual([]);
    expect(await mapConcurrently(['a'], 4, (item, index) => Promise.resolve(`${item}${index}`))).toEqual(['a0']);
  });
  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('slice 1 timed out');
      return item;
    });
    await expect(run).rejects.toThrow('slice 1 timed out');
    expect(started.length).toBeLessThanOrEqual(3);
  });
  it('refuses a concurrency below 1, naming the field', async () => {
    await expect(mapConcurrently([1], 0, () => Promise.resolve(1))).rejects.toThrow(/concurrency: must be a whole number of at least 1/);
  });
});

describe('requestIsolating', () => {
  /** Answers like kafkajs' DescribeConfigs: the whole batch fails if one topic in it is bad. */
  const broker = (bad: Set<string>, calls: string[][]) => async (names: string[]) => {
    calls.push(names);
    await tick();
    const wrong = names.find((name) => bad.has(name));
    if (wrong) throw Object.assign(new Error(`${wrong}: This server does not host this topic-partition`), { name: 'KafkaJSProtocolError' });
    return names.map((name) => ({ name }));
  };
  const aboutATopic = (error: unknown) => (error as Error).name === 'KafkaJSProtocolError';
  const names = Array.from({ length: 16 }, (_, i) => `t${i}`);

  it('answers everything in one request when nothing is wrong', async () => {
    const calls: string[][] = [];
    const { results, failed } = await requestIsolating(names, broker(new Set(), calls), aboutATopic, { requests: 64 });
    expect(results.map((result) => result.name)).toEqual(names);
    expect(failed.size).toBe(0);
    expect(calls).toHaveLength(1);
  });
  it('finds the topics at fault by halving, and answers every other topic', async () => {
    const calls: string[][] = [];
    const { results, failed } = await requestIsolating(names, broker(new Set(['t5', 't12']), calls), aboutATopic, { requests: 64 });
    expect(results.map((result) => result.name).sort()).toEqual(names.filter((name) => name !== 't5' && name !== 't12').sort());
    expect([...failed.keys()].sort()).toEqual(['t12', 't5']);
    expect((failed.get('t5') as Error).message).toMatch(/t5: This server does not host/);
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * 2 * Math.log2(names.length));
  });
  it('fails the batch whole for an error about the request (a timeout), without more requests', async () => {
    const calls: string[][] = [];
    const timeout = (batch: string[]) => {
      calls.push(batch);
      return Promise.reject(Object.assign(new Error('Request DescribeConfigs(key: 32, version: 2) timed out'), { name: 'KafkaJSRequestTimeoutError' }));
    };
    const { results, failed } = await requestIsolating(names, timeout, aboutATopic, { requests: 64 });
    expect(results).toEqual([]);
    expect([...failed.keys()]).toEqual(names);
    expect(calls).toHaveLength(1);
  });
  it('gives a failing batch up whole once the extra requests are spent', async () => {
    const calls: string[][] = [];
    const everyTopicBad = new Set(names);
    const budget = { requests: 6 };
    const { results, failed } = await requestIsolating(names, broker(everyTopicBad, calls), aboutATopic, budget);
    expect(results).toEqual([]);
    expect(failed.size).toBe(names.length);
    expect(calls.length).toBeLessThanOrEqual(1 + 6);
    expect(budget.requests).toBeLessThan(2);
  });
});
