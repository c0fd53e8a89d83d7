import type { Producer, ProducerRecord } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '@main/services/generator/generator-run';
import { partitionedSender } from '@main/services/generator/partitioned-send';

// The producer is an edge here: a recorder that fails the sends we tell it to. The real
// producer against a cluster losing a broker is in the fault suite (test/faults/three-broker).
function recorder(failPartitions: Set<number>) {
  const sends: ProducerRecord[] = [];
  const producer = {
    send: (record: ProducerRecord) => {
      sends.push(record);
      const partition = record.messages[0]?.partition ?? -1;
      if (failPartitions.has(partition)) return Promise.reject(Object.assign(new Error(`leader of ${partition} gone`), { name: 'KafkaJSConnectionError' }));
      return Promise.resolve([]);
    },
  } as unknown as Producer;
  return { producer, sends };
}

const batch = (n: number): OutgoingMessage[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: String(i), timestamp: '0' }));

describe('partitioned sender', () => {
  it('sends one produce call per partition, each record to the partition its key hashes to', async () => {
    const { producer, sends } = recorder(new Set());
    await partitionedSender(producer, 't', 3)(batch(30));
    expect(sends.length).toBe(3);
    expect(sends.every((s) => new Set(s.messages.map((m) => m.partition)).size === 1 && s.acks === -1)).toBe(true);
    expect(sends.flatMap((s) => s.messages.map((m) => m.value)).sort()).toEqual(
      batch(30)
        .map((m) => m.value)
        .sort(),
    );
  });

  it('after a failure, sending the same batch again resends only the partitions not acknowledged', async () => {
    const fail = new Set([1]);
    const { producer, sends } = recorder(fail);
    const send = partitionedSender(producer, 't', 3);
    const messages = batch(30);
    await expect(send(messages)).rejects.toThrow('leader of 1 gone');
    fail.clear();
    const before = sends.length;
    await send(messages);
    const resent = sends.slice(before);
    expect(resent.map((s) => s.messages[0]?.partition)).toEqual([1]);
    expect(resent[0].messages).toEqual(sends.find((s) => s.messages[0]?.partition === 1)!.messages); // the same records, once more
  });
});
