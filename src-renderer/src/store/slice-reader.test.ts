import { describe, expect, it } from 'vitest';
import { sliceReader } from './slice-reader';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sliceReader', () => {
  it('reads the rows on screen first, then the rest a slice at a time, one reading at a time', async () => {
    const unread = new Set(['a', 'b', 'c', 'd', 'e']);
    const asked: string[][] = [];
    const read = sliceReader(
      (shown) => {
        const onScreen = shown.filter((key) => unread.has(key));
        return (onScreen.length > 0 ? onScreen : [...unread]).slice(0, 2);
      },
      async (keys) => {
        asked.push(keys);
        await settle();
        keys.forEach((key) => unread.delete(key));
        return true;
      },
    );
    read(['d', 'e']);
    read(['e']); // while reading: only changes what is on screen
    for (let i = 0; i < 10; i++) await settle();
    expect(asked).toEqual([['d', 'e'], ['a', 'b'], ['c']]);
  });

  it('stops when a slice fails', async () => {
    const asked: string[][] = [];
    const read = sliceReader(
      () => ['a'],
      (keys) => {
        asked.push(keys);
        return Promise.resolve(false);
      },
    );
    read([]);
    for (let i = 0; i < 5; i++) await settle();
    expect(asked).toEqual([['a']]);
  });
});
