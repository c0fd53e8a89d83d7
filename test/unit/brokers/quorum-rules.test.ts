import { describe, expect, it } from 'vitest';
import type { QuorumHealth } from '@shared/brokers';
import type { HealthSnapshot } from '@shared/health';
import { quorumVotersLagging, quorumWithoutLeader } from '@main/services/alerts/quorum-rules';
import { DEFAULT_RULES } from '@main/services/alerts/rules';
import { kraftQuorum, quorumHealth, zookeeperQuorum } from '@main/services/brokers/quorum-view';
import { recorded, srvr } from './recorded-brokers';

type Details = HealthSnapshot['services']['kafka']['details'];
const details = (quorum: QuorumHealth | null): Details => ({
  bootstrap: 'b',
  clusterId: 'c',
  brokers: 3,
  controllerId: 1,
  topics: 0,
  partitions: 0,
  underReplicatedPartitions: 0,
  offlinePartitions: 0,
  quorum,
});
const fired = (run: (fire: (subject: string, message: string) => void) => void) => {
  const out: [string, string][] = [];
  run((subject, message) => out.push([subject, message]));
  return out;
};

/** The recorded quorum with two more voters: one 12.5 s behind, one the leader has not heard from. */
function threeVoters(): QuorumHealth {
  const answer = recorded('kraft').quorum!;
  const leader = answer.partition.currentVoters[0];
  const behind = { ...leader, replicaId: 2, lastCaughtUpTimestamp: leader.lastCaughtUpTimestamp - 12_500n };
  const unheard = { ...leader, replicaId: 3, lastFetchTimestamp: -1n, lastCaughtUpTimestamp: -1n };
  return quorumHealth(kraftQuorum({ ...answer, partition: { ...answer.partition, currentVoters: [leader, behind, unheard] } }));
}

describe('quorum alert rules', () => {
  it('are offered with a threshold in seconds for the lag', () => {
    expect(DEFAULT_RULES.find((r) => r.id === 'quorum-voter-lagging')).toMatchObject({ threshold: 10, enabled: true });
    expect(DEFAULT_RULES.find((r) => r.id === 'quorum-no-leader')).toMatchObject({ severity: 'critical' });
  });

  it('fire once per voter behind the threshold or unheard of, never for the leader', () => {
    const quorum = threeVoters();
    expect(fired((fire) => quorumVotersLagging(details(quorum), 10, fire))).toEqual([
      ['kraft/2', 'Voter 2 of the KRaft metadata quorum last caught up with leader 1 12 s before it (threshold 10 s)'],
      ['kraft/3', 'Voter 3 of the KRaft metadata quorum has not caught up with leader 1 since its election'],
    ]);
    expect(fired((fire) => quorumVotersLagging(details(quorum), 13, fire)).map(([s]) => s)).toEqual(['kraft/3']);
    expect(fired((fire) => quorumWithoutLeader(details(quorum), fire))).toEqual([]);
  });

  it('fire for a quorum without a leader, and not at all when the quorum is unknown', () => {
    const leaderless = { ...threeVoters(), leaderId: null, problem: 'the metadata quorum has no leader' };
    expect(fired((fire) => quorumWithoutLeader(details(leaderless), fire))).toEqual([
      ['kraft', 'The KRaft metadata quorum has no leader: the metadata quorum has no leader'],
    ]);
    expect(fired((fire) => quorumVotersLagging(details(leaderless), 10, fire))).toEqual([]);
    expect(fired((fire) => quorumWithoutLeader(details(null), fire))).toEqual([]);
  });

  it('in ZooKeeper mode fire for a server that does not serve', () => {
    const quorum = quorumHealth(
      zookeeperQuorum([
        { address: 'z1:2181', srvr: srvr('1'), error: null },
        { address: 'z3:2181', srvr: srvr('3'), error: null },
        { address: 'z2:2181', srvr: null, error: 'srvr: connection refused (nothing listening)' },
      ]),
    );
    expect(fired((fire) => quorumVotersLagging(details(quorum), 10, fire))).toEqual([
      ['zookeeper/z2:2181', 'Voter z2:2181 of the ZooKeeper ensemble: srvr: connection refused (nothing listening)'],
    ]);
  });
});
