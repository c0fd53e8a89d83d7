import { describe, expect, it } from 'vitest';
import { mapText, parseSourceOffsets, sinkChange, sinkRows } from './offsets-edit';

describe('sink offsets', () => {
  const offsets = [
    { partition: { kafka_topic: 'b', kafka_partition: 0 }, offset: { kafka_offset: 7 } },
    { partition: { kafka_topic: 'a', kafka_partition: 1 }, offset: { kafka_offset: 3 } },
    { partition: { kafka_topic: 'a', kafka_partition: 0 }, offset: null },
  ];

  it('are rows by topic and partition, and only the rows given a new offset are sent', () => {
    const rows = sinkRows(offsets);
    expect(rows.map((row) => [row.topic, row.partition, row.current])).toEqual([
      ['a', 0, null],
      ['a', 1, 3],
      ['b', 0, 7],
    ]);
    rows[1].next = '0';
    expect(sinkChange(rows)).toEqual({ ok: true, offsets: [{ partition: { kafka_topic: 'a', kafka_partition: 1 }, offset: { kafka_offset: 0 } }] });
  });

  it('refuse a bad offset naming its partition, and an edit with nothing changed', () => {
    const rows = sinkRows(offsets);
    rows[2].next = '-1';
    expect(sinkChange(rows)).toEqual({ ok: false, error: 'b-0: the offset must be a whole number ≥ 0' });
    expect(sinkChange(sinkRows(offsets))).toMatchObject({ ok: false });
  });
});

describe('source offsets as JSON', () => {
  it("take the array, or Connect's own document, with a null offset to forget a partition", () => {
    const entry = { partition: { filename: '/tmp/in.txt' }, offset: { position: 12 } };
    expect(parseSourceOffsets(JSON.stringify([entry]))).toEqual({ ok: true, offsets: [entry] });
    expect(parseSourceOffsets(JSON.stringify({ offsets: [{ ...entry, offset: null }] }))).toEqual({ ok: true, offsets: [{ ...entry, offset: null }] });
  });

  it('name the entry that is wrong', () => {
    expect(parseSourceOffsets('[{"partition": {"f": 1}, "offset": 5}]')).toEqual({ ok: false, error: '[0].offset: must be an object, or null to forget it' });
    expect(parseSourceOffsets('[{"offset": {}}]')).toEqual({ ok: false, error: '[0].partition: must be an object' });
    expect(parseSourceOffsets('[]')).toMatchObject({ ok: false });
    expect(parseSourceOffsets('nope')).toMatchObject({ ok: false });
  });

  it('show a sink partition as topic-partition and a source map as JSON', () => {
    expect(mapText({ kafka_topic: 'a', kafka_partition: 2 })).toBe('a-2');
    expect(mapText({ kafka_offset: 9 })).toBe('9');
    expect(mapText({ filename: '/f' })).toBe('{"filename":"/f"}');
    expect(mapText(null)).toBe('—');
  });
});
