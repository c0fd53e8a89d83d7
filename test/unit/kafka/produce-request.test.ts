// The one-pass Produce request against @platformatic/kafka's own encoder and decoder: the same
// bytes for the same records (but the leader epoch, which the broker sets), and batches the
// client's reader takes back with a valid CRC-32C.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { crc32c, NumericMap, produceV11, readRecordsBatch, Reader, type MessageRecord } from '@platformatic/kafka';
import { encodeProduceRequest, ValueRun } from '@main/clients/kafka/produce-request';
import { SequenceBook } from '@main/clients/kafka/sequence-book';

const options = (sequences: [string, number][] = []) => ({
  producerId: 4242n,
  producerEpoch: 3,
  sequences: new NumericMap(sequences),
  compression: 'none' as const,
});

/** The client's own request for the same records. */
function clientRequest(records: MessageRecord[], sequences: [string, number][]): Buffer {
  return produceV11.createRequest(-1, 30_000, structuredClone(records), options(sequences)).buffer;
}

const record = fc.record({
  key: fc.option(
    fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
    { nil: undefined },
  ),
  value: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 100, maxLength: 20_000 })).map((bytes) => Buffer.from(bytes)),
  topic: fc.constantFrom('a', 'topic.two', 'ø-unicode'),
  partition: fc.integer({ min: 0, max: 5 }),
  timestamp: fc.bigInt({ min: 1_700_000_000_000n, max: 1_700_000_100_000n }),
});

/** Every record batch of a v11 request, read back by the client's reader (partitions by index: their order is free). */
function batchesOf(request: Buffer) {
  const reader = Reader.from(request);
  reader.readNullableString(); // transactional id
  reader.readInt16();
  reader.readInt32();
  return reader.readArray((topics) => ({
    topic: topics.readString(),
    partitions: topics
      .readArray((partitions) => {
        const index = partitions.readInt32();
        const length = partitions.readUnsignedVarInt() - 1;
        const bytes = request.subarray(partitions.position, partitions.position + length);
        partitions.skip(length);
        return { index, bytes, batch: readRecordsBatch(Reader.from(bytes)) };
      })
      .sort((a, b) => a.index - b.index),
  }));
}

describe('the one-pass Produce request', () => {
  it('is the client’s own request, byte for byte, but the leader epoch', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 1_000_000 }), (records, firstSequence) => {
        const sequences: [string, number][] = records.map((r) => [`${r.topic}:${r.partition}`, firstSequence]);
        const ours = encodeProduceRequest(-1, 30_000, structuredClone(records), options(sequences));
        const theirs = clientRequest(records, sequences);
        expect(ours.length).toBe(theirs.length);
        const ourBatches = batchesOf(ours);
        const theirBatches = batchesOf(theirs);
        expect(ourBatches.map((t) => [t.topic, t.partitions.map((p) => p.index)])).toEqual(
          theirBatches.map((t) => [t.topic, t.partitions.map((p) => p.index)]),
        );
        ourBatches.forEach((topic, t) =>
          topic.partitions.forEach((partition, p) => {
            const their = theirBatches[t].partitions[p];
            expect(partition.batch.partitionLeaderEpoch).toBe(-1);
            expect(their.batch.partitionLeaderEpoch).toBe(0);
            // everything after the leader epoch: magic, CRC, attributes … records
            expect(partition.bytes.subarray(16).equals(their.bytes.subarray(16))).toBe(true);
            expect(partition.bytes.subarray(0, 12).equals(their.bytes.subarray(0, 12))).toBe(true);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('writes batches the client reads back whole: CRC, producer, sequence, every record', () => {
    const records: MessageRecord[] = Array.from({ length: 1000 }, (_, i) => ({
      topic: 'ingest',
      partition: i % 3,
      key: i % 2 ? Buffer.from(`k${i}`) : undefined,
      value: Buffer.from(JSON.stringify({ i, text: 'x'.repeat(i % 200) })),
    }));
    const request = encodeProduceRequest(-1, 30_000, records, options([['ingest:1', 77]]));
    const [topic] = batchesOf(request);
    expect(topic.topic).toBe('ingest');
    for (const { index, bytes, batch } of topic.partitions) {
      const mine = records.filter((r) => r.partition === index);
      expect(batch.crc).toBe(crc32c(bytes.subarray(21)));
      expect(batch.magic).toBe(2);
      expect(batch.producerId).toBe(4242n);
      expect(batch.producerEpoch).toBe(3);
      expect(batch.firstSequence).toBe(index === 1 ? 77 : 0);
      expect(batch.lastOffsetDelta).toBe(mine.length - 1);
      expect(batch.records.map((r) => [r.key?.toString() ?? null, r.value?.toString(), r.offsetDelta, r.timestampDelta])).toEqual(
        mine.map((r, i) => [r.key?.toString() ?? null, r.value.toString(), i, 0n]),
      );
    }
  });

  it('writes a ValueRun as the same records, one message each, would be written: same bytes, same sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 7 }), (raw, partitions) => {
        const values = raw.map((bytes) => Buffer.from(bytes));
        const runs: MessageRecord[] = [];
        const single: MessageRecord[] = [];
        for (let first = 0; first < Math.min(partitions, values.length); first++) {
          const run = new ValueRun(values, first, partitions, Math.ceil((values.length - first) / partitions));
          runs.push({ topic: 'runs', partition: (first + 2) % partitions, value: run as unknown as Buffer });
          for (const value of run.picked()) single.push({ topic: 'runs', partition: (first + 2) % partitions, value: value as Buffer });
        }
        const at = 1_700_000_000_000;
        const [ours, theirs] = [runs, single].map((records) => {
          const book = new SequenceBook();
          book.firstSequence([], 4242n, 3, 'runs:0', 5); // a request before: partition 0 goes on at 5
          vi.useFakeTimers({ now: at });
          try {
            return encodeProduceRequest(-1, 30_000, records, options(), book);
          } finally {
            vi.useRealTimers();
          }
        });
        expect(ours.equals(theirs)).toBe(true);
        const [topic] = batchesOf(ours);
        expect(topic.partitions.flatMap((p) => p.batch.records.map((r) => r.value?.toString('hex'))).sort()).toEqual(
          values.map((v) => v.toString('hex')).sort(),
        );
        expect(topic.partitions.find((p) => p.index === 0)?.batch.firstSequence ?? 5).toBe(5);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a ValueRun beside other messages of its partition', () => {
    const run = new ValueRun([Buffer.from('1')], 0, 1, 1) as unknown as Buffer;
    expect(() =>
      encodeProduceRequest(
        -1,
        30_000,
        [
          { topic: 't', partition: 0, value: run },
          { topic: 't', partition: 0, value: Buffer.from('2') },
        ],
        options(),
      ),
    ).toThrow(/only message/);
  });
});
