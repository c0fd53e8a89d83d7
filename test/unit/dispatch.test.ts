import { describe, expect, it } from 'vitest';
import type { Api } from '@shared/contract';
import { StreamdeskError } from '@shared/errors';
import { dispatch } from '@main/core/dispatch';

function apiWith(overrides: Partial<Api>): Api {
  const refuse = () => Promise.reject(new Error('not expected in this test'));
  return new Proxy(overrides as Api, { get: (target, name: string) => target[name as keyof Api] ?? refuse });
}

describe('dispatch', () => {
  it('answers an unknown call with unknown-call, without running anything', async () => {
    const envelope = await dispatch(apiWith({}), 'kafka:dropEverything', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Unknown call: kafka:dropEverything' } });
  });

  it('rejects arguments that do not match the contract and names the field', async () => {
    let ran = false;
    const api = apiWith({
      'stack:up': () => {
        ran = true;
        return Promise.resolve({} as never);
      },
    });
    const envelope = await dispatch(api, 'stack:up', { kraft: 'yes' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('invalid-argument');
      expect(envelope.error.message).toContain('kraft');
    }
    expect(ran).toBe(false);
  });

  it('rejects unknown fields (strict argument objects)', async () => {
    const envelope = await dispatch(apiWith({}), 'health:get', { sneaky: true });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).toMatch(/sneaky/);
  });

  it('passes a StreamdeskError through with its code, and wraps anything else as internal', async () => {
    const typed = await dispatch(apiWith({ 'stack:down': async () => Promise.reject(new StreamdeskError('conflict', 'busy')) }), 'stack:down', {});
    expect(typed).toEqual({ ok: false, error: { code: 'conflict', message: 'busy' } });
    const plain = await dispatch(
      apiWith({ 'stack:down': async () => Promise.reject(new TypeError('boom')) }),
      'stack:down',
      {},
      {
        info() {},
        warn() {},
        error() {},
      },
    );
    expect(plain).toEqual({ ok: false, error: { code: 'internal', message: 'stack:down failed: boom' } });
  });

  it('names unknown fields as fields, and cuts a hostile field name short', async () => {
    const envelope = await dispatch(apiWith({}), 'health:get', JSON.parse(`{"__proto__": 1, "${'k'.repeat(5000)}": 2}`));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (envelope.ok) return;
    expect(envelope.error.message).toMatch(/^health:get: __proto__: unknown field; k{77}\.\.\.: unknown field$/);
  });

  it('explains a union by the alternative the value came closest to, with the full path', async () => {
    // profiles:test takes { id } or { profile }: a profile with one bad field is about that field, not "Invalid input".
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
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!envelope.ok) expect(envelope.error.message).toMatch(/^profiles:test: profile\.tls\.enabled: /);
  });

  it('says "arguments" when the whole argument has the wrong shape', async () => {
    const envelope = await dispatch(apiWith({}), 'topics:describe', 'orders');
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'topics:describe: arguments: Invalid input: expected object, received string',
        issues: [{ path: [], message: 'Invalid input: expected object, received string' }],
      },
    });
  });

  it('never returns a message longer than 2000 characters, however much a service echoes', async () => {
    const echo = apiWith({ 'topics:describe': async () => Promise.reject(new StreamdeskError('not-found', `topic ${'x'.repeat(100_000)} does not exist`)) });
    const envelope = await dispatch(echo, 'topics:describe', { name: 'orders' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.message.length).toBeLessThanOrEqual(2000);
      expect(envelope.error.message).toMatch(/… \(\d+ more characters\)$/);
    }
  });

  it('answers a call name that is not a string without trying to print it', async () => {
    expect(await dispatch(apiWith({}), Object.create(null), {})).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'Unknown call: expected a call name (a string), got object' },
    });
    expect(await dispatch(apiWith({}), null, {})).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'Unknown call: expected a call name (a string), got null' },
    });
  });

  it('treats missing arguments as an empty object', async () => {
    const envelope = await dispatch(
      apiWith({ 'app:info': () => Promise.resolve({ name: 'x', version: '1', connection: null as never }) }),
      'app:info',
      undefined,
    );
    expect(envelope.ok).toBe(true);
  });
});
