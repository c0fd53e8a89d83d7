import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseFilter, parseFrom, runSearch } from '@main/cli-search';
import { assignRanges } from '@main/services/messages/search-service';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    text: () => text,
  };
}

describe('streamdesk search arguments', () => {
  it('reads --from as beginning, end, an offset, a timestamp or a date', () => {
    expect(parseFrom(undefined, 1000)).toEqual({ kind: 'beginning' });
    expect(parseFrom('end', 50)).toEqual({ kind: 'end', count: 50 });
    expect(parseFrom('1234', 1)).toEqual({ kind: 'offset', offset: 1234 });
    expect(parseFrom('1700000000000', 1)).toEqual({ kind: 'timestamp', ms: 1_700_000_000_000 });
    expect(parseFrom('2024-01-02T03:04:05Z', 1)).toEqual({ kind: 'timestamp', ms: Date.parse('2024-01-02T03:04:05Z') });
    expect(() => parseFrom('yesterday', 1)).toThrow(/--from must be/);
  });

  it('reads --filter as an expression, or contains:/regex: on the value or key', () => {
    expect(parseFilter('value.a == 1')).toEqual({ expression: 'value.a == 1' });
    expect(parseFilter('contains:needle')).toEqual({ value: { mode: 'contains', pattern: 'needle' } });
    expect(parseFilter('key:regex:^k-1')).toEqual({ key: { mode: 'regex', pattern: '^k-1' } });
  });

  it('answers usage errors with status 2 and the usage, touching no broker', async () => {
    const out = sink();
    const err = sink();
    expect(await runSearch(['--filter', 'value.a == 1'], { brokers: ['127.0.0.1:1'] }, out.stream, err.stream)).toBe(2);
    expect(err.text()).toContain('give exactly one TOPIC');
    expect(await runSearch(['t', '--limit', '0'], { brokers: ['127.0.0.1:1'] }, out.stream, err.stream)).toBe(2);
    expect(err.text()).toContain('--limit must be a whole number');
    expect(await runSearch(['bad topic!', '--filter', 'x'], { brokers: ['127.0.0.1:1'] }, out.stream, err.stream)).toBe(2);
    expect(await runSearch(['--help'], { brokers: [] }, out.stream, err.stream)).toBe(0);
    expect(out.text()).toContain('streamdesk search TOPIC --filter EXPR');
  });

  it('splits partitions over workers by the records each has to read', () => {
    const ranges = [
      { partition: 0, start: 0, end: 100 },
      { partition: 1, start: 0, end: 10 },
      { partition: 2, start: 50, end: 100 },
      { partition: 3, start: 0, end: 45 },
    ];
    const shares = assignRanges(ranges, 2);
    expect(shares.map((share) => share.map((range) => range.partition).sort())).toEqual([[0], [1, 2, 3]]);
    expect(assignRanges(ranges, 16)).toHaveLength(4);
    expect(assignRanges([], 4)).toEqual([]);
  });
});
