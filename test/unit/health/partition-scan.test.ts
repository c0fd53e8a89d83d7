import { describe, expect, it } from 'vitest';
import type { ClusterDescription, TopicMetadataLike } from '@main/services/health/kafka-probe';
import { PartitionScans } from '@main/services/health/partition-scan';

const cluster = (brokers: number[], controller = brokers[0]): ClusterDescription => ({
  clusterId: 'c1',
  controller,
  brokers: brokers.map((nodeId) => ({ nodeId, host: 'h', port: 9092 + nodeId })),
});
const topics: TopicMetadataLike[] = [{ name: 'orders', partitions: [{ partitionId: 0, leader: 1, replicas: [1, 2], isr: [1, 2] }] }];

describe('reusing the health poll partition scan', () => {
  it('scans every poll while a scan is quick', () => {
    const scans = new PartitionScans(3000);
    scans.remember('b:9092', cluster([1, 2]), topics, 0, 50);
    expect(scans.reusable(cluster([1, 2]), 2999)).toBe(topics);
    expect(scans.reusable(cluster([1, 2]), 3000)).toBeNull();
  });

  it('keeps a slow scan ten times as long as it took, so the broker spends a tenth of its time on it at most', () => {
    const scans = new PartitionScans(3000);
    scans.remember('b:9092', cluster([1, 2]), topics, 0, 600);
    expect(scans.reusable(cluster([1, 2]), 5999)).toBe(topics);
    expect(scans.reusable(cluster([1, 2]), 6000)).toBeNull();
  });

  it('keeps a scan of more than 1,000 topics 15 s however quick it was (the broker answered every topic every 3 s)', () => {
    const many: TopicMetadataLike[] = Array.from({ length: 1001 }, (_, i) => ({ name: `t${i}`, partitions: topics[0].partitions }));
    const scans = new PartitionScans(3000);
    scans.remember('b:9092', cluster([1, 2]), many, 0, 300);
    expect(scans.reusable(cluster([1, 2]), 14_999)).toBe(many);
    expect(scans.reusable(cluster([1, 2]), 15_000)).toBeNull();
    expect(scans.reusable(cluster([1]), 10)).toBeNull();
  });

  it('scans again at once when a broker leaves or joins or the poll failed, not when the named controller changes', () => {
    const scans = new PartitionScans(3000);
    scans.remember('b:9092', cluster([1, 2]), topics, 0, 600);
    expect(scans.reusable(cluster([1]), 10)).toBeNull();
    expect(scans.reusable(cluster([1, 2, 3]), 10)).toBeNull();
    // KRaft brokers name a random live broker as controller in every Metadata answer
    expect(scans.reusable(cluster([1, 2], 2), 10)).toBe(topics);
    expect(scans.reusable(cluster([2, 1], 1), 10)).toBe(topics);
    scans.forget();
    expect(scans.reusable(cluster([1, 2]), 10)).toBeNull();
  });

  it('lends a scan of more than 1,000 topics to the metrics sampler while it is at most 20 s old, and only for its own bootstrap', () => {
    const many: TopicMetadataLike[] = Array.from({ length: 1001 }, (_, i) => ({ name: `t${i}`, partitions: topics[0].partitions }));
    const scans = new PartitionScans(3000);
    expect(scans.sharedList('b:9092', 0)).toBeNull();
    scans.remember('b:9092', cluster([1, 2]), many, 1000, 300);
    expect(scans.sharedList('b:9092', 21_000)).toEqual({ topics: many, at: 1000 });
    expect(scans.sharedList('b:9092', 21_001)).toBeNull();
    expect(scans.sharedList('other:9092', 1000)).toBeNull();
    scans.forget();
    expect(scans.sharedList('b:9092', 1000)).toBeNull();
  });

  it('does not lend a small cluster its scan: the sampler lists those itself every 2 s', () => {
    const scans = new PartitionScans(3000);
    scans.remember('b:9092', cluster([1, 2]), topics, 0, 50);
    expect(scans.sharedList('b:9092', 1)).toBeNull();
  });
});
