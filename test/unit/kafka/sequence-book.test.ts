// The idempotent producer's sequences handed out as requests are encoded (several in flight).
import { describe, expect, it } from 'vitest';
import { NumericMap, Reader, readRecordsBatch, type MessageRecord } from '@platformatic/kafka';
import { encodeProduceRequest } from '@main/clients/kafka/produce-request';
import { SequenceBook } from '@main/clients/kafka/sequence-book';

describe('SequenceBook', () => {
  it('continues each partition where the request before it ended, before any answer', () => {
    const book = new SequenceBook();
    const first = {};
    const second = {};
    expect(book.firstSequence(first, 7n, 0, 't:0', 100)).toBe(0);
    expect(book.firstSequence(first, 7n, 0, 't:1', 5)).toBe(0);
    expect(book.firstSequence(second, 7n, 0, 't:0', 40)).toBe(100);
    expect(book.firstSequence(second, 7n, 0, 't:1', 1)).toBe(5);
    expect(book.firstSequence({}, 7n, 0, 't:0', 1)).toBe(140);
  });

  it('gives a retry of the same records the sequences they had', () => {
    const book = new SequenceBook();
    const request = {};
    expect(book.firstSequence(request, 7n, 0, 't:0', 10)).toBe(0);
    expect(book.firstSequence({}, 7n, 0, 't:0', 10)).toBe(10);
    expect(book.firstSequence(request, 7n, 0, 't:0', 10)).toBe(0);
    expect(book.firstSequence({}, 7n, 0, 't:0', 1)).toBe(20);
  });

  it('starts from 0 for a new producer id or epoch, and wraps past the largest int32 as Kafka does', () => {
    const book = new SequenceBook();
    expect(book.firstSequence({}, 7n, 0, 't:0', 10)).toBe(0);
    expect(book.firstSequence({}, 8n, 0, 't:0', 10)).toBe(0);
    expect(book.firstSequence({}, 7n, 1, 't:0', 10)).toBe(0);
    const wrapping = new SequenceBook();
    expect(wrapping.firstSequence({}, 1n, 0, 't:0', 2 ** 31 - 3)).toBe(0);
    expect(wrapping.firstSequence({}, 1n, 0, 't:0', 5)).toBe(2 ** 31 - 3);
    expect(wrapping.firstSequence({}, 1n, 0, 't:0', 1)).toBe(2);
  });
});

/** The first sequence of each partition's batch in a v11 request, read by the client's own reader. */
function firstSequences(request: Buffer): Record<number, number> {
  const reader = Reader.from(request);
  reader.readNullableString();
  reader.readInt16();
  reader.readInt32();
  const found: Record<number, number> = {};
  reader.readArray((topics) => {
    topics.readString();
    topics.readArray((partitions) => {
      const index = partitions.readInt32();
      const length = partitions.readUnsignedVarInt() - 1;
      found[index] = readRecordsBatch(Reader.from(request.subarray(partitions.position, partitions.position + length))).firstSequence;
      partitions.skip(length);
    });
  });
  return found;
}

describe('the one-pass Produce request with a SequenceBook', () => {
  const options = { producerId: 9n, producerEpoch: 0, sequences: new NumericMap(), compression: 'none' as const };
  const records = (count: number): MessageRecord[] =>
    Array.from({ length: count }, (_, i) => ({ topic: 'ingest', partition: i % 2, value: Buffer.from(`v${i}`) }));

  it('numbers back-to-back requests one after the other, and a retry the same', () => {
    const book = new SequenceBook();
    const a = records(10);
    const b = records(4);
    expect(firstSequences(encodeProduceRequest(-1, 30_000, a, options, book))).toEqual({ 0: 0, 1: 0 });
    expect(firstSequences(encodeProduceRequest(-1, 30_000, b, options, book))).toEqual({ 0: 5, 1: 5 });
    expect(firstSequences(encodeProduceRequest(-1, 30_000, a, options, book))).toEqual({ 0: 0, 1: 0 });
    expect(firstSequences(encodeProduceRequest(-1, 30_000, records(2), options, book))).toEqual({ 0: 7, 1: 7 });
  });

  it('writes -1 when the producer is not idempotent', () => {
    const plain = { compression: 'none' as const };
    expect(firstSequences(encodeProduceRequest(-1, 30_000, records(3), plain, new SequenceBook()))).toEqual({ 0: -1, 1: -1 });
  });
});
