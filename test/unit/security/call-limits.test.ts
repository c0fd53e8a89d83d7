// Expensive calls (messages:search, messages:replay) are limited per client in serve mode: at
// most 2 running per client and kind, 6 over the server; a slot frees when the call's `done`
// progress event goes out. The back end here only hands out ids: the limit lives in the host.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Api } from '@shared/contract';
import type { Envelope } from '@shared/errors';
import { EventBus } from '@main/core/event-bus';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';

const TOKEN = 'limits-test-token-0123456789abcdef';
const SEARCH = { topic: 'orders' };
const REPLAY = { source: 'orders', target: 'orders-replayed', fromMs: 0, toMs: 1000 };

let bus: EventBus;
let web: WebHost;
let next = 0;
let started: string[];

const api = new Proxy({} as Api, {
  get: (_target, name) => () => {
    if (name === 'messages:search') return Promise.resolve({ searchId: `s${++next}` });
    if (name === 'messages:replay') return Promise.resolve({ replayId: `r${++next}` });
    if (name === 'messages:cancelSearch') return Promise.resolve({ cancelled: true });
    return Promise.resolve({});
  },
});

function searchDone(searchId: string): void {
  bus.emit('messages:searchProgressed', {
    searchId,
    scanned: 1,
    total: 1,
    matched: 0,
    ratePerSec: 0,
    partitionsDone: 1,
    partitions: 1,
    elapsedMs: 1,
    done: true,
    cancelled: false,
    stoppedAtLimit: false,
    error: null,
  });
}

/** A WebSocket client speaking the bridge protocol. */
async function client(): Promise<{ call(name: string, args: unknown): Promise<Envelope<unknown>>; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${TOKEN}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const waiting = new Map<number, (envelope: Envelope<unknown>) => void>();
  ws.on('message', (data) => {
    // ws hands a Buffer (its default binaryType)
    const message = JSON.parse((data as Buffer).toString()) as { type: string; id: number; envelope: Envelope<unknown> };
    if (message.type === 'reply') waiting.get(message.id)?.(message.envelope);
  });
  return {
    call: (name, args) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        ws.send(JSON.stringify({ id, name, args }));
      }),
    close: () => ws.close(),
  };
}

async function restCall(name: string, args: unknown): Promise<{ status: number; envelope: Envelope<unknown> }> {
  const response = await fetch(`http://127.0.0.1:${web.port}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: response.status, envelope: (await response.json()) as Envelope<unknown> };
}

function idOf(envelope: Envelope<unknown>): string {
  if (!envelope.ok) throw new Error(envelope.error.message);
  const result = envelope.result as { searchId?: string; replayId?: string };
  return (result.searchId ?? result.replayId)!;
}

beforeEach(async () => {
  bus = new EventBus();
  started = [];
  web = await startWebHost({ api, bus, token: TOKEN, host: '127.0.0.1', port: 0, rendererDir: '/nonexistent', logger: silentLogger });
});
afterEach(() => web.close());

describe('expensive calls are limited per client', () => {
  it('a third concurrent search from one WebSocket client is refused with rate-limited until one finishes', async () => {
    const ui = await client();
    const first = idOf(await ui.call('messages:search', SEARCH));
    idOf(await ui.call('messages:search', SEARCH));
    const third = await ui.call('messages:search', SEARCH);
    expect(third).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringMatching(/^messages:search: this client already has 2 searches running \(at most 2\)/) as string },
    });
    // Other calls are not limited.
    expect((await ui.call('app:info', {})).ok).toBe(true);
    searchDone(first);
    started.push(idOf(await ui.call('messages:search', SEARCH)));
    expect(started).toHaveLength(1);
    ui.close();
  });

  it('searches and replays are counted apart, and another client has its own allowance', async () => {
    const a = await client();
    const b = await client();
    idOf(await a.call('messages:search', SEARCH));
    idOf(await a.call('messages:search', SEARCH));
    idOf(await a.call('messages:replay', REPLAY));
    idOf(await a.call('messages:replay', REPLAY));
    expect(await a.call('messages:replay', REPLAY)).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    idOf(await b.call('messages:search', SEARCH));
    a.close();
    b.close();
  });

  it('a refused call (invalid arguments) takes no slot', async () => {
    const ui = await client();
    for (let i = 0; i < 5; i += 1) expect(await ui.call('messages:search', { topic: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    idOf(await ui.call('messages:search', SEARCH));
    idOf(await ui.call('messages:search', SEARCH));
    ui.close();
  });

  it('reconnecting does not lift the limit past the server-wide cap', async () => {
    const clients = await Promise.all([client(), client(), client(), client()]);
    let refused = 0;
    for (const each of clients) {
      for (let i = 0; i < 2; i += 1) {
        const envelope = await each.call('messages:search', SEARCH);
        if (!envelope.ok) {
          expect(envelope.error).toEqual({
            code: 'rate-limited',
            message: expect.stringMatching(/the server already runs 6 searches \(at most 6\)/) as string,
          });
          refused += 1;
        }
      }
    }
    expect(refused).toBe(2);
    for (const each of clients) each.close();
  });

  it('over REST a script is one client per address and gets HTTP 429', async () => {
    expect((await restCall('messages:search', SEARCH)).status).toBe(200);
    const second = await restCall('messages:search', SEARCH);
    expect(second.status).toBe(200);
    const third = await restCall('messages:search', SEARCH);
    expect(third.status).toBe(429);
    expect(third.envelope).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    searchDone(idOf(second.envelope));
    expect((await restCall('messages:search', SEARCH)).status).toBe(200);
  });
});
