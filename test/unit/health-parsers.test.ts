import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlinkOverview, flinkEndpoint, flinkHealthFrom } from '@main/services/health/flink-probe';
import { parseMntr, parseSrvr, splitHostPort } from '@main/services/health/four-letter-words';
import { kafkaHealthFrom, type ClusterDescription, type TopicMetadataLike } from '@main/services/health/kafka-probe';
import { zookeeperHealthFrom } from '@main/services/health/zookeeper-probe';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const zk = { ruok: fixture('zookeeper-ruok.txt'), srvr: fixture('zookeeper-srvr.txt'), mntr: fixture('zookeeper-mntr.txt') };

describe('ZooKeeper four-letter words (recorded from ZooKeeper 3.8.4)', () => {
  it('parses mntr and srvr', () => {
    expect(parseMntr(zk.mntr).get('zk_server_state')).toBe('standalone');
    expect(parseSrvr(zk.srvr).get('Mode')).toBe('standalone');
    expect(parseSrvr(zk.srvr).get('Latency min/avg/max')).toMatch(/^\d+\/[\d.]+\/\d+$/);
  });

  it('builds an up health with mode, version, latency, connections and znodes', () => {
    const health = zookeeperHealthFrom('127.0.0.1:2181', zk, 1000, 3);
    expect(health.status).toBe('up');
    expect(health.details).toEqual({
      address: '127.0.0.1:2181',
      mode: 'standalone',
      version: '3.8.4',
      avgLatencyMs: 3.0986,
      maxLatencyMs: 47,
      connections: 2,
      znodes: 28,
    });
  });

  it('falls back to srvr when mntr is not whitelisted', () => {
    const health = zookeeperHealthFrom('z:2181', { ...zk, mntr: 'mntr is not executed because it is not in the whitelist.\n' }, 0, 1);
    expect(health.details.mode).toBe('standalone');
    expect(health.details.znodes).toBe(28);
    expect(health.status).toBe('degraded');
    expect(health.reason).toContain('4lw.commands.whitelist');
  });

  it('is down when ruok is not answered with imok', () => {
    expect(zookeeperHealthFrom('z:2181', { ruok: '', srvr: '', mntr: '' }, 0, 1)).toMatchObject({ status: 'down' });
  });

  it('splits host and port, with IPv6 and defaults', () => {
    expect(splitHostPort('zk1:2182', 2181)).toEqual({ host: 'zk1', port: 2182 });
    expect(splitHostPort('zk1', 2181)).toEqual({ host: 'zk1', port: 2181 });
    expect(splitHostPort('[::1]:2181', 1)).toEqual({ host: '::1', port: 2181 });
  });
});

describe('Flink /overview (recorded from Flink 1.18.1)', () => {
  const overview = FlinkOverview.parse(JSON.parse(fixture('flink-overview.json')));

  it('gives the JobManager and TaskManager tiles their figures', () => {
    const { flink, taskmanagers } = flinkHealthFrom('http://127.0.0.1:8081', overview, 0, 5);
    expect(flink).toMatchObject({ status: 'up', details: { version: '1.18.1', jobsRunning: 0, jobsFailed: 0 } });
    expect(taskmanagers).toMatchObject({ status: 'up', details: { taskManagers: 1, slotsTotal: 2, slotsAvailable: 2 } });
  });

  it('reports no TaskManager as down and no free slot as degraded', () => {
    expect(flinkHealthFrom('u', { ...overview, taskmanagers: 0, 'slots-total': 0, 'slots-available': 0 }, 0, 1).taskmanagers.status).toBe('down');
    const full = flinkHealthFrom('u', { ...overview, 'slots-available': 0 }, 0, 1).taskmanagers;
    expect(full.status).toBe('degraded');
    expect(full.reason).toContain('All 2 task slots');
  });

  it('asks a Flink behind a proxy path under that path', () => {
    expect(flinkEndpoint('https://gateway.example.com/flink/', '/overview')).toBe('https://gateway.example.com/flink/overview');
    expect(flinkEndpoint('https://gateway.example.com/team-a/flink', '/taskmanagers')).toBe('https://gateway.example.com/team-a/flink/taskmanagers');
    expect(flinkEndpoint('http://127.0.0.1:8081', '/overview')).toBe('http://127.0.0.1:8081/overview');
  });
});

describe('Kafka metadata (recorded from Kafka 3.9.1)', () => {
  const recorded = JSON.parse(fixture('kafka-metadata.json')) as { cluster: ClusterDescription; topics: TopicMetadataLike[] };

  it('counts topics and partitions of a healthy cluster', () => {
    const health = kafkaHealthFrom('127.0.0.1:9092', recorded.cluster, recorded.topics, 0, 4);
    expect(health).toMatchObject({ status: 'up', reason: '' });
    expect(health.details).toMatchObject({ brokers: 1, controllerId: 0, topics: 1, partitions: 3, underReplicatedPartitions: 0, offlinePartitions: 0 });
  });

  it('flags under-replicated and offline partitions (the recorded topic with a shrunk ISR and a lost leader)', () => {
    const [topic] = recorded.topics;
    const damaged: TopicMetadataLike = {
      ...topic,
      partitions: [{ ...topic.partitions[0], replicas: [0, 1], isr: [0] }, { ...topic.partitions[1], leader: -1, isr: [] }, topic.partitions[2]],
    };
    const health = kafkaHealthFrom('b', recorded.cluster, [damaged], 0, 1);
    expect(health.status).toBe('degraded');
    // broker 1 holds a replica in the damaged copy but is not among the recorded cluster's brokers
    expect(health.reason).toBe('1 offline partition (no leader), 1 under-replicated partition, broker 1 holds replicas but is not in the cluster');
  });
});
