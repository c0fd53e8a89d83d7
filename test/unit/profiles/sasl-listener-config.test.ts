import { describe, expect, it } from 'vitest';
import { kafkaZkProperties, saslUsersProblem, scramCredentialConfig } from '@main/services/stack/native/broker-configs';

const base = { host: '127.0.0.1', port: 9092, zookeeperPort: 2181, logDir: '/d/kafka' };

describe('the opt-in SASL listener of the native ZooKeeper-mode broker', () => {
  it('changes nothing unless asked', () => {
    const text = kafkaZkProperties(base);
    expect(text).toContain('listeners=PLAINTEXT://127.0.0.1:9092\n');
    expect(text).not.toMatch(/sasl|SASL/);
  });

  it('adds a SASL_PLAINTEXT listener with SCRAM and PLAIN, PLAINTEXT staying inter-broker', () => {
    const text = kafkaZkProperties({ ...base, saslScram: { port: 9094, users: [{ username: 'alice', password: 'pw-1' }] } });
    expect(text).toContain('listeners=PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094\n');
    expect(text).toContain('inter.broker.listener.name=PLAINTEXT');
    expect(text).toContain('sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN');
    expect(text).toContain('PlainLoginModule required user_alice="pw-1";');
    expect(scramCredentialConfig('pw-1')).toBe('SCRAM-SHA-256=[iterations=4096,password=pw-1],SCRAM-SHA-512=[password=pw-1]');
  });

  it('rejects names and passwords that would break the JAAS or ConfigCommand syntax', () => {
    expect(saslUsersProblem([{ username: 'alice', password: 'ok-pw' }])).toBeNull();
    expect(saslUsersProblem([])).toMatch(/at least one user/);
    expect(saslUsersProblem([{ username: 'a b', password: 'x' }])).toMatch(/username "a b"/);
    for (const bad of ['', 'a"b', 'a,b', 'a=b', 'a]b', 'a b', 'a\\b']) {
      expect(saslUsersProblem([{ username: 'u', password: bad }])).toMatch(/password of "u"/);
    }
  });
});
