// server.properties of each broker of the native stack, ZooKeeper or KRaft mode, one broker or three, plain or secure.
// Pure functions: settings in, text out. The super user's password is never written here: the secure lines name an
// environment variable the broker resolves at start (Kafka's EnvVarConfigProvider), so no file holds it.

/** The environment variable that carries the super user's password into the broker and Connect JVMs. */
export const SUPER_USER_PASSWORD_ENV = 'STREAMDESK_SUPER_USER_PASSWORD';

/** Where this broker sits in its cluster, and whether the cluster is secured. */
interface BrokerPlace {
  /** 0-based: broker.id in ZooKeeper mode, node.id - 1 in KRaft. Default 0. */
  index?: number;
  /** How many brokers the cluster has. Default 1. */
  brokers?: number;
  /** SASL/SCRAM-SHA-512 on every listener and an authorizer with this super user; absent: PLAINTEXT as before. */
  secure?: { superUser: string };
}

export interface KafkaZkConfigInput extends BrokerPlace {
  host: string;
  /** This broker's own port. */
  port: number;
  zookeeperPort: number;
  logDir: string;
  /** Opt-in extra SASL_PLAINTEXT listener (see NativeStackOptions.saslScram); not with `secure`. */
  saslScram?: { port: number; users: Array<{ username: string; password: string }> };
  /** Opt-in extra TLS listeners (see NativeStackOptions.tls). */
  tls?: NativeTlsListeners;
}

export interface KafkaKraftConfigInput extends BrokerPlace {
  host: string;
  port: number;
  /** Every controller's port, this node's at `index`; one entry: the single node of a standalone quorum. */
  controllerPorts: number[];
  logDir: string;
}

/** Two TLS listeners: SSL (server certificate only) and MTLS (client certificate required). PEM files. */
export interface NativeTlsListeners {
  port: number;
  mtlsPort: number;
  /** PEM: the broker's unencrypted PKCS#8 private key followed by its certificate chain. */
  keystorePem: string;
  /** PEM: the CA certificate(s) that signed client certificates. */
  truststorePem: string;
}

type Listener = [name: string, protocol: string, port: number];

const SCRAM_MODULE = 'org.apache.kafka.common.security.scram.ScramLoginModule';
const PLAIN_MODULE = 'org.apache.kafka.common.security.plain.PlainLoginModule';
const PASSWORD_REF = `"\${env:${SUPER_USER_PASSWORD_ENV}}"`;

/** Replication follows the cluster: a three-broker cluster keeps its internal topics (and new topics) on all three. */
function commonKafka(logDir: string, brokers: number): string[] {
  const rf = Math.min(brokers, 3);
  return [
    `log.dirs=${logDir}`,
    'num.partitions=1',
    `default.replication.factor=${rf}`,
    `offsets.topic.replication.factor=${rf}`,
    `transaction.state.log.replication.factor=${rf}`,
    // 2 of 3 keeps transactions safe and still survives one broker down
    `transaction.state.log.min.isr=${rf > 1 ? 2 : 1}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    'log.retention.hours=168',
    'log.segment.bytes=1073741824',
    'num.recovery.threads.per.data.dir=1',
  ];
}

/** The authorizer, the super user and the env provider that resolves the password reference. */
function secureCommon(superUser: string, authorizer: string): string[] {
  return [
    'config.providers=env',
    'config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    `authorizer.class.name=${authorizer}`,
    `super.users=User:${superUser}`,
    // deny by default: a user sees what an ACL grants, nothing more
    'allow.everyone.if.no.acl.found=false',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    // the brokers talk to each other as the super user; the password comes from the environment
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${SCRAM_MODULE} required username="${superUser}" password=${PASSWORD_REF};`,
  ];
}

/** The test-only SASL listener's settings; SCRAM users live in ZooKeeper, PLAIN users in the JAAS line. */
function kafkaSaslLines(sasl: NonNullable<KafkaZkConfigInput['saslScram']>): string[] {
  const plainUsers = sasl.users.map((u) => ` user_${u.username}="${u.password}"`).join('');
  return [
    'sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN',
    `listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=${SCRAM_MODULE} required;`,
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${SCRAM_MODULE} required;`,
    `listener.name.sasl_plaintext.plain.sasl.jaas.config=${PLAIN_MODULE} required${plainUsers};`,
  ];
}

/** The TLS listeners' settings; MTLS is a second listener name over the SSL protocol that demands a client certificate. */
function kafkaTlsLines(tls: NativeTlsListeners): string[] {
  return [
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${tls.keystorePem}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${tls.truststorePem}`,
    'ssl.client.auth=none',
    'listener.name.mtls.ssl.client.auth=required',
  ];
}

/** Every listener a ZooKeeper-mode broker opens: SASL_PLAINTEXT alone when secure, else PLAINTEXT plus the test extras. */
function zkModeListeners(c: KafkaZkConfigInput): Listener[] {
  if (c.secure) return [['SASL_PLAINTEXT', 'SASL_PLAINTEXT', c.port]];
  const out: Listener[] = [['PLAINTEXT', 'PLAINTEXT', c.port]];
  if (c.saslScram) out.push(['SASL_PLAINTEXT', 'SASL_PLAINTEXT', c.saslScram.port]);
  if (c.tls) out.push(['SSL', 'SSL', c.tls.port], ['MTLS', 'SSL', c.tls.mtlsPort]);
  return out;
}

const endpoints = (host: string, listeners: Listener[]): string => listeners.map(([name, , port]) => `${name}://${host}:${port}`).join(',');
const protocolMap = (listeners: Listener[]): string => listeners.map(([name, protocol]) => `${name}:${protocol}`).join(',');

/** Why this broker cannot be configured as asked, or null. */
function brokerPlaceProblem(c: BrokerPlace & { saslScram?: unknown; tls?: unknown }): string | null {
  const brokers = c.brokers ?? 1;
  const index = c.index ?? 0;
  if (!Number.isInteger(brokers) || brokers < 1) return `brokers: ${brokers} is not a broker count`;
  if (!Number.isInteger(index) || index < 0 || index >= brokers) return `index: ${index} is not a broker of ${brokers}`;
  if (c.secure && (c.saslScram || c.tls)) return 'secure: the secure cluster has its own SASL listener; saslScram and tls are for the plain one';
  return null;
}

function assertPlace(c: BrokerPlace & { saslScram?: unknown; tls?: unknown }): void {
  const problem = brokerPlaceProblem(c);
  if (problem) throw new Error(problem);
}

export function kafkaZkProperties(c: KafkaZkConfigInput): string {
  assertPlace(c);
  const listeners = zkModeListeners(c);
  const listenerName = c.secure ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  return [
    '# generated by StreamDesk (native stack, ZooKeeper mode); rewritten on every start',
    `broker.id=${c.index ?? 0}`,
    `listeners=${endpoints(c.host, listeners)}`,
    `advertised.listeners=${endpoints(c.host, listeners)}`,
    `listener.security.protocol.map=${protocolMap(listeners)}`,
    `inter.broker.listener.name=${listenerName}`,
    `zookeeper.connect=${c.host}:${c.zookeeperPort}`,
    'zookeeper.connection.timeout.ms=18000',
    // short session: after a kill -9 the broker's ephemeral /brokers/ids/<id> node expires fast,
    // so an immediate restart can register again
    'zookeeper.session.timeout.ms=6000',
    ...(c.secure ? secureCommon(c.secure.superUser, 'kafka.security.authorizer.AclAuthorizer') : []),
    ...(c.saslScram ? kafkaSaslLines(c.saslScram) : []),
    ...(c.tls ? kafkaTlsLines(c.tls) : []),
    ...commonKafka(c.logDir, c.brokers ?? 1),
    '',
  ].join('\n');
}

/**
 * The quorum: one node bootstraps a standalone (dynamic) quorum as before; three combined nodes are static voters
 * 1..3, each node both broker and controller (three JVMs instead of six on a laptop, and still a quorum of three).
 */
function kraftQuorumLines(c: KafkaKraftConfigInput): string[] {
  const ports = c.controllerPorts;
  if (ports.length === 1) return [`controller.quorum.bootstrap.servers=${c.host}:${ports[0]}`];
  return [`controller.quorum.voters=${ports.map((port, i) => `${i + 1}@${c.host}:${port}`).join(',')}`];
}

/**
 * SCRAM credentials live in the metadata log, which the controllers must read before they can check one: so the
 * controller listener signs in with PLAIN, its one user the super user (both sides read the password from the
 * environment), while clients and brokers use SCRAM-SHA-512.
 */
function kraftSecureLines(superUser: string): string[] {
  return [
    ...secureCommon(superUser, 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'),
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=${PLAIN_MODULE} required username="${superUser}" password=${PASSWORD_REF} user_${superUser}=${PASSWORD_REF};`,
  ];
}

export function kafkaKraftProperties(c: KafkaKraftConfigInput): string {
  assertPlace(c);
  const index = c.index ?? 0;
  const controllerPort = c.controllerPorts[index];
  if (controllerPort === undefined || c.controllerPorts.length !== (c.brokers ?? 1))
    throw new Error(`controllerPorts: one port per node is needed (${c.brokers ?? 1}), got ${c.controllerPorts.length}`);
  const protocol = c.secure ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  const listeners: Listener[] = [
    [protocol, protocol, c.port],
    ['CONTROLLER', protocol, controllerPort],
  ];
  return [
    '# generated by StreamDesk (native stack, KRaft mode); rewritten on every start',
    'process.roles=broker,controller',
    `node.id=${index + 1}`,
    ...kraftQuorumLines(c),
    `listeners=${endpoints(c.host, listeners)}`,
    `advertised.listeners=${endpoints(c.host, listeners)}`,
    'controller.listener.names=CONTROLLER',
    `inter.broker.listener.name=${protocol}`,
    `listener.security.protocol.map=${protocolMap(listeners)}`,
    // after a kill -9 the new incarnation is refused (DUPLICATE_BROKER_REGISTRATION) until the old
    // one's session expires: keep that short (default 9 s) so a restarted broker is back quickly
    'broker.session.timeout.ms=6000',
    // a node registers as a broker only once it has caught up with the metadata log, which waits for its logs to load:
    // at 30,000 partitions on a busy 2-core machine that took longer than Kafka's 60 s, and every node shut itself down
    // ("unable to register with the controller quorum", 2026-12-07, load 20). `stack up` stops waiting after 3 min and
    // leaves a slow broker running for a later `stack up` to find: it must still be able to come up then
    'initial.broker.registration.timeout.ms=600000',
    `share.coordinator.state.topic.replication.factor=${Math.min(c.brokers ?? 1, 3)}`,
    'share.coordinator.state.topic.min.isr=1',
    ...(c.secure ? kraftSecureLines(c.secure.superUser) : []),
    ...commonKafka(c.logDir, c.brokers ?? 1),
    '',
  ].join('\n');
}

const SASL_USERNAME = /^[A-Za-z0-9._-]+$/;
/** Characters that would break the JAAS quoting or ConfigCommand's `key=[a=b,c=d]` syntax. */
const SASL_PASSWORD = /^[^\s"\\,=[\]]+$/;

/** Why these SASL users cannot be configured, or null. */
export function saslUsersProblem(users: Array<{ username: string; password: string }>): string | null {
  if (users.length === 0) return 'saslScram.users: at least one user is required';
  for (const u of users) {
    if (!SASL_USERNAME.test(u.username)) return `saslScram.users: username "${u.username}" may only hold letters, digits, '.', '_' and '-'`;
    if (!SASL_PASSWORD.test(u.password))
      return `saslScram.users: the password of "${u.username}" is empty or holds a space, quote, backslash, ',', '=', '[' or ']'`;
  }
  return null;
}

/** ConfigCommand's value that stores both SCRAM credentials of one user. */
export function scramCredentialConfig(password: string): string {
  return `SCRAM-SHA-256=[iterations=4096,password=${password}],SCRAM-SHA-512=[password=${password}]`;
}
