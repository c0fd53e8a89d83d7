import { describe, expect, it } from 'vitest';
import { LOCAL_STACK_CONNECTION, type Connection } from '@shared/connection';
import { activeCluster } from '@main/active-cluster';
import type { ProfileService } from '@main/services/profiles';
import type { StackService } from '@main/services/stack/stack-service';

const stack = {
  ports: { kafka: 19092, zookeeper: null, flinkRest: 18081, sqlGateway: 18083 },
  metricsUrl: 'http://127.0.0.1:17071/metrics',
  schemaRegistry: () => ({ url: 'http://127.0.0.1:18085/apis/ccompat/v7', reason: null }),
  connectUrl: () => 'http://127.0.0.1:18084',
  // a three-broker stack: every broker is in the bootstrap
  kafkaBootstrap: () => ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
} as unknown as StackService;
const remote: Connection = {
  ...LOCAL_STACK_CONNECTION,
  kafkaBootstrap: ['remote:9092'],
  prometheusUrl: 'http://prom:9090',
  schemaRegistryUrl: 'http://remote-registry:8081',
  connectUrls: ['http://connect-a:8083', 'http://connect-b:8083'],
};

function profilesOn(builtIn: boolean): ProfileService {
  return {
    activeConnection: () => remote,
    activeKafkaTarget: () => ({ brokers: ['remote:9093'], sasl: { mechanism: 'plain' } }),
    activeFlinkAuth: () => ({ authorization: 'Basic x' }),
    activeSchemaRegistry: () => ({ url: remote.schemaRegistryUrl, auth: { kind: 'bearer', token: 't' } }),
    activeConnectClusters: () => remote.connectUrls!.map((url) => ({ url, auth: { kind: 'basic', username: 'ops', password: 'pw' } })),
    active: () => ({ profile: { builtIn, prometheusUrl: 'http://profile-prom:9090' } }),
  } as unknown as ProfileService;
}

describe('activeCluster', () => {
  it('without profiles is the local stack, at its ports, every broker (KRaft: no ZooKeeper)', () => {
    const cluster = activeCluster(undefined, null, stack);
    expect(cluster.connection()).toMatchObject({
      kafkaBootstrap: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
      zookeeper: null,
      flinkUrl: 'http://127.0.0.1:18081',
      prometheusUrl: stack.metricsUrl,
      schemaRegistryUrl: 'http://127.0.0.1:18085/apis/ccompat/v7',
    });
    expect(cluster.schemaRegistry()).toEqual({ url: 'http://127.0.0.1:18085/apis/ccompat/v7' });
    expect(cluster.connectClusters()).toEqual([{ url: 'http://127.0.0.1:18084' }]);
    expect(cluster.kafkaTarget()).toEqual({ brokers: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'] });
    expect(cluster.flinkHeaders()).toEqual({});
    expect(cluster.prometheusUrl()).toBeNull();
    expect(cluster.onLocalStack()).toBe(true);
  });

  it('an explicit connection wins over the profiles', () => {
    const cluster = activeCluster(remote, profilesOn(true), stack);
    expect(cluster.connection()).toBe(remote);
    expect(cluster.kafkaTarget()).toEqual({ brokers: ['remote:9092'] });
    expect(cluster.flinkHeaders()).toEqual({});
    expect(cluster.prometheusUrl()).toBe('http://prom:9090');
    expect(cluster.onLocalStack()).toBe(false);
  });

  it('otherwise the active profile decides, the built-in one reading the local stack exporter', () => {
    const remoteProfile = activeCluster(undefined, profilesOn(false), stack);
    expect(remoteProfile.kafkaTarget()).toMatchObject({ brokers: ['remote:9093'] });
    expect(remoteProfile.flinkHeaders()).toEqual({ authorization: 'Basic x' });
    expect(remoteProfile.prometheusUrl()).toBe('http://profile-prom:9090');
    expect(remoteProfile.onLocalStack()).toBe(false);
    expect(remoteProfile.connection().schemaRegistryUrl).toBe(remote.schemaRegistryUrl);
    // a saved profile's Connect clusters with its sign-in
    const signIn = { kind: 'basic', username: 'ops', password: 'pw' };
    expect(remoteProfile.connectClusters()).toEqual([
      { url: 'http://connect-a:8083', auth: signIn },
      { url: 'http://connect-b:8083', auth: signIn },
    ]);
    // a saved profile's registry with its sign-in
    expect(remoteProfile.schemaRegistry()).toEqual({ url: remote.schemaRegistryUrl, auth: { kind: 'bearer', token: 't' } });
    const local = activeCluster(undefined, profilesOn(true), stack);
    expect(local.prometheusUrl()).toBe(stack.metricsUrl);
    // the built-in profile's registry is the stack's, whatever the stored profile says
    expect(local.schemaRegistry()).toEqual({ url: 'http://127.0.0.1:18085/apis/ccompat/v7' });
    // and so is its Connect worker
    expect(local.connectClusters()).toEqual([{ url: 'http://127.0.0.1:18084' }]);
    expect(local.onLocalStack()).toBe(true);
  });
});
