// Creates the Kafka topics a pipeline reads and writes when they are missing: a Kafka source on
// a missing topic fails the job at once ("does not host this topic-partition").
import { StreamdeskError } from '@shared/errors';
import type { TopicsService } from '../topics/topics-service';
import { BUILTIN_TOPICS, type TopicSpec } from './builtin-pipelines';

export interface TopicEnsurer {
  /** Returns the names it created. */
  ensure(topics: string[]): Promise<string[]>;
}

/** Seed/built-in topics get their specified settings; any other topic 1 partition, 7 days. */
export function topicSpec(name: string): TopicSpec {
  return (Object.hasOwn(BUILTIN_TOPICS, name) ? BUILTIN_TOPICS[name] : undefined) ?? { name, partitions: 1, retentionHours: 168, cleanupPolicy: 'delete' };
}

export function topicsServiceEnsurer(topics: Pick<TopicsService, 'exists' | 'create'>): TopicEnsurer {
  return {
    async ensure(names) {
      const created: string[] = [];
      for (const name of [...new Set(names)]) {
        if (await topics.exists(name)) continue;
        const s = topicSpec(name);
        try {
          await topics.create({
            name,
            partitions: s.partitions,
            replicationFactor: 1,
            retentionHours: s.retentionHours,
            cleanupPolicy: s.cleanupPolicy,
            configs: {},
          });
          created.push(name);
        } catch (e) {
          // another start (or the generator) created it meanwhile: that is what we wanted
          if (!(e instanceof StreamdeskError && e.code === 'conflict')) throw e;
        }
      }
      return created;
    },
  };
}
