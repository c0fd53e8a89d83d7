import { describe, expect, it } from 'vitest';
import { kafkaKraftProperties, kafkaZkProperties } from '@main/services/stack/native/broker-configs';

// server.properties of each broker: ZooKeeper and KRaft mode, one broker or three, plain or secure.
const props = (text: string): Map<string, string> =>
  new Map(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

const zk = { host: '127.0.0.1', zookeeperPort: 2181 };
const secure = { superUser: 'streamdesk' };

describe('ZooKeeper-mode brokers', () => {
  it('a single plain broker is as it always was', () => {
    const p = props(kafkaZkProperties({ ...zk, port: 9092, logDir: '/d/kafka/zk' }));
    expect(p.get('broker.id')).toBe('0');
    expect(p.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(p.get('inter.broker.listener.name')).toBe('PLAINTEXT');
    expect(p.get('default.replication.factor')).toBe('1');
    expect(p.get('offsets.topic.replication.factor')).toBe('1');
    expect(p.has('authorizer.class.name')).toBe(false);
  });

  it('three brokers: each its id and port, internal topics on all three', () => {
    const each = [0, 1, 2].map((index) => props(kafkaZkProperties({ ...zk, port: 9092 + index, logDir: `/d/${index}`, index, brokers: 3 })));
    expect(each.map((p) => p.get('broker.id'))).toEqual(['0', '1', '2']);
    expect(each.map((p) => p.get('listeners'))).toEqual(['PLAINTEXT://127.0.0.1:9092', 'PLAINTEXT://127.0.0.1:9093', 'PLAINTEXT://127.0.0.1:9094']);
    for (const p of each) {
      expect(p.get('zookeeper.connect')).toBe('127.0.0.1:2181');
      expect(p.get('offsets.topic.replication.factor')).toBe('3');
      expect(p.get('transaction.state.log.min.isr')).toBe('2');
    }
  });

  it('secure: SASL/SCRAM-SHA-512 only, AclAuthorizer, the super user, the password only as an environment reference', () => {
    const text = kafkaZkProperties({ ...zk, port: 9093, logDir: '/d/1', index: 1, brokers: 3, secure });
    const p = props(text);
    expect(p.get('listeners')).toBe('SASL_PLAINTEXT://127.0.0.1:9093');
    expect(p.get('listener.security.protocol.map')).toBe('SASL_PLAINTEXT:SASL_PLAINTEXT');
    expect(text).not.toMatch(/(^|[,=])PLAINTEXT:\/\//m);
    expect(p.get('inter.broker.listener.name')).toBe('SASL_PLAINTEXT');
    expect(p.get('sasl.enabled.mechanisms')).toBe('SCRAM-SHA-512');
    expect(p.get('sasl.mechanism.inter.broker.protocol')).toBe('SCRAM-SHA-512');
    expect(p.get('authorizer.class.name')).toBe('kafka.security.authorizer.AclAuthorizer');
    expect(p.get('super.users')).toBe('User:streamdesk');
    expect(p.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(p.get('config.providers.env.class')).toBe('org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    expect(p.get('listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config')).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="streamdesk" password="${env:STREAMDESK_SUPER_USER_PASSWORD}";',
    );
  });

  it('refuses a broker outside its cluster and the test listeners on a secure broker, naming the field', () => {
    expect(() => kafkaZkProperties({ ...zk, port: 1, logDir: '/d', index: 3, brokers: 3 })).toThrow(/^index: 3 is not a broker of 3/);
    expect(() => kafkaZkProperties({ ...zk, port: 1, logDir: '/d', secure, saslScram: { port: 2, users: [] } })).toThrow(/^secure: /);
  });
});

describe('KRaft-mode nodes', () => {
  it('a single plain node keeps its standalone quorum', () => {
    const p = props(kafkaKraftProperties({ host: '127.0.0.1', port: 9092, controllerPorts: [9093], logDir: '/d/kraft' }));
    expect(p.get('node.id')).toBe('1');
    expect(p.get('process.roles')).toBe('broker,controller');
    expect(p.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:9093');
    expect(p.has('controller.quorum.voters')).toBe(false);
    expect(p.get('listener.security.protocol.map')).toBe('PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT');
  });

  it('three combined nodes: static voters 1..3, each node its broker and controller port', () => {
    const each = [0, 1, 2].map((index) =>
      props(kafkaKraftProperties({ host: '127.0.0.1', port: 9092 + index, controllerPorts: [9095, 9096, 9097], logDir: `/d/${index}`, index, brokers: 3 })),
    );
    expect(each.map((p) => p.get('node.id'))).toEqual(['1', '2', '3']);
    for (const p of each) expect(p.get('controller.quorum.voters')).toBe('1@127.0.0.1:9095,2@127.0.0.1:9096,3@127.0.0.1:9097');
    expect(each[2]?.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9097');
    expect(each[0]?.get('offsets.topic.replication.factor')).toBe('3');
    expect(each[0]?.get('share.coordinator.state.topic.replication.factor')).toBe('3');
  });

  it('secure: SCRAM for clients and brokers, PLAIN between controllers, StandardAuthorizer', () => {
    const text = kafkaKraftProperties({ host: '127.0.0.1', port: 9092, controllerPorts: [9095, 9096, 9097], logDir: '/d/0', index: 0, brokers: 3, secure });
    const p = props(text);
    expect(p.get('listeners')).toBe('SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9095');
    expect(p.get('listener.security.protocol.map')).toBe('SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT');
    expect(p.get('authorizer.class.name')).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(p.get('super.users')).toBe('User:streamdesk');
    expect(p.get('sasl.mechanism.controller.protocol')).toBe('PLAIN');
    expect(p.get('listener.name.controller.sasl.enabled.mechanisms')).toBe('PLAIN');
    expect(p.get('listener.name.controller.plain.sasl.jaas.config')).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required username="streamdesk" password="${env:STREAMDESK_SUPER_USER_PASSWORD}" user_streamdesk="${env:STREAMDESK_SUPER_USER_PASSWORD}";',
    );
    expect(text).not.toMatch(/(^|[,=])PLAINTEXT:\/\//m);
  });

  it('wants one controller port per node, naming the field', () => {
    expect(() => kafkaKraftProperties({ host: 'h', port: 1, controllerPorts: [2], logDir: '/d', index: 0, brokers: 3 })).toThrow(/^controllerPorts: /);
  });
});
