import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CALL_NAMES, type Api } from '@shared/contract';
import { createApi, type Services } from '@main/api';
import { EventBus } from '@main/core/event-bus';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';

const registered: string[] = [];
vi.mock('electron', () => ({
  ipcMain: { handle: (name: string) => registered.push(name), removeHandler: () => {} },
}));

const TOKEN = 'surface-test-token-0123456789';
const neverCalled = new Proxy({} as Api, {
  get: () => () => Promise.reject(new Error('a handler ran although its arguments were invalid')),
});

describe('every contract call has a handler', () => {
  it('in the back end (createApi)', () => {
    const api = createApi({} as Services);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('in the Electron host', async () => {
    const { registerElectronHost } = await import('@main/hosts/electron');
    registerElectronHost({ api: neverCalled, bus: new EventBus(), logger: silentLogger, isTrustedSender: () => true, targets: () => [] });
    expect([...registered].sort()).toEqual([...CALL_NAMES].sort());
  });

  describe('in the serve host', () => {
    let web: WebHost;
    beforeAll(async () => {
      web = await startWebHost({
        api: neverCalled,
        bus: new EventBus(),
        token: TOKEN,
        host: '127.0.0.1',
        port: 0,
        rendererDir: '/nonexistent',
        logger: silentLogger,
      });
    });
    afterAll(() => web.close());

    it.each(CALL_NAMES)('REST POST /api/call/%s validates its arguments', async (name) => {
      const response = await fetch(`http://127.0.0.1:${web.port}/api/call/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ notAField: 1 }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid-argument');
    });

    it('WebSocket bridge routes every call', async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const codes = new Map<number, string>();
      await new Promise<void>((resolve) => {
        ws.on('message', (data) => {
          // ws hands a Buffer (its default binaryType)
          const reply = JSON.parse((data as Buffer).toString()) as { id: number; envelope: { ok: boolean; error?: { code: string } } };
          codes.set(reply.id, reply.envelope.error?.code ?? 'ok');
          if (codes.size === CALL_NAMES.length) resolve();
        });
        CALL_NAMES.forEach((name, id) => ws.send(JSON.stringify({ id, name, args: { notAField: 1 } })));
      });
      ws.close();
      expect(new Set(codes.values())).toEqual(new Set(['invalid-argument']));
    });
  });
});
