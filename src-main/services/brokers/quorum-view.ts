// The metadata quorum as StreamDesk shows it, from DescribeQuorum (KRaft) or each ZooKeeper server's `srvr`. Pure.
import type { Quorum, QuorumHealth, QuorumMember } from '@shared/brokers';
import type { QuorumAnswer } from '@main/clients/kafka/metadata-quorum';
import { parseSrvr } from '../health/four-letter-words';

type Replica = QuorumAnswer['partition']['currentVoters'][number];

/** KRaft answers -1 for a time it does not know (a voter the leader has not heard from since its election). */
const known = (timestamp: bigint): number | null => (timestamp < 0n ? null : Number(timestamp));

/**
 * The quorum from DescribeQuorum. Lag is the leader's log end offset minus the replica's, and the max follower lag and its
 * time are computed as Kafka's own `kafka-metadata-quorum --describe --status` computes them, so the two agree.
 */
export function kraftQuorum({ partition, nodes }: QuorumAnswer): Quorum {
  const leader = partition.currentVoters.find((voter) => voter.replicaId === partition.leaderId);
  const addressOf = (id: number) => {
    const listener = nodes.find((node) => node.nodeId === id)?.listeners[0];
    return listener ? `${listener.host}:${listener.port}` : null;
  };
  const member =
    (role: (replica: Replica) => QuorumMember['role']) =>
    (replica: Replica): QuorumMember => ({
      id: replica.replicaId,
      address: addressOf(replica.replicaId),
      role: role(replica),
      logEndOffset: Number(replica.logEndOffset),
      lag: leader ? Number(leader.logEndOffset - replica.logEndOffset) : null,
      lastFetchMs: known(replica.lastFetchTimestamp),
      lastCaughtUpMs: known(replica.lastCaughtUpTimestamp),
      problem: null,
    });
  const noLeader = partition.leaderId < 0 || !leader;
  return {
    mode: 'kraft',
    leaderId: noLeader ? null : partition.leaderId,
    leaderAddress: noLeader ? null : addressOf(partition.leaderId),
    leaderEpoch: partition.leaderEpoch,
    highWatermark: Number(partition.highWatermark),
    ...maxFollowerLag(partition.currentVoters, leader),
    voters: partition.currentVoters.map(member((replica) => (replica === leader ? 'leader' : 'follower'))),
    observers: partition.observers.map(member(() => 'observer')),
    problem: noLeader ? 'the metadata quorum has no leader' : null,
  };
}

/** MetadataQuorumCommand's MaxFollowerLag and MaxFollowerLagTimeMs: the voter with the smallest log end offset (the first of equals). */
function maxFollowerLag(voters: Replica[], leader: Replica | undefined): Pick<Quorum, 'maxFollowerLag' | 'maxFollowerLagTimeMs'> {
  if (!leader || voters.length === 0) return { maxFollowerLag: null, maxFollowerLagTimeMs: null };
  const slowest = voters.reduce((min, voter) => (voter.logEndOffset < min.logEndOffset ? voter : min));
  const lag = Number(leader.logEndOffset - slowest.logEndOffset);
  if (slowest === leader) return { maxFollowerLag: lag, maxFollowerLagTimeMs: 0 };
  const [leaderTime, slowestTime] = [known(leader.lastCaughtUpTimestamp), known(slowest.lastCaughtUpTimestamp)];
  return { maxFollowerLag: lag, maxFollowerLagTimeMs: leaderTime === null || slowestTime === null ? -1 : leaderTime - slowestTime };
}

/** One ZooKeeper server's answer to `srvr`, or why there was none. */
export interface SrvrAnswer {
  address: string;
  srvr: string | null;
  error: string | null;
}

const NOT_SERVING = 'not currently serving requests';

/** A zxid: its high 32 bits are the leader's epoch, the low 32 a counter within it. */
function zxidOf(text: string | undefined): { epoch: number; counter: number } | null {
  if (!text || !/^0x[0-9a-f]+$/i.test(text)) return null;
  const zxid = BigInt(text);
  return { epoch: Number(zxid >> 32n), counter: Number(zxid & 0xffffffffn) };
}

/** The ensemble from each server's `srvr` (Mode, Zxid): leader and followers are voters, observers are observers. */
export function zookeeperQuorum(answers: SrvrAnswer[]): Quorum {
  const servers = answers.map((answer) => {
    const fields = answer.srvr === null ? new Map<string, string>() : parseSrvr(answer.srvr);
    const mode = fields.get('Mode');
    const problem = answer.error ?? (answer.srvr?.includes(NOT_SERVING) ? 'not serving requests (no quorum)' : mode ? null : 'answered srvr without a Mode');
    const role: QuorumMember['role'] = problem ? 'unreachable' : (mode as QuorumMember['role']);
    return { address: answer.address, role, zxid: zxidOf(fields.get('Zxid')), problem };
  });
  const leader = servers.find((server) => server.role === 'leader' || server.role === 'standalone');
  const member = (server: (typeof servers)[number]): QuorumMember => ({
    id: null,
    address: server.address,
    role: server.role,
    logEndOffset: server.zxid?.counter ?? null,
    lag: leader?.zxid && server.zxid && server.zxid.epoch === leader.zxid.epoch ? leader.zxid.counter - server.zxid.counter : null,
    lastFetchMs: null,
    lastCaughtUpMs: null,
    problem: server.problem,
  });
  const voters = servers.filter((server) => server.role !== 'observer').map(member);
  const unreachable = voters.filter((voter) => voter.problem);
  return {
    mode: 'zookeeper',
    leaderId: null,
    leaderAddress: leader?.address ?? null,
    leaderEpoch: leader?.zxid?.epoch ?? null,
    highWatermark: null,
    maxFollowerLag: leader ? Math.max(0, ...voters.map((voter) => voter.lag ?? 0)) : null,
    maxFollowerLagTimeMs: null,
    voters,
    observers: servers.filter((server) => server.role === 'observer').map(member),
    problem: !leader
      ? 'the ZooKeeper ensemble has no leader'
      : unreachable.length > 0
        ? `${unreachable.map((voter) => `${voter.address}: ${voter.problem}`).join('; ')}`
        : null,
  };
}

/** What the health snapshot keeps: no offsets or fetch times (they move every half second), whole seconds behind. */
export function quorumHealth(quorum: Quorum): QuorumHealth {
  const leader = quorum.voters.find((voter) => voter.role === 'leader' || voter.role === 'standalone');
  const behind = (voter: QuorumMember): number | null => {
    if (voter === leader) return 0;
    if (leader?.lastCaughtUpMs == null || voter.lastCaughtUpMs === null) return null;
    return Math.max(0, Math.floor((leader.lastCaughtUpMs - voter.lastCaughtUpMs) / 1000));
  };
  return {
    mode: quorum.mode,
    leaderId: quorum.leaderId,
    leaderAddress: quorum.leaderAddress,
    leaderEpoch: quorum.leaderEpoch,
    voters: quorum.voters.map((voter) => ({
      name: voter.id !== null ? String(voter.id) : (voter.address ?? '?'),
      leader: voter === leader,
      behindSeconds: behind(voter),
      problem: voter.problem,
    })),
    observers: quorum.observers.length,
    problem: quorum.problem,
  };
}
