// Reads the metadata quorum: DescribeQuorum when the cluster is KRaft, else `srvr` on each server of the ZooKeeper ensemble.
import type { Quorum, QuorumHealth } from '@shared/brokers';
import { describeMetadataQuorum } from '@main/clients/kafka/metadata-quorum';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import type { ConnectionRunner } from '@main/clients/kafka/raw-connection';
import { fourLetterWord } from '../health/four-letter-words';
import { errorReason } from '../health/reasons';
import { kraftQuorum, quorumHealth, zookeeperQuorum, type SrvrAnswer } from './quorum-view';

/** The servers of a ZooKeeper connect string (`h1:2181,h2:2181/chroot`). */
export function ensembleServers(connectString: string): string[] {
  const hosts = connectString.split('/')[0] ?? '';
  return hosts
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

async function askSrvr(address: string, timeoutMs: number): Promise<SrvrAnswer> {
  try {
    return { address, srvr: await fourLetterWord(address, 'srvr', timeoutMs), error: null };
  } catch (error) {
    return { address, srvr: null, error: errorReason(error, 'srvr') };
  }
}

/** null when the cluster is not KRaft and the connection names no ZooKeeper: there is no quorum StreamDesk can see. */
export async function readQuorum(target: KafkaTarget, zookeeper: string | null, timeoutMs: number, run?: ConnectionRunner): Promise<Quorum | null> {
  const kraft = await describeMetadataQuorum(target, timeoutMs, run);
  if (kraft) return kraftQuorum(kraft);
  if (!zookeeper) return null;
  return zookeeperQuorum(await Promise.all(ensembleServers(zookeeper).map((address) => askSrvr(address, timeoutMs))));
}

/** For the health snapshot: never throws; null when the quorum cannot be read (Kafka's own tile then says why). `run`: the poll's kept connection. */
export async function probeQuorum(target: KafkaTarget, zookeeper: string | null, timeoutMs: number, run?: ConnectionRunner): Promise<QuorumHealth | null> {
  const quorum = await readQuorum(target, zookeeper, timeoutMs, run).catch(() => null);
  return quorum && quorumHealth(quorum);
}
