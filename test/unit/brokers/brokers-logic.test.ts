import { describe, expect, it } from 'vitest';
import { StreamdeskError } from '@shared/errors';
import { brokerMessages } from '@main/clients/kafka/broker-admin';
import { brokerConfigEntries, checkAlterable, refusedField } from '@main/services/brokers/broker-configs';
import { brokersOverview } from '@main/services/brokers/brokers-overview';
import { kraftQuorum, quorumHealth, zookeeperQuorum } from '@main/services/brokers/quorum-view';
import { ensembleServers } from '@main/services/brokers/quorum-reader';
import { recorded, srvr } from './recorded-brokers';

const kraft = recorded('kraft');
const zk = recorded('zookeeper');

describe('the KRaft quorum (DescribeQuorum recorded from Kafka 4.1.1, one combined node)', () => {
  const answer = kraft.quorum!;
  const quorum = kraftQuorum(answer);

  it('names the leader, its epoch and high watermark as the leader answered them', () => {
    expect(quorum.mode).toBe('kraft');
    expect(quorum.leaderId).toBe(answer.partition.leaderId);
    expect(quorum.leaderEpoch).toBe(answer.partition.leaderEpoch);
    expect(quorum.highWatermark).toBe(Number(answer.partition.highWatermark));
    const listener = answer.nodes[0].listeners[0];
    expect(quorum.leaderAddress).toBe(`${listener.host}:${listener.port}`);
    expect(quorum.problem).toBeNull();
  });

  it('gives each voter its log end offset, lag behind the leader and fetch times (epoch ms)', () => {
    const [voter] = answer.partition.currentVoters;
    expect(quorum.voters).toEqual([
      {
        id: voter.replicaId,
        address: quorum.leaderAddress,
        role: 'leader',
        logEndOffset: Number(voter.logEndOffset),
        lag: 0,
        lastFetchMs: Number(voter.lastFetchTimestamp),
        lastCaughtUpMs: Number(voter.lastCaughtUpTimestamp),
        problem: null,
      },
    ]);
    expect(quorum.observers).toEqual([]);
    // one voter: it is the leader, so kafka-metadata-quorum says MaxFollowerLag 0, MaxFollowerLagTimeMs 0
    expect([quorum.maxFollowerLag, quorum.maxFollowerLagTimeMs]).toEqual([0, 0]);
  });

  it('counts a follower behind as Kafka does: leader LEO minus its LEO, and caught-up times on the leader clock', () => {
    const leader = answer.partition.currentVoters[0];
    const follower = { ...leader, replicaId: 2, logEndOffset: leader.logEndOffset - 40n, lastCaughtUpTimestamp: leader.lastCaughtUpTimestamp - 12_500n };
    const unheard = { ...leader, replicaId: 3, logEndOffset: -1n, lastFetchTimestamp: -1n, lastCaughtUpTimestamp: -1n };
    const three = kraftQuorum({ ...answer, partition: { ...answer.partition, currentVoters: [leader, follower, unheard] } });
    expect(three.voters.map((v) => [v.id, v.role, v.lag, v.lastCaughtUpMs])).toEqual([
      [leader.replicaId, 'leader', 0, Number(leader.lastCaughtUpTimestamp)],
      [2, 'follower', 40, Number(leader.lastCaughtUpTimestamp) - 12_500],
      [3, 'follower', Number(leader.logEndOffset) + 1, null],
    ]);
    // the slowest voter is the unheard one: its caught-up time is unknown, so -1 as the tool prints
    expect([three.maxFollowerLag, three.maxFollowerLagTimeMs]).toEqual([Number(leader.logEndOffset) + 1, -1]);
    const health = quorumHealth(three);
    expect(health.voters.map((v) => [v.name, v.leader, v.behindSeconds])).toEqual([
      [String(leader.replicaId), true, 0],
      ['2', false, 12],
      ['3', false, null],
    ]);
  });

  it('says when there is no leader', () => {
    const leaderless = kraftQuorum({ ...answer, partition: { ...answer.partition, leaderId: -1 } });
    expect(leaderless.leaderId).toBeNull();
    expect(leaderless.problem).toBe('the metadata quorum has no leader');
    expect(leaderless.voters[0].lag).toBeNull();
  });
});

describe('the ZooKeeper ensemble (srvr recorded from three ZooKeeper 3.8.4 servers)', () => {
  const addresses = ['127.0.0.1:27711', '127.0.0.1:27712', '127.0.0.1:27713'];
  const answers = ['1', '2', '3'].map((n, i) => ({ address: addresses[i], srvr: srvr(n), error: null }));

  it('finds the leader, its epoch from the zxid, followers and their lag in transactions', () => {
    const quorum = zookeeperQuorum(answers);
    expect(quorum.mode).toBe('zookeeper');
    expect(quorum.leaderAddress).toBe('127.0.0.1:27713');
    expect(quorum.leaderEpoch).toBe(1); // Zxid 0x100000002
    expect(quorum.voters.map((v) => [v.address, v.role, v.logEndOffset, v.lag])).toEqual([
      ['127.0.0.1:27711', 'follower', 2, 0],
      ['127.0.0.1:27712', 'follower', 2, 0],
      ['127.0.0.1:27713', 'leader', 2, 0],
    ]);
    expect(quorum.problem).toBeNull();
  });

  it('marks a server that refuses or no longer serves, and an ensemble without a leader', () => {
    const broken = zookeeperQuorum([
      { address: addresses[0], srvr: srvr('no-quorum'), error: null },
      { address: addresses[1], srvr: null, error: 'srvr: connection refused (nothing listening)' },
    ]);
    expect(broken.voters.map((v) => [v.role, v.problem])).toEqual([
      ['unreachable', 'not serving requests (no quorum)'],
      ['unreachable', 'srvr: connection refused (nothing listening)'],
    ]);
    expect(broken.leaderAddress).toBeNull();
    expect(broken.problem).toBe('the ZooKeeper ensemble has no leader');
  });

  it('reads the servers of a connect string with a chroot', () => {
    expect(ensembleServers('h1:2181, h2:2181,h3:2181/kafka')).toEqual(['h1:2181', 'h2:2181', 'h3:2181']);
  });
});

describe('brokers from recorded metadata and DescribeLogDirs', () => {
  it.each([
    ['kraft', kraft],
    ['zookeeper', zk],
  ] as const)('%s: counts leaders and replicas, sums the log dir and keeps its volume figures', (mode, r) => {
    const quorum = r.quorum ? kraftQuorum(r.quorum) : null;
    const overview = brokersOverview(r.layout, quorum, null);
    const [broker] = overview.brokers;
    const meta = r.layout.metadata.brokers[0];
    // one broker: it leads every partition of every topic, __consumer_offsets' 50 included, and holds their one replica
    const partitions = r.layout.metadata.topics.reduce((sum, topic) => sum + topic.partitions.length, 0);
    expect(r.layout.metadata.topics.some((topic) => topic.name === '__consumer_offsets' && topic.isInternal)).toBe(true);
    expect(broker).toMatchObject({
      id: meta.nodeId,
      host: meta.host,
      port: meta.port,
      rack: null,
      leaders: partitions,
      replicas: partitions,
      logDirsError: null,
    });
    const dir = r.logDirs[0].results[0];
    const sizes = dir.topics.flatMap((t) => t.partitions.map((p) => Number(p.partitionSize)));
    expect(broker.logDirs).toEqual([
      {
        path: dir.logDir,
        sizeBytes: sizes.reduce((a, b) => a + b, 0),
        partitions: sizes.length,
        totalBytes: Number(dir.totalBytes),
        usableBytes: Number(dir.usableBytes),
      },
    ]);
    expect(broker.logDirs[0].usableBytes).toBeLessThan(broker.logDirs[0].totalBytes!);
    // KRaft: the quorum's leader; ZooKeeper mode: the metadata's controller
    expect(overview.controllerId).toBe(mode === 'kraft' ? quorum!.leaderId : r.layout.metadata.controllerId);
    expect(overview.clusterId).toBe(r.layout.metadata.clusterId);
    expect(broker.isController).toBe(true);
    expect(overview.mode).toBe(mode === 'kraft' ? 'kraft' : null);
  });
});

describe('broker configs (DescribeConfigs recorded)', () => {
  const entries = brokerConfigEntries(kraft.configs.configs);
  const byName = (name: string) => entries.find((e) => e.name === name)!;

  it('says where each value comes from and which are dynamic', () => {
    expect(byName('node.id')).toMatchObject({ source: 'static', dynamic: false });
    expect(byName('log.cleaner.threads')).toMatchObject({ source: 'default', dynamic: true });
    // KRaft 4.x writes a cluster-wide min.insync.replicas when it formats the log
    expect(byName('min.insync.replicas')).toMatchObject({ source: 'dynamic-default', value: '1' });
    expect(entries.map((e) => e.name)).toEqual([...entries.map((e) => e.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses, naming the field, a config the broker lacks, a read-only one, a reset of nothing', () => {
    const refused = (set: Record<string, string>, reset: string[] = []) => {
      try {
        checkAlterable(entries, 1, set, reset);
        return null;
      } catch (error) {
        return (error as StreamdeskError).issues[0];
      }
    };
    expect(refused({ 'no.such.config': '1' })).toEqual({ path: ['set', 'no.such.config'], message: 'broker 1 has no config named no.such.config' });
    expect(refused({ 'node.id': '4' })?.path).toEqual(['set', 'node.id']);
    expect(refused({}, ['log.cleaner.threads'])).toEqual({ path: ['reset', 0], message: 'log.cleaner.threads has no override on broker 1 to remove' });
    expect(refused({ 'log.cleaner.threads': '2' })).toBeNull();
  });

  it.each([
    ['kraft', kraft],
    ['zookeeper', zk],
  ] as const)("%s: the broker's refusal in its own words, on the field it names", (_, r) => {
    const [words] = brokerMessages(r.refusal);
    expect(words).toBe('Invalid value abc for configuration log.cleaner.threads: Not a number of type INT');
    expect(refusedField(words, { 'log.retention.ms': '1', 'log.cleaner.threads': 'abc' }, [])).toEqual(['set', 'log.cleaner.threads']);
  });
});
