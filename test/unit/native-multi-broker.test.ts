import { describe, expect, it } from 'vitest';
import { NativeStack } from '@main/services/stack/native';
import { controllerPorts } from '@main/services/stack/native/brokers';

// The native stack's three-broker cluster (`streamdesk stack up --brokers 3`): brokers kafka, kafka-2, kafka-3 in one
// stack. Started for real by the fault suite (test/faults/three-broker.test.ts) and test/integration/secure-stack.test.ts.
const base = { dataDir: '/tmp/sd-unit-nowhere', libDir: '/tmp/sd-unit-nowhere/lib', confDir: '/tmp/sd-unit-nowhere/conf' };
const secure = { superUser: 'streamdesk', password: () => 'unused-here' };

describe('native stack: three brokers', () => {
  it('keeps the single-broker default: every service, one broker', () => {
    expect(new NativeStack(base).services()).toEqual(['zookeeper', 'kafka', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']);
    expect(new NativeStack(base).shape).toEqual({ brokers: 1, superUser: null });
  });

  it('lists three brokers on the Kafka port and the two after it, in either mode', async () => {
    const zk = new NativeStack({ ...base, brokers: 3, ports: { kafka: 19092 } });
    expect(zk.services().slice(0, 4)).toEqual(['zookeeper', 'kafka', 'kafka-2', 'kafka-3']);
    expect((await zk.state()).filter((s) => s.name.startsWith('kafka')).map((s) => s.port)).toEqual([19092, 19093, 19094]);
    const kraft = new NativeStack({ ...base, kraft: true, brokers: 3, secure });
    expect(kraft.services().slice(0, 3)).toEqual(['kafka', 'kafka-2', 'kafka-3']);
    expect(kraft.shape).toEqual({ brokers: 3, superUser: 'streamdesk' });
  });

  it('runs only the services asked for, and refuses to manage the others', async () => {
    const brokersOnly = new NativeStack({ ...base, brokers: 3, only: ['zookeeper', 'kafka', 'kafka-2', 'kafka-3'] });
    expect(brokersOnly.services()).toEqual(['zookeeper', 'kafka', 'kafka-2', 'kafka-3']);
    await expect(brokersOnly.stop('flink-jobmanager')).rejects.toThrow('flink-jobmanager is not part of this stack');
    await expect(new NativeStack(base).stop('kafka-2')).rejects.toThrow('kafka-2 is not part of this stack');
  });

  it('moves KRaft controllers out of the brokers’ ports when the defaults would collide', () => {
    expect(controllerPorts(9092, 9093, 1)).toEqual([9093]);
    expect(controllerPorts(9092, 9093, 3)).toEqual([9095, 9096, 9097]);
    expect(controllerPorts(19092, 29093, 3)).toEqual([29093, 29094, 29095]);
  });

  it('refuses options it cannot honour, naming the field', () => {
    expect(() => new NativeStack({ ...base, brokers: 2 as 3 })).toThrow(/^brokers: 2 is not offered/);
    expect(() => new NativeStack({ ...base, secure: { superUser: 'a b', password: () => 'x' } })).toThrow(/^secure\.superUser: /);
    expect(() => new NativeStack({ ...base, secure, saslScram: { port: 1, users: [{ username: 'a', password: 'b' }] } })).toThrow(/^secure: /);
  });
});
