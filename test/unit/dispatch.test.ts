import { describe, expect, it } from 'vitest';
import type { Api } from '../../src-shared/contract';
import { StreamdeskError } from '../../src-shared/errors';
import { dispatch } from '../../src-main/core/dispatch';

function apiWith(overrides: Partial<Api>): Api {
  const refuse = async () => {
    throw new Error('not expected in this test');
  };
  return new Proxy(overrides as Api, { get: (target, name: string) => target[name as keyof Api] ?? refuse });
}

describe('dispatch', () => {
  it('answers an unknown call with unknown-call, without running anything', async () => {
    const envelope = await dispatch(apiWith({}), 'kafka:dropEverything', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Unknown call: kafka:dropEverything' } });
  });

  it('rejects arguments that do not match the contract and names the field', async () => {
    let ran = false;
    const api = apiWith({ 'stack:up': async () => ((ran = true), {} as never) });
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
    const plain = await dispatch(apiWith({ 'stack:down': async () => Promise.reject(new TypeError('boom')) }), 'stack:down', {}, {
      info() {},
      warn() {},
      error() {},
    });
    expect(plain).toEqual({ ok: false, error: { code: 'internal', message: 'stack:down failed: boom' } });
  });

  it('treats missing arguments as an empty object', async () => {
    const envelope = await dispatch(apiWith({ 'app:info': async () => ({ name: 'x', version: '1', connection: null as never }) }), 'app:info', undefined);
    expect(envelope.ok).toBe(true);
  });
});
