// Hostile input against the real stack (issue 8, point 2). Every contract call gets values the
// contract allows but nobody should send (unknown names, unicode, huge strings, edge numbers):
// each must answer cleanly, and a refusal must leave the cluster, the stores and the jobs as they
// were. Then every REST route of serve mode gets the same treatment over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CALL_NAMES, type CallName } from '@shared/contract';
import type { Envelope } from '@shared/errors';
import { createBackend, type Backend } from '@main/backend';
import { dispatch } from '@main/core/dispatch';
import { silentLogger } from '@main/core/logger';
import { MAX_BODY_BYTES } from '@main/hosts/http-util';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { JsonFileStore, KeyFileCipher } from '@main/services/profiles';
import { NATIVE_DIR } from '../stack';
import { argsSchema, assertProperty, brokenArb, NASTY_STRINGS, namesField, validArb } from '../unit/security/hostile-args';

const shared = inject('sharedStack');
const TOKEN = 'hostile-input-token-0123456789abcdef';

/**
 * Calls left out of the real-stack run, and why. Their argument validation is still covered by
 * test/unit/security/hostile-contract.test.ts for every value shape.
 */
const NOT_AGAINST_THE_SHARED_STACK: Partial<Record<CallName, string>> = {
  'stack:up': 'starts a whole local stack (minutes); covered by native-stack.test.ts',
  'stack:down': 'stops local stack processes; the shared stack must stay up for the other tests',
  'stack:restartService': 'restarts local stack processes',
  'stack:reset': 'wipes the local stack data (needs the literal "reset", which no hostile value is)',
  'stack:setBackend': 'switches how the local stack runs (native/compose), an enum with nothing hostile to send',
  'presetTopics:apply': 'takes no arguments; creates the seed topic set on the shared stack',
};

/** Keeps the side effects of a call that succeeds small (a topic of 10 000 partitions, a generator at 20 000/s). */
const TAME: Partial<Record<CallName, (args: Record<string, unknown>) => Record<string, unknown>>> = {
  'topics:create': (a) => ({ ...a, partitions: Math.min(Number(a.partitions) || 1, 3) }),
  'topics:addPartitions': (a) => ({ ...a, totalPartitions: Math.min(Number(a.totalPartitions) || 1, 4) }),
  'topics:delete': (a) => ({ ...a, confirmation: a.name }),
  'consumers:delete': (a) => ({ ...a, confirm: a.groupId }),
  'generator:start': (a) => ({ ...a, ratePerSec: Math.min(Number(a.ratePerSec) || 1, 20), maxRecords: 20 }),
  'messages:tail': (a) => ({ ...a, maxWaitMs: Math.min(Number(a.maxWaitMs ?? 0), 300) }),
  'stack:logs': (a) => ({ ...a, lines: Math.min(Number(a.lines ?? 10), 50) }),
};

/** Fewer runs where one run is slow: a connection test waits for its timeout, a search resolves the topic in a worker. */
const RUNS: Partial<Record<CallName, number>> = { 'profiles:test': 2, 'health:refresh': 2, 'messages:search': 2, 'stack:logs': 2 };
const DEFAULT_RUNS = 3;

/** Calls that only read: nothing to compare before and after (the snapshot is the slow part of a run). */
const READ_ONLY =
  /:(list\w*|get|describe\w*|status|logs|streams|topic|cluster|resources|state|jobs|job|savepoints|jars|browse|tail|kcatCommand|detail|lagHistory|info|refresh|test)$/;

let backend: Backend;
let web: WebHost;
let base: string;
let configDir: string;
let topicsAtStart: Set<string>;

async function call(name: string, args: unknown): Promise<Envelope<unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Envelope<unknown>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: { code: 'internal', message: `${name} did not answer within 30 s` } }), 30_000);
  });
  try {
    return await Promise.race([dispatch(backend.api, name, args), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function result<T>(name: CallName, args: unknown = {}): Promise<T> {
  const envelope = await call(name, args);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Everything a hostile call could change: topics (and their shape), groups, stores, jobs, jars. */
async function snapshot(): Promise<string> {
  // A fresh cluster's group coordinator may still be loading __consumer_offsets: wait that out, it is not what is tested.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readState();
    } catch (error) {
      if (attempt >= 10 || !/GROUP_LOAD_IN_PROGRESS|COORDINATOR_NOT_AVAILABLE|no group coordinator yet/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function readState(): Promise<string> {
  const topics = await result<{ name: string; partitions: number; retentionMs: number | null; cleanupPolicy: string | null }[]>('topics:list', {});
  const groups = await result<{ groupId: string }[]>('consumers:list');
  const profiles = await result<{ activeId: string; profiles: { id: string; name: string }[] }>('profiles:list');
  const pipelines = await result<{ name: string }[]>('pipelines:list');
  const alerts = await result<unknown>('alerts:state');
  const generators = await result<{ id: string; running: boolean }[]>('generator:list');
  const jobs = await result<{ id: string }[]>('pipelines:jobs');
  return JSON.stringify({
    topics: topics.map((t) => [t.name, t.partitions, t.retentionMs, t.cleanupPolicy]).sort(),
    groups: groups.map((g) => g.groupId).sort(),
    profiles: [profiles.activeId, profiles.profiles.map((p) => [p.id, p.name])],
    pipelines: pipelines.map((p) => p.name).sort(),
    alerts,
    generators: generators.map((g) => [g.id, g.running]),
    jobs: jobs.map((j) => j.id).sort(),
  });
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'sd-hostile-'));
  backend = createBackend({
    version: 'test',
    connection: { name: 'hostile', kafkaBootstrap: [shared.bootstrap], zookeeper: shared.zookeeper, flinkUrl: shared.flinkUrl, kafkaUiUrl: null },
    profiles: { file: new JsonFileStore(join(configDir, 'profiles.json')), cipher: new KeyFileCipher(join(configDir, 'secret.key')) },
    dataDir: join(configDir, 'data'),
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft: false,
    logger: silentLogger,
  });
  web = await startWebHost({
    api: backend.api,
    bus: backend.bus,
    token: TOKEN,
    host: '127.0.0.1',
    port: 0,
    rendererDir: join(configDir, 'no-renderer'),
    logger: silentLogger,
  });
  base = `http://127.0.0.1:${web.port}`;
  topicsAtStart = new Set((await result<{ name: string }[]>('topics:list', {})).map((t) => t.name));
});

afterAll(async () => {
  // Hostile calls that succeeded (a topic with a unicode-free random name, a produce that auto-created one) are undone.
  for (const generator of (await result<{ id: string; running: boolean }[]>('generator:list').catch(() => [])) ?? []) {
    if (generator.running) await call('generator:stop', { id: generator.id });
  }
  const now = await result<{ name: string }[]>('topics:list', {}).catch(() => []);
  for (const topic of now) if (!topicsAtStart.has(topic.name)) await call('topics:delete', { name: topic.name, confirmation: topic.name });
  await backend?.dispose();
  await web?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('every contract call with hostile values, against the real stack', () => {
  const names = CALL_NAMES.filter((name) => !NOT_AGAINST_THE_SHARED_STACK[name]);

  it('leaves out only the calls that would stop or rebuild the shared stack', () => {
    expect(Object.keys(NOT_AGAINST_THE_SHARED_STACK).sort()).toEqual([
      'presetTopics:apply',
      'stack:down',
      'stack:reset',
      'stack:restartService',
      'stack:setBackend',
      'stack:up',
    ]);
  });

  it.each(names.map((name) => [name] as [CallName]))(
    '%s answers cleanly, and a refusal changes nothing',
    async (name) => {
      const tame = TAME[name] ?? ((a: Record<string, unknown>) => a);
      const args = validArb(argsSchema(name)).map((value) =>
        value && typeof value === 'object' && !Array.isArray(value) ? tame(value as Record<string, unknown>) : value,
      );
      await assertProperty(
        fc.asyncProperty(args, async (value) => {
          const before = READ_ONLY.test(name) ? null : await snapshot();
          const envelope = await call(name, value);
          if (envelope.ok) return;
          expect(envelope.error.code, envelope.error.message).not.toBe('internal');
          expect(envelope.error.message.length).toBeGreaterThan(0);
          expect(envelope.error.message.length).toBeLessThanOrEqual(2000);
          if (before !== null) expect(await snapshot(), `${name} failed (${envelope.error.message.slice(0, 200)}) but changed something`).toBe(before);
        }),
        RUNS[name] ?? DEFAULT_RUNS,
      );
    },
    180_000,
  );
});

async function http(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(base + path, { method, headers: { Authorization: `Bearer ${TOKEN}`, ...headers }, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* asserted by the caller */
  }
  return { status: response.status, json };
}

function errorMessage(json: unknown): string {
  return (json as { error?: { message?: string } })?.error?.message ?? '';
}

/** Path segments as a hostile client sends them: encoded unicode, raw dots, broken %-escapes. */
const segment = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS.filter(Boolean)).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%E0%A4%A', '%', '%zz', '..', '.', 'a%00b', '%2F..%2F', 'x'.repeat(5000)),
);

const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('', '{', '{"topic_name":', 'null', '[]', '"str"', '1e309', '{"__proto__":{"polluted":1}}', '\u0000', 'x'.repeat(2 * 1024 * 1024)),
);

describe('every REST route of serve mode with hostile requests, over real HTTP', () => {
  const ROUTES: { method: string; path: (s: string) => string; state: boolean }[] = [
    { method: 'GET', path: () => '/api/streaming/status', state: false },
    { method: 'POST', path: () => '/api/streaming/topics', state: true },
    { method: 'POST', path: (s) => `/api/streaming/ingest/${s}`, state: true },
    { method: 'POST', path: () => '/api/streaming/pipelines', state: true },
    { method: 'GET', path: (s) => `/api/streaming/metrics/${s}?time_range=${s}`, state: false },
    { method: 'POST', path: (s) => `/api/call/${s}`, state: true },
  ];

  it.each(ROUTES.map((route) => [`${route.method} ${route.path(':x')}`, route] as const))(
    '%s: never a 500, always a JSON answer, nothing changed on refusal',
    async (_label, route) => {
      await assertProperty(
        fc.asyncProperty(
          segment,
          hostileBody,
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
          async (part, body, type) => {
            const before = route.state ? await snapshot() : '';
            const answer = await http(route.method, route.path(part), route.method === 'GET' ? undefined : body, { 'Content-Type': type });
            expect(answer.status, `${route.method} ${route.path(part).slice(0, 100)} → ${answer.status} ${errorMessage(answer.json)}`).toBeLessThan(500);
            expect(answer.json, 'the answer is not JSON').not.toBeNull();
            if (answer.status >= 400) {
              expect(errorMessage(answer.json).length).toBeGreaterThan(0);
              if (route.state) expect(await snapshot(), `refused with ${answer.status} but something changed`).toBe(before);
            }
          },
        ),
        5,
      );
    },
  );

  it('POST /api/call/<name> refuses broken arguments for every call with 400 naming the field', async () => {
    for (const name of CALL_NAMES) {
      await assertProperty(
        fc.asyncProperty(brokenArb(argsSchema(name)), async (broken) => {
          const body = JSON.stringify(broken.args);
          const answer = await http('POST', `/api/call/${name}`, body, { 'Content-Type': 'application/json' });
          // a body over the server's limit is refused before it is parsed: 413 naming the body
          if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
            expect(answer.status, `${name}: ${Buffer.byteLength(body)} bytes`).toBe(413);
            expect(errorMessage(answer.json)).toMatch(/^body: /);
            return;
          }
          expect(answer.status, `${name} ${broken.how} of ${broken.field}`).toBe(400);
          if (broken.field)
            expect(namesField(errorMessage(answer.json), broken.field), `"${errorMessage(answer.json).slice(0, 200)}" does not name ${broken.field}`).toBe(
              true,
            );
        }),
        2,
      );
    }
  });

  it('a topic created through the seed route with a hostile name is either created exactly or refused naming topic_name', async () => {
    await assertProperty(
      fc.asyncProperty(fc.oneof(validArb({ type: 'string' }), fc.constantFrom(42, null, ['x'], { name: 'x' })), async (topicName) => {
        const before = await snapshot();
        const answer = await http('POST', '/api/streaming/topics', JSON.stringify({ topic_name: topicName, config: { partitions: 1 } }), {
          'Content-Type': 'application/json',
        });
        if (answer.status === 201) {
          expect((answer.json as { summary: { name: string } }).summary.name).toBe(topicName);
          return;
        }
        expect([400, 409]).toContain(answer.status);
        expect(errorMessage(answer.json)).toMatch(/^(topic_name|topics:create: name|name): /);
        expect(await snapshot()).toBe(before);
      }),
      8,
    );
  });
});
