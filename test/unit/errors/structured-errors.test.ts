// Invalid arguments come back as issues {path, message} beside the message, from the dispatcher,
// from a service's own check of one field, and over REST under the REST body's own field names.
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Api } from '@shared/contract';
import { invalidField, StreamdeskError, unwrap } from '@shared/errors';
import { SaveSqlPipelineArgs } from '@shared/pipelines';
import { dispatch } from '@main/core/dispatch';
import { issuesOf } from '@main/core/issues';
import { restRoutes } from '@main/hosts/rest-routes';
import { PipelineCatalog } from '@main/services/pipelines/pipeline-catalog';

function apiWith(overrides: Partial<Api>): Api {
  const refuse = () => Promise.reject(new Error('not expected in this test'));
  return new Proxy(overrides as Api, { get: (target, name: string) => target[name as keyof Api] ?? refuse });
}

describe('issues from the dispatcher', () => {
  it('names a nested field by its full path', async () => {
    const envelope = await dispatch(apiWith({}), 'topics:create', {
      name: 'orders',
      partitions: 0,
      replicationFactor: 1,
      retentionHours: 1,
      cleanupPolicy: 'delete',
      configs: {},
    });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.issues).toEqual([{ path: ['partitions'], message: expect.any(String) as string }]);
    expect(envelope.error.message).toBe(`topics:create: partitions: ${envelope.error.issues![0].message}`);
  });

  it("takes a union's issues from the closest alternative, with the full path", async () => {
    const profile = {
      name: 'x',
      kafkaBootstrap: ['h:1'],
      auth: { mechanism: 'plain', username: 'u' },
      tls: { enabled: 'yes' },
      zookeeper: null,
      flink: { url: null, auth: 'none' },
      prometheusUrl: null,
      kafkaUiUrl: null,
    };
    const envelope = await dispatch(apiWith({}), 'profiles:test', { profile });
    if (envelope.ok) throw new Error('expected a refusal');
    expect(envelope.error.issues?.map((issue) => issue.path)).toContainEqual(['profile', 'tls', 'enabled']);
    expect(envelope.error.issues?.every((issue) => issue.path[0] === 'profile')).toBe(true);
  });

  it('gives one issue per unknown key, at [...path, key], and cuts a hostile key short', async () => {
    const envelope = await dispatch(apiWith({}), 'health:get', JSON.parse(`{"sneaky": 1, "${'k'.repeat(5000)}": 2}`));
    if (envelope.ok) throw new Error('expected a refusal');
    expect(envelope.error.issues).toEqual([
      { path: ['sneaky'], message: 'unknown field' },
      { path: [`${'k'.repeat(77)}...`], message: 'unknown field' },
    ]);
    // nested: the key sits under the path of the object that holds it; indexes stay numbers
    expect(issuesOf([{ code: 'unrecognized_keys', path: ['records', 1], keys: ['colour'], message: 'Unrecognized key' }])).toEqual([
      { path: ['records', 1, 'colour'], message: 'unknown field' },
    ]);
  });

  it("carries a service's own field check, and unwrap gives it back", async () => {
    const api = apiWith({ 'topics:create': async () => Promise.reject(invalidField(['replicationFactor'], '3 is more than the 1 broker in the cluster')) });
    const envelope = await dispatch(api, 'topics:create', {
      name: 'orders',
      partitions: 1,
      replicationFactor: 3,
      retentionHours: 1,
      cleanupPolicy: 'delete',
      configs: {},
    });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'replicationFactor: 3 is more than the 1 broker in the cluster',
        issues: [{ path: ['replicationFactor'], message: '3 is more than the 1 broker in the cluster' }],
      },
    });
    const thrown = (() => {
      try {
        return unwrap(envelope);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(StreamdeskError);
    expect((thrown as StreamdeskError).issues).toEqual([{ path: ['replicationFactor'], message: '3 is more than the 1 broker in the cluster' }]);
  });

  it('leaves errors without a field as they were: no issues key', async () => {
    const envelope = await dispatch(apiWith({ 'stack:down': async () => Promise.reject(new StreamdeskError('conflict', 'busy')) }), 'stack:down', {});
    expect(envelope).toStrictEqual({ ok: false, error: { code: 'conflict', message: 'busy' } });
  });
});

describe("a service's own field check", () => {
  const dir = mkdtempSync(join(tmpdir(), 'sd-field-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the field in issues (the catalog refuses SQL that starts no job)', () => {
    const catalog = new PipelineCatalog(join(dir, 'pipelines.json'));
    const error = (() => {
      try {
        catalog.saveSql(SaveSqlPipelineArgs.parse({ name: 'x', sql: 'SELECT 1' }));
      } catch (e) {
        return e;
      }
    })() as StreamdeskError;
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^sql: needs an INSERT INTO/);
    expect(error.issues).toEqual([{ path: ['sql'], message: expect.stringMatching(/^needs an INSERT INTO/) as string }]);
    expect(catalog.has('x')).toBe(false);
  });
});

interface RestBody {
  ok: boolean;
  error?: { code: string; message: string; issues?: unknown[] };
}

/** One REST request through the route table, answered into a plain object. */
async function rest(api: Api, method: string, path: string, body: unknown): Promise<{ status: number; body: RestBody }> {
  const url = new URL(`http://localhost${path}`);
  const route = restRoutes(api).find((r) => r.method === method && r.pattern.test(url.pathname))!;
  const request = Readable.from([Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))]) as unknown as IncomingMessage;
  let status = 0;
  let text = '';
  const response = { writeHead: (code: number) => void (status = code), end: (chunk: string) => void (text = chunk) } as unknown as ServerResponse;
  await route.handle({ request, response, url, params: route.pattern.exec(url.pathname)?.groups ?? {} });
  return { status, body: JSON.parse(text) as RestBody };
}

describe('REST answers', () => {
  const creating = apiWith({ 'topics:create': async () => Promise.reject(invalidField(['replicationFactor'], '3 is more than the 1 broker in the cluster')) });

  it('a bad create-topic request answers 400 with issues naming config.partitions', async () => {
    const answer = await rest(apiWith({}), 'POST', '/api/streaming/topics', { topic_name: 'orders', config: { partitions: 0 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^topics:create: partitions: /) as string });
    expect(answer.body.error?.issues).toEqual([{ path: ['config', 'partitions'], message: expect.any(String) as string }]);
  });

  it("names the body's field for a service check too, as the body spelled it", async () => {
    const asReplicas = await rest(creating, 'POST', '/api/streaming/topics', { topic_name: 'orders', config: { replicas: 3 } });
    expect(asReplicas.status).toBe(400);
    expect(asReplicas.body.error?.issues).toEqual([{ path: ['config', 'replicas'], message: '3 is more than the 1 broker in the cluster' }]);
    const bad = await rest(apiWith({}), 'POST', '/api/streaming/topics', { topic_name: '', config: { 'min.insync.replicas': 2 } });
    expect(bad.body.error?.issues?.[0]).toMatchObject({ path: ['topic_name'] });
  });

  it('a body the seed mapping refuses, and a body that is not JSON, carry issues', async () => {
    const unknown = await rest(apiWith({}), 'POST', '/api/streaming/topics', { topic_name: 'x', config: { colour: 'blue' } });
    expect(unknown).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid-argument',
          message: expect.stringMatching(/^config\.colour: unknown setting/) as string,
          issues: [{ path: ['config', 'colour'] }],
        },
      },
    });
    const notJson = await rest(apiWith({}), 'POST', '/api/streaming/topics', '{nope');
    expect(notJson).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^body: the request body is not valid JSON/) as string, issues: [{ path: [] }] } },
    });
  });

  it("maps a pipeline start's settings back to config.<snake_case>", async () => {
    const answer = await rest(apiWith({}), 'POST', '/api/streaming/pipelines', { pipeline_name: 'p', config: { parallelism: 0 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.issues).toEqual([{ path: ['config', 'parallelism'], message: expect.any(String) as string }]);
  });

  it('the whole contract over POST /api/call/:name carries issues unchanged', async () => {
    const answer = await rest(apiWith({}), 'POST', '/api/call/topics:create', {
      name: 'orders',
      partitions: 0,
      replicationFactor: 1,
      retentionHours: 1,
      cleanupPolicy: 'delete',
      configs: {},
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.issues).toEqual([{ path: ['partitions'], message: expect.any(String) as string }]);
  });
});
