// `docker compose ps --format json` in both shapes, and `docker ps` JSON lines for Compose 1.x.
// No engine runs here, so these are documented shapes, not recordings: documented/PROVENANCE.md.
import { describe, expect, it } from 'vitest';
import { healthFromStatus, parseComposePs, parseDockerPs, parsePortsText } from '@main/services/stack/compose/ps';
import { documented } from './fakes';

describe('parseComposePs', () => {
  it('reads the JSON array shape (Compose < 2.21)', () => {
    const states = parseComposePs(documented('ps-v2-array.json'));
    expect(states).toEqual([
      {
        service: 'kafka',
        container: 'streamdesk-kafka-1',
        state: 'running',
        health: 'healthy',
        exitCode: null,
        publishedPorts: [
          { hostIp: '0.0.0.0', published: 7071, target: 7071, protocol: 'tcp' },
          { hostIp: '0.0.0.0', published: 9092, target: 9092, protocol: 'tcp' },
        ],
      },
      { service: 'flink-taskmanager', container: 'streamdesk-flink-taskmanager-1', state: 'exited', health: null, exitCode: 137, publishedPorts: [] },
      {
        service: 'zookeeper',
        container: 'streamdesk-zookeeper-1',
        state: 'running',
        health: 'starting',
        exitCode: null,
        publishedPorts: [{ hostIp: '0.0.0.0', published: 2181, target: 2181, protocol: 'tcp' }],
      },
    ]);
  });

  it('reads one object per line (Compose 2.21+)', () => {
    const states = parseComposePs(documented('ps-v2-lines.jsonl'));
    expect(states.map((s) => [s.service, s.state, s.health])).toEqual([
      ['flink-jobmanager', 'running', 'healthy'],
      ['flink-sql-gateway', 'running', 'unhealthy'],
      ['kafka-ui', 'restarting', null],
    ]);
    expect(states[0].publishedPorts).toEqual([
      { hostIp: '0.0.0.0', published: 8081, target: 8081, protocol: 'tcp' },
      { hostIp: '::', published: 8081, target: 8081, protocol: 'tcp' },
    ]);
  });

  it('treats empty output as no containers', () => {
    expect(parseComposePs('')).toEqual([]);
    expect(parseComposePs('[]\n')).toEqual([]);
    expect(parseComposePs('null\n')).toEqual([]);
  });
});

describe('parseDockerPs (Compose 1.x)', () => {
  it('reads service labels, state, health and exit code from docker ps JSON lines', () => {
    const states = parseDockerPs(documented('docker-ps-lines.jsonl'));
    expect(states.map((s) => [s.service, s.container, s.state, s.health, s.exitCode])).toEqual([
      ['kafka', 'streamdesk_kafka_1', 'running', 'healthy', null],
      ['zookeeper', 'streamdesk_zookeeper_1', 'running', 'starting', null],
      ['flink-taskmanager', 'streamdesk_flink-taskmanager_1', 'exited', null, 137],
    ]);
    expect(states[0].publishedPorts).toHaveLength(4);
    expect(states[2].publishedPorts).toEqual([]);
  });

  it('parses port and status texts', () => {
    expect(parsePortsText('0.0.0.0:9092->9092/tcp, :::9092->9092/tcp, 7071/tcp')).toEqual([
      { hostIp: '0.0.0.0', published: 9092, target: 9092, protocol: 'tcp' },
      { hostIp: '::', published: 9092, target: 9092, protocol: 'tcp' },
    ]);
    expect(healthFromStatus('Up 5 seconds (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 2 minutes (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Up 2 minutes')).toBeNull();
  });
});
