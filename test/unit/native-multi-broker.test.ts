import { describe, expect, it } from 'vitest';
import { kafkaZkProperties } from '@main/services/stack/native/configs';
import { NativeStack } from '@main/services/stack/native';

// The native stack's opt-in for a local multi-broker cluster: an extra broker is a stack of one
// service with its own broker id, joining another stack's ZooKeeper. Started for real by the
// fault suite (test/faults/three-broker.test.ts).
const base = { dataDir: '/tmp/sd-unit-nowhere', libDir: '/tmp/sd-unit-nowhere/lib', confDir: '/tmp/sd-unit-nowhere/conf' };

describe('native stack: extra brokers', () => {
  it('keeps the single-broker default: every service, broker.id=0', () => {
    expect(new NativeStack(base).services()).toEqual(['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']);
    expect(kafkaZkProperties({ host: '127.0.0.1', port: 9092, zookeeperPort: 2181, logDir: '/l' })).toContain('\nbroker.id=0\n');
  });

  it('runs only the services asked for, and refuses to manage the others', async () => {
    const broker = new NativeStack({ ...base, only: ['kafka'], brokerId: 2, ports: { kafka: 19092, zookeeper: 12181 } });
    expect(broker.services()).toEqual(['kafka']);
    await expect(broker.stop('zookeeper')).rejects.toThrow('zookeeper is not part of this stack');
    expect(kafkaZkProperties({ host: '127.0.0.1', port: 19092, zookeeperPort: 12181, logDir: '/l', brokerId: 2 })).toContain('\nbroker.id=2\n');
  });

  it('refuses a broker id in KRaft mode, naming the field', () => {
    expect(() => new NativeStack({ ...base, kraft: true, brokerId: 1 })).toThrow(/^brokerId: /);
  });
});
