// The answers scripts/record-broker-fixtures.mjs recorded from a real broker (fixtures/<mode>.json), bigints revived, and
// `srvr` of a real three-server ZooKeeper 3.8.4 ensemble (fixtures/zookeeper-srvr-*.txt).
import { readFileSync } from 'node:fs';
import type { ClusterLayout, RawBrokerConfig } from '@main/clients/kafka/broker-admin';
import type { QuorumAnswer } from '@main/clients/kafka/metadata-quorum';

interface Recorded {
  bootstrap: string;
  quorum: { topics: { partitions: QuorumAnswer['partition'][] }[]; nodes: QuorumAnswer['nodes'] } | null;
  metadata: ClusterLayout['metadata'];
  logDirs: Exclude<ClusterLayout['logDirs'], { error: unknown }>;
  configs: { configs: RawBrokerConfig[] };
  refusal: unknown;
}

const revive = (_: string, value: unknown) =>
  value && typeof value === 'object' && '$bigint' in value ? BigInt((value as { $bigint: string }).$bigint) : value;

export interface RecordedBrokers {
  quorum: QuorumAnswer | null;
  layout: ClusterLayout;
  logDirs: Recorded['logDirs'];
  configs: Recorded['configs'];
  refusal: unknown;
}

export function recorded(mode: 'kraft' | 'zookeeper'): RecordedBrokers {
  const r = JSON.parse(readFileSync(new URL(`fixtures/${mode}.json`, import.meta.url), 'utf8'), revive) as Recorded;
  const quorum: QuorumAnswer | null = r.quorum && { partition: r.quorum.topics[0].partitions[0], nodes: r.quorum.nodes };
  return { ...r, quorum, layout: { metadata: r.metadata, logDirs: r.logDirs } satisfies ClusterLayout };
}

export const srvr = (name: string) => readFileSync(new URL(`fixtures/zookeeper-srvr-${name}.txt`, import.meta.url), 'utf8');
