// Which topics use a subject: by TopicNameStrategy (`<topic>-key`, `<topic>-value`) and by the
// schema ids their newest records carry. Bounded: a capped number of topics (those the name names
// first), a few records per partition; the answer says how far it looked.
import type { SchemaUsage } from '@shared/schemas';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { readFraming, type RecordSide } from './wire-format';
import type { RawRecord } from './recent-records';
import { subjectVersions } from './subject-listing';

const USAGE_LIMITS = { topics: 25, recordsPerPartition: 5, parallel: 4 };

export interface UsageReader {
  /** The cluster's topic names (internal ones left out). */
  topics(): Promise<string[]>;
  newestRecords(topic: string, perPartition: number): Promise<RawRecord[]>;
}

type Hits = Map<string, { side: RecordSide; ids: Set<number>; records: number }>;

export async function findUsage(registry: SchemaRegistryClient, reader: UsageReader, subject: string): Promise<SchemaUsage> {
  const [versions, topics] = await Promise.all([subjectVersions(registry, subject, true), reader.topics()]);
  const ids = new Set(versions.versions.map((v) => v.id));
  const byName = topics.flatMap((topic) => (['key', 'value'] as const).filter((side) => subject === `${topic}-${side}`).map((side) => ({ topic, side })));
  const named = new Set(byName.map((u) => u.topic));
  const candidates = [...topics.filter((t) => named.has(t)), ...topics.filter((t) => !named.has(t)).sort()].slice(0, USAGE_LIMITS.topics);
  const hits: Hits = new Map();
  const failures: SchemaUsage['scanned']['failures'] = [];
  const queue = [...candidates];
  const worker = async () => {
    for (let topic = queue.shift(); topic !== undefined; topic = queue.shift()) {
      try {
        const records = await reader.newestRecords(topic, USAGE_LIMITS.recordsPerPartition);
        await countIds(registry, topic, records, ids, hits);
      } catch (e) {
        failures.push({ topic, reason: (e as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: USAGE_LIMITS.parallel }, worker));
  const byRecords = [...hits.entries()]
    .map(([key, hit]) => ({ topic: key.slice(0, key.lastIndexOf('\u0000')), side: hit.side, ids: [...hit.ids].sort((a, b) => a - b), records: hit.records }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.side.localeCompare(b.side));
  return {
    subject,
    byName,
    byRecords,
    scanned: { topics: candidates.length, topicsTotal: topics.length, recordsPerPartition: USAGE_LIMITS.recordsPerPartition, failures },
  };
}

async function countIds(registry: SchemaRegistryClient, topic: string, records: RawRecord[], ids: Set<number>, hits: Hits): Promise<void> {
  for (const record of records) {
    for (const side of ['key', 'value'] as const) {
      const bytes = record[side];
      if (!bytes) continue;
      const framing = readFraming(bytes, side, record.headers);
      if ('reason' in framing) continue;
      // Apicurio's global ids name a version; the subject's versions are listed by content id
      const id = framing.idKind === 'global' ? await registry.contentIdOfGlobalId(framing.id).catch(() => -1) : framing.id;
      if (!ids.has(id)) continue;
      const key = `${topic}\u0000${side}`;
      const hit = hits.get(key) ?? { side, ids: new Set<number>(), records: 0 };
      hit.ids.add(id);
      hit.records++;
      hits.set(key, hit);
    }
  }
}
