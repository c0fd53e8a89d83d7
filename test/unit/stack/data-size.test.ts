// The stack folder's size for its status: a slow walk (120,000 files at 10,000 topics) is spaced by what it took.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataSizeMeter } from '@main/services/stack/data-size';

describe('DataSizeMeter', () => {
  it('walks again after 30 s, or after twenty times the last walk when that is longer', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'streamdesk-data-size-'));
    writeFileSync(path.join(folder, 'a'), 'x'.repeat(100));
    let clock = 0;
    const meter = new DataSizeMeter(folder, () => clock);
    const first = meter.bytes();
    clock = 2000; // the walk took 2 s: the next is due 40 s after it ended
    expect(await first).toBe(100);
    writeFileSync(path.join(folder, 'b'), 'x'.repeat(50));
    clock = 2000 + 30_001;
    expect(await meter.bytes()).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await meter.bytes()).toBe(100); // not walked at 30 s
    clock = 2000 + 40_001;
    expect(await meter.bytes()).toBe(100); // the last measure at once, a walk begun
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await meter.bytes()).toBe(150);
  });
});
