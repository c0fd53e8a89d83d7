// Preferred leader election: which partitions are led by another replica than their first (the preview), then
// ElectLeaders for those (the change). ELECTION_NOT_NEEDED means the partition moved meanwhile: not an error.
import type { z } from 'zod';
import { invalidField } from '@shared/errors';
import type { ElectLeadersArgs, ElectLeadersResult } from '@shared/reassignments';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { electPreferredLeaders, readMetadata } from '@main/clients/kafka/reassignment-admin';

const ELECTION_NOT_NEEDED = 84;

type Change = ElectLeadersResult['changes'][number];

async function leaderChanges(target: KafkaTarget, topic: string | undefined): Promise<Change[]> {
  const metadata = await readMetadata(target, topic === undefined ? null : [topic]);
  if (topic !== undefined && metadata.topics.every((t) => t.name !== topic || t.errorCode !== 0))
    throw invalidField(['topic'], `topic ${topic} does not exist`);
  return metadata.topics
    .filter((t) => t.errorCode === 0 && t.name)
    .flatMap((t) =>
      t.partitions
        .filter((p) => p.replicaNodes.length > 0 && p.leaderId !== p.replicaNodes[0])
        .map((p) => ({
          topic: t.name!,
          partition: p.partitionIndex,
          leader: p.leaderId,
          preferred: p.replicaNodes[0],
          preferredInSync: p.isrNodes.includes(p.replicaNodes[0]),
          error: null,
        })),
    )
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export async function electLeaders(target: KafkaTarget, { topic, dryRun }: z.output<typeof ElectLeadersArgs>): Promise<ElectLeadersResult> {
  const changes = await leaderChanges(target, topic);
  const electable = changes.filter((c) => c.preferredInSync);
  if (dryRun || electable.length === 0) return { dryRun, changes };
  const byTopic = new Map<string, number[]>();
  for (const c of electable) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c.partition]);
  const results = await electPreferredLeaders(
    target,
    [...byTopic].map(([name, partitions]) => ({ topic: name, partitions })),
  );
  const errors = new Map(
    results
      .filter((r) => r.errorCode !== 0 && r.errorCode !== ELECTION_NOT_NEEDED)
      .map((r) => [`${r.topic}/${r.partition}`, r.errorMessage ?? `error ${r.errorCode}`]),
  );
  return {
    dryRun,
    changes: changes.map((c) => ({
      ...c,
      error: c.preferredInSync ? (errors.get(`${c.topic}/${c.partition}`) ?? null) : 'the preferred replica is not in sync',
    })),
  };
}
