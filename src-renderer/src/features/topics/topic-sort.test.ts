import { describe, expect, it } from 'vitest';
import type { TopicSummary } from '@shared/topics';
import { sortTopics } from './topic-sort';

function topic(name: string, figures: Partial<TopicSummary> = {}): TopicSummary {
  return {
    name,
    internal: false,
    partitions: 1,
    replicationFactor: 1,
    retentionMs: null,
    cleanupPolicy: null,
    messageCount: null,
    sizeBytes: null,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    ...figures,
  };
}

const names = (topics: TopicSummary[]) => topics.map((entry) => entry.name);

describe('sortTopics', () => {
  const topics = [
    topic('b', { sizeBytes: 10, retentionMs: 3_600_000, partitions: 3 }),
    topic('a', { sizeBytes: 300, retentionMs: -1, partitions: 1 }),
    topic('d', { sizeBytes: 300, retentionMs: 60_000, partitions: 3 }),
    topic('c'),
  ];
  const figured = new Set(['a', 'b', 'd']);

  it('sorts by a figure either way, rows whose figure is not read yet last both times, ties by name', () => {
    expect(names(sortTopics(topics, { key: 'sizeBytes', descending: true }, figured))).toEqual(['a', 'd', 'b', 'c']);
    expect(names(sortTopics(topics, { key: 'sizeBytes', descending: false }, figured))).toEqual(['b', 'a', 'd', 'c']);
  });

  it('counts unlimited retention as the longest', () => {
    expect(names(sortTopics(topics, { key: 'retentionMs', descending: true }, figured))).toEqual(['a', 'b', 'd', 'c']);
  });

  it('sorts metadata columns whether figures are read or not', () => {
    expect(names(sortTopics(topics, { key: 'partitions', descending: false }, new Set()))).toEqual(['a', 'c', 'b', 'd']);
    expect(names(sortTopics(topics, { key: 'name', descending: true }, new Set()))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('puts offline partitions before under-replicated ones when sorting by health', () => {
    const sick = [topic('ok'), topic('under', { underReplicatedPartitions: 2 }), topic('offline', { offlinePartitions: 1 })];
    expect(names(sortTopics(sick, { key: 'health', descending: true }, new Set()))).toEqual(['offline', 'under', 'ok']);
  });
});
