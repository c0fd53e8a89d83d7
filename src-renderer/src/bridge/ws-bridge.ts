import type { RawBridge } from '@shared/contract';
import type { Envelope } from '@shared/errors';

type Reply = { type: 'reply'; id: number | null; envelope: Envelope<unknown> };
type EventMessage = { type: 'event'; event: string; payload: unknown };

/**
 * The browser's bridge to `streamdesk serve`: contract calls over one WebSocket (the session
 * cookie carries the token), reconnecting with backoff; calls made while down wait for it.
 */
export function createWsBridge(url: string): RawBridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  const connectionListeners = new Set<(connected: boolean) => void>();
  // Only a link that dropped is announced back: at the first connect every store's first read is already queued, and
  // announcing it made each of them read a second time while the first page loaded (bench/coldstart).
  let dropped = false;

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const message of queue.splice(0)) ws.send(message);
      if (dropped) for (const listener of connectionListeners) listener(true);
      dropped = false;
    };
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as Reply | EventMessage;
      if (message.type === 'reply' && message.id !== null) {
        pending.get(message.id)?.(message.envelope);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    };
    ws.onclose = () => {
      if (socket === ws) for (const listener of connectionListeners) listener(false);
      dropped = true;
      socket = null;
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'Lost the connection to the StreamDesk server' } });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }
  connect();

  return {
    invoke(name, args) {
      const id = nextId++;
      const message = JSON.stringify({ id, name, args });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
