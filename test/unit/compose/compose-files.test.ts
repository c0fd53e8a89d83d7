// Validates compose/docker-compose.yml and compose/docker-compose.kraft.yml with a REAL compose
// parser: `docker compose` (v2 plugin) if present, else Debian's `docker-compose` 1.29.2
// (apt-get install docker-compose). Prints why when neither exists, and skips (never passes).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fakes';

const COMPOSE_DIR = join(__dirname, '..', '..', '..', 'compose');
const FILES = { zk: join(COMPOSE_DIR, 'docker-compose.yml'), kraft: join(COMPOSE_DIR, 'docker-compose.kraft.yml') };
const DATA = '/tmp/streamdesk-compose-test-data';

function tryRun(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, env: { ...process.env, STREAMDESK_DATA_DIR: DATA }, cwd: COMPOSE_DIR });
  return { ok: !r.error && r.status === 0, code: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

type Parser = { name: string; cmd: string[]; v2: boolean };
function findParser(): Parser | null {
  const v2 = tryRun('docker', ['compose', 'version']);
  if (v2.ok) return { name: `docker compose (${v2.stdout.trim()})`, cmd: ['docker', 'compose'], v2: true };
  const v1 = tryRun('docker-compose', ['version', '--short']);
  if (v1.ok) return { name: `docker-compose ${v1.stdout.trim()}`, cmd: ['docker-compose'], v2: false };
  return null;
}

const parser = findParser();
if (parser) console.info(`[compose-files] validating with the real parser: ${parser.name}`);
else
  console.warn(
    '[compose-files] SKIPPED: no compose parser on this machine (neither `docker compose` nor `docker-compose`).' +
      ' Install one: `apt-get install docker-compose` (Debian, Compose 1.29.2) or the docker-compose-plugin.',
  );

function config(file: string, ...extra: string[]) {
  const [cmd, ...prefix] = parser!.cmd;
  return tryRun(cmd, [...prefix, '-f', file, 'config', ...extra]);
}

type Port = string | { published?: number | string; target?: number };
type Volume = string | { source?: string };
interface Service {
  image?: string;
  command?: string | string[];
  ports?: Port[];
  volumes?: Volume[];
  environment: Record<string, string>;
  healthcheck?: { test?: string[] };
  networks?: Record<string, unknown>;
  depends_on: Record<string, { condition?: string }> | undefined;
}
interface Model {
  services: Record<string, Service>;
  networks: Record<string, { name?: string }>;
}

/** The parser's normalized model as JSON (v2: --format json; v1: its YAML through python3's yaml). */
function model(file: string): Model {
  if (parser!.v2) return JSON.parse(config(file, '--format', 'json').stdout) as Model;
  const yaml = config(file).stdout;
  const j = tryRun('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], yaml);
  if (!j.ok) throw new Error(`python3 yaml (shipped with docker-compose) failed: ${j.stderr}`);
  return JSON.parse(j.stdout) as Model;
}

const ports = (svc: Service): string[] =>
  (svc.ports ?? []).map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}`)).map((p) => p.replace(/^0\.0\.0\.0:/, ''));
const sources = (svc: Service): string[] => (svc.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : (v.source ?? '')));

/** Apicurio Registry 3.3.3 on 8085 (as the native stack), its schemas kept in the stack's Kafka (kafkasql), checked with its ccompat API. */
function expectRegistry(s: Record<string, Service>): void {
  const registry = s['schema-registry'];
  expect(registry.image).toBe('apicurio/apicurio-registry:3.3.3');
  expect(ports(registry)).toEqual(['8085:8080']);
  expect(registry.environment).toMatchObject({ APICURIO_STORAGE_KIND: 'kafkasql', APICURIO_KAFKASQL_BOOTSTRAP_SERVERS: 'kafka:29092' });
  expect(Object.keys(registry.depends_on ?? {})).toEqual(['kafka']);
  expect(registry.healthcheck?.test?.join(' ')).toContain('http://localhost:8080/apis/ccompat/v7/subjects');
}

/** Kafka Connect (the seed's cp-kafka-connect 7.4.0) on 8084, distributed, its three topics in the stack's Kafka with replication factor 1. */
function expectConnect(s: Record<string, Service>): void {
  const connect = s['kafka-connect'];
  expect(connect.image).toBe('confluentinc/cp-kafka-connect:7.4.0');
  expect(ports(connect)).toEqual(['8084:8083']);
  expect(connect.environment).toMatchObject({
    CONNECT_BOOTSTRAP_SERVERS: 'kafka:29092',
    CONNECT_GROUP_ID: 'streamdesk-connect',
    CONNECT_CONFIG_STORAGE_TOPIC: '_streamdesk-connect-configs',
    CONNECT_OFFSET_STORAGE_TOPIC: '_streamdesk-connect-offsets',
    CONNECT_STATUS_STORAGE_TOPIC: '_streamdesk-connect-status',
    CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR: '1',
    CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR: '1',
    CONNECT_STATUS_STORAGE_REPLICATION_FACTOR: '1',
  });
  expect(Object.keys(connect.depends_on ?? {})).toEqual(['kafka']);
  expect(connect.healthcheck?.test?.join(' ')).toContain('http://localhost:8083/connectors');
}

describe.skipIf(!parser)('compose files, checked by a real compose parser', () => {
  it.each(Object.entries(FILES))('%s file passes `config --quiet`', (_, file) => {
    const r = config(file, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.ok).toBe(true);
  });

  it('the parser really validates: a broken file fails', () => {
    const r = config(join(FIXTURES, 'invalid-compose.yml'), '--quiet');
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/missing-service|interval|invalid/i);
  });

  it('ZooKeeper file: the seed services, ports, healthchecks, ordering, network and data dir', () => {
    const m = model(FILES.zk);
    const s = m.services;
    expect(Object.keys(s).sort()).toEqual(['flink-jobmanager', 'flink-sql-gateway', 'flink-taskmanager', 'kafka', 'kafka-connect', 'kafka-ui', 'schema-registry', 'zookeeper']);
    expect(s.zookeeper.image).toBe('confluentinc/cp-zookeeper:7.4.0');
    expect(s.kafka.image).toBe('confluentinc/cp-kafka:7.4.0');
    expect(s['kafka-ui'].image).toBe('provectuslabs/kafka-ui:latest');
    for (const f of ['flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway']) expect(s[f].image).toBe('apache/flink:1.18.1');
    expect(ports(s.zookeeper)).toContain('2181:2181');
    expect(ports(s.kafka)).toEqual(expect.arrayContaining(['9092:9092', '7071:7071']));
    expect(ports(s['kafka-ui'])).toContain('8082:8080');
    expect(ports(s['flink-jobmanager'])).toContain('8081:8081');
    expect(ports(s['flink-sql-gateway'])).toContain('8083:8083');
    expect(ports(s['flink-taskmanager'])).toEqual([]);
    expectRegistry(s);
    expectConnect(s);
    for (const [name, svc] of Object.entries(s)) {
      expect(svc.healthcheck?.test, `${name} healthcheck`).toBeDefined();
      expect(Object.keys(svc.networks ?? {}), `${name} network`).toEqual(['data-platform']);
      for (const dep of Object.values(svc.depends_on ?? {})) expect(dep.condition).toBe('service_healthy');
    }
    expect(Object.keys(s.kafka.depends_on ?? {})).toEqual(['zookeeper']);
    expect(Object.keys(s['flink-taskmanager'].depends_on ?? {})).toEqual(['flink-jobmanager']);
    expect(m.networks['data-platform'].name).toBe('data-platform');
    expect(s.kafka.environment.KAFKA_OPTS).toMatch(/-javaagent:\/opt\/jmx-exporter\/jmx_prometheus_javaagent\.jar=7071:/);
    expect(s.kafka.environment.KAFKA_ADVERTISED_LISTENERS).toContain('EXTERNAL://localhost:9092');
    expect(s['kafka-ui'].environment.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS).toBe('kafka:29092');
    const props = s['flink-jobmanager'].environment.FLINK_PROPERTIES;
    for (const l of ['jobmanager.rpc.address: flink-jobmanager', 'taskmanager.numberOfTaskSlots: 2', 'state.checkpoints.dir: file:///data/flink/checkpoints', 'state.savepoints.dir: file:///data/flink/savepoints']) {
      expect(props).toContain(l);
    }
    expect(sources(s.kafka)).toContain(`${DATA}/kafka/docker-zk`);
    expect(sources(s.zookeeper)).toEqual([`${DATA}/zookeeper/data`, `${DATA}/zookeeper/log`]);
    expect(sources(s['flink-taskmanager'])).toEqual([`${DATA}/flink/checkpoints`, `${DATA}/flink/savepoints`]);
    expect(sources(s.kafka)).toContain(join(COMPOSE_DIR, 'jmx-exporter'));
    const cmd = [s['flink-sql-gateway'].command].flat().join(' ');
    expect(cmd).toContain('bin/sql-gateway.sh start-foreground');
    expect(cmd).toContain('-Drest.address=flink-jobmanager');
  });

  it('KRaft file: no ZooKeeper, combined broker+controller with a cluster id, own data dir', () => {
    const s = model(FILES.kraft).services;
    expect(s.zookeeper).toBeUndefined();
    expect(Object.keys(s).sort()).toEqual(['flink-jobmanager', 'flink-sql-gateway', 'flink-taskmanager', 'kafka', 'kafka-connect', 'kafka-ui', 'schema-registry']);
    expectRegistry(s);
    expectConnect(s);
    const env = s.kafka.environment;
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(env.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
    expect(s.kafka.depends_on).toBeUndefined();
    expect(sources(s.kafka)).toContain(`${DATA}/kafka/docker-kraft`);
    for (const [name, svc] of Object.entries(s)) expect(svc.healthcheck?.test, `${name} healthcheck`).toBeDefined();
  });
});
