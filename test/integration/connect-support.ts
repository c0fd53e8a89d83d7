// What the Connect integration suites share: StreamDesk's own back end over a harness stack with a Connect worker (its
// calls go through `dispatch`, as a host's do), and the independent checks — kcat for topics, Connect's own REST API.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBackend, type Backend } from '@main/backend';
import { dispatch } from '@main/core/dispatch';
import { silentLogger } from '@main/core/logger';
import type { CallArgs, CallName, CallResult } from '@shared/contract';
import type { ErrorBody } from '@shared/errors';
import { NATIVE_DIR, type TestStack } from '../stack';

export const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

/** Polls `probe` until it answers non-null (a thrown error counts as "not yet"); fails naming what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last: ${last})` : ''}`);
    await sleep(300);
  }
}

export interface ConnectBackend {
  backend: Backend;
  /** The connection's one Connect cluster: its REST URL, as the `cluster` argument of every `connect:*` call. */
  cluster: string;
  /** A call through dispatch (the contract's schema, then the back end); its error as a thrown CallFailed. */
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  /** The envelope's error, for calls expected to be refused. */
  refusal<K extends CallName>(name: K, args: CallArgs<K>): Promise<ErrorBody>;
}

export class CallFailed extends Error {
  constructor(readonly body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
  }
}

/**
 * The back end a host builds, on the harness's Kafka and Connect worker: the connection names the worker, and the
 * local stack it manages is the harness's (same data dir and ports), so `stack:addConnectPlugin` restarts that worker.
 */
export function connectBackend(stack: TestStack): ConnectBackend {
  const cluster = stack.connectUrl;
  if (!cluster) throw new Error('connectBackend: start the stack with { connect: true }');
  const backend = createBackend({
    version: 'test',
    connection: { name: 'it-connect', kafkaBootstrap: [stack.bootstrap], zookeeper: null, flinkUrl: null, kafkaUiUrl: null, connectUrls: [cluster] },
    dataDir: stack.dataDir,
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft: stack.ports.kafkaController !== null,
    connect: true,
    stackPorts: { kafka: stack.ports.kafka, connect: stack.ports.connect ?? undefined, ...(stack.ports.zookeeper ? { zookeeper: stack.ports.zookeeper } : {}) },
    logger: silentLogger,
  });
  const envelope = <K extends CallName>(name: K, args: CallArgs<K>) => dispatch(backend.api, name, args, silentLogger);
  return {
    backend,
    cluster,
    async call(name, args) {
      const answer = await envelope(name, args);
      if (!answer.ok) throw new CallFailed(answer.error);
      return answer.result as CallResult<typeof name>;
    },
    async refusal(name, args) {
      const answer = await envelope(name, args);
      if (answer.ok) throw new Error(`${name} was expected to be refused, and answered ${JSON.stringify(answer.result).slice(0, 500)}`);
      return answer.error;
    },
  };
}

/** Connect's own REST API, never StreamDesk's: what the worker really holds. */
export async function connectRest<T = unknown>(base: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** kcat's complaints (a topic not there yet, while a test polls) go into the error thrown, not the test's output. */
const QUIET: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];

/** Every record's value in a topic as kcat (librdkafka) reads it, one line each; a null value (a tombstone) as null. */
export function kcatValues(bootstrap: string, topic: string): Array<string | null> {
  const out = execFileSync('kcat', ['-b', bootstrap, '-C', '-t', topic, '-e', '-q', '-Z', '-f', '%s\n'], { encoding: 'utf8', stdio: QUIET, timeout: 60_000 });
  return out
    .split('\n')
    .slice(0, -1)
    .map((v) => (v === 'NULL' ? null : v));
}

/** Every record's key and value, tab-separated by kcat. */
export function kcatKeyed(bootstrap: string, topic: string): Array<{ key: string; value: string | null }> {
  const out = execFileSync('kcat', ['-b', bootstrap, '-C', '-t', topic, '-e', '-q', '-Z', '-f', '%k\t%s\n'], {
    encoding: 'utf8',
    stdio: QUIET,
    timeout: 60_000,
  });
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const tab = line.indexOf('\t');
      const value = line.slice(tab + 1);
      return { key: line.slice(0, tab), value: value === 'NULL' ? null : value };
    });
}

/** Produces one record per line with kcat. */
export function kcatProduce(bootstrap: string, topic: string, lines: string[]): void {
  execFileSync('kcat', ['-b', bootstrap, '-P', '-t', topic], { input: `${lines.join('\n')}\n`, timeout: 60_000 });
}
