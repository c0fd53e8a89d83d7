import type { Admin, Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DeleteGroupArgs, ResetOffsetsArgs } from '@shared/consumers';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { ConsumerGroupsService } from '@main/services/consumers/consumer-groups-service';
import { MetricsSampler } from '@main/services/metrics/metrics-sampler';

const shared = inject('sharedStack');
const target = { brokers: [shared.bootstrap] };
const TOPIC = 'it.groups.orders';
const GROUP = 'it.groups.billing';
// Recent: records older than the broker's retention (7 days) may be deleted while the suite runs.
const BASE = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;

/** The committed offsets as an independent kafkajs admin reads them. */
async function committedByIndependentClient(admin: Admin): Promise<Record<number, number>> {
  const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
  return Object.fromEntries(topic.partitions.map((partition) => [partition.partition, Number(partition.offset)]));
}

async function consumeUntil(consumer: Consumer, count: number): Promise<void> {
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumed ${seen} of ${count} records in 60 s`)), 60_000);
    consumer.on(consumer.events.CRASH, (event) => reject(new Error(`the consumer crashed: ${String(event.payload.error)}`)));
    consumer
      .run({
        autoCommit: true,
        autoCommitThreshold: 1,
        eachMessage: () => {
          seen++;
          if (seen >= count) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
}

describe('consumer groups on a real broker', () => {
  const service = new ConsumerGroupsService(() => target);
  let admin: Admin;
  let consumer: Consumer;

  beforeAll(async () => {
    admin = kafkaClient(target).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true });
    const producer = kafkaClient(target).producer();
    await producer.connect();
    // 10 records per partition, 1 s apart, so a timestamp reset has an exact answer.
    for (let partition = 0; partition < 3; partition++) {
      await producer.send({
        topic: TOPIC,
        messages: Array.from({ length: 10 }, (_, i) => ({ partition, value: `p${partition}-${i}`, timestamp: String(BASE + i * 1000) })),
      });
    }
    await producer.disconnect();
    // On a fresh cluster the first group creates __consumer_offsets (50 partitions): the
    // coordinator takes a few seconds to appear, so this client retries longer than the app's.
    consumer = kafkaClient(target, { retries: 15 }).consumer({
      groupId: GROUP,
      sessionTimeout: 10_000,
      heartbeatInterval: 500,
      retry: { retries: 15, initialRetryTime: 300, maxRetryTime: 3000 },
    });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumeUntil(consumer, 30);
    // autocommit runs after the batch: wait until all 30 are committed
    for (let i = 0; i < 100; i++) {
      const committed = await committedByIndependentClient(admin);
      if (Object.values(committed).every((offset) => offset === 10)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [TOPIC] }).catch(() => {});
    await admin.disconnect();
  });

  it('lists the group with its state, members, topics and lag, and details each partition', async () => {
    const groups = await service.list();
    const group = groups.find((candidate) => candidate.groupId === GROUP);
    expect(group).toMatchObject({ state: 'Stable', members: 1, topics: [TOPIC], totalLag: 0, protocolType: 'consumer' });

    const producer = kafkaClient(target).producer();
    await producer.connect();
    consumer.pause([{ topic: TOPIC }]);
    await producer.send({
      topic: TOPIC,
      messages: [
        { partition: 1, value: 'late-1' },
        { partition: 1, value: 'late-2' },
      ],
    });
    await producer.disconnect();

    const detail = await service.detail(GROUP);
    expect(detail.partitions.map((row) => [row.partition, row.committed, row.end, row.lag])).toEqual([
      [0, 10, 10, 0],
      [1, 10, 12, 2],
      [2, 10, 10, 0],
    ]);
    expect(detail.summary.totalLag).toBe(2);
    // the page's two reads: the rows from ListGroups alone, then the summaries of the groups on screen
    expect((await service.listGroups()).find((candidate) => candidate.groupId === GROUP)).toEqual({
      groupId: GROUP,
      state: 'Stable',
      protocolType: 'consumer',
    });
    expect(await service.summaries([GROUP])).toEqual([{ ...group, totalLag: 2 }]);
    expect(detail.members).toHaveLength(1);
    expect(detail.partitions.every((row) => row.memberId === detail.members[0].memberId && row.clientId !== null)).toBe(true);
  });

  it("records each group's total lag over time in the metrics sampler, for the group's lag chart", async () => {
    let clock = Date.now();
    const sampler = new MetricsSampler({ target: () => target, prometheusUrl: () => null, now: () => clock });
    try {
      expect(sampler.groupLag(GROUP, '5m').points).toEqual([]);
      await sampler.sample();
      clock += 6000; // past the lag refresh interval: the second sample reads lag again
      await sampler.sample();
      const history = sampler.groupLag(GROUP, '5m');
      expect(history.points).toEqual([
        [clock - 6000, 2],
        [clock, 2],
      ]);
      expect(history.resolution_ms).toBeGreaterThanOrEqual(5000);
      expect(sampler.groupLag('it.groups.never-seen', '5m').points).toEqual([]);
    } finally {
      await sampler.stop();
    }
  });

  it('previews a reset at any time, but applies it only while the group is empty', async () => {
    const preview = await service.resetOffsets(ResetOffsetsArgs.parse({ groupId: GROUP, to: { kind: 'earliest' }, dryRun: true }));
    expect(preview).toEqual({
      groupId: GROUP,
      applied: false,
      changes: [0, 1, 2].map((partition) => ({ topic: TOPIC, partition, current: 10, next: 0 })),
    });
    await expect(service.resetOffsets(ResetOffsetsArgs.parse({ groupId: GROUP, to: { kind: 'earliest' }, dryRun: false }))).rejects.toThrow(
      /is Stable with 1 member.*Empty/,
    );
    expect(await committedByIndependentClient(admin)).toEqual({ 0: 10, 1: 10, 2: 10 });
    await expect(service.delete(DeleteGroupArgs.parse({ groupId: GROUP, confirm: GROUP }))).rejects.toThrow(/only an Empty group can be deleted/);
  });

  it('resets to earliest, a timestamp, an offset and latest; an independent client reads the committed offsets', async () => {
    await consumer.disconnect();
    for (let i = 0; i < 50 && (await service.detail(GROUP)).summary.state !== 'Empty'; i++) await new Promise((resolve) => setTimeout(resolve, 200));

    const earliest = await service.resetOffsets(ResetOffsetsArgs.parse({ groupId: GROUP, to: { kind: 'earliest' }, dryRun: false }));
    expect(earliest.applied).toBe(true);
    expect(await committedByIndependentClient(admin)).toEqual({ 0: 0, 1: 0, 2: 0 });

    const atTime = await service.resetOffsets(ResetOffsetsArgs.parse({ groupId: GROUP, to: { kind: 'timestamp', ms: BASE + 6500 }, dryRun: false }));
    expect(atTime.changes.map((change) => [change.partition, change.current, change.next])).toEqual([
      [0, 0, 7],
      [1, 0, 7],
      [2, 0, 7],
    ]);
    expect(await committedByIndependentClient(admin)).toEqual({ 0: 7, 1: 7, 2: 7 });

    await service.resetOffsets(ResetOffsetsArgs.parse({ groupId: GROUP, to: { kind: 'offset', offset: 11 }, dryRun: false }));
    expect(await committedByIndependentClient(admin)).toEqual({ 0: 10, 1: 11, 2: 10 });

    await service.resetOffsets(ResetOffsetsArgs.parse({ groupId: GROUP, to: { kind: 'latest' }, dryRun: false }));
    expect(await committedByIndependentClient(admin)).toEqual({ 0: 10, 1: 12, 2: 10 });
  });

  it('deletes an empty group only with the typed group id', async () => {
    expect(() => DeleteGroupArgs.parse({ groupId: GROUP, confirm: 'it.groups' })).toThrow(/type the group id exactly/);
    await expect(service.delete({ groupId: GROUP, confirm: 'nope' })).rejects.toThrow(/type the group id/);
    await service.delete(DeleteGroupArgs.parse({ groupId: GROUP, confirm: GROUP }));
    expect((await service.list()).map((group) => group.groupId)).not.toContain(GROUP);
    await expect(service.delete(DeleteGroupArgs.parse({ groupId: GROUP, confirm: GROUP }))).rejects.toThrow(/does not exist/);
  });
});
