import type { RawData, WebSocket } from 'ws';
import type { Api } from '@shared/contract';
import { dispatch } from '../core/dispatch';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/logger';
import type { ExpensiveCallLimiter } from './expensive-calls';

export interface SocketBridgeDeps {
  api: Api;
  bus: EventBus;
  logger: Logger;
  limiter: ExpensiveCallLimiter;
}

/** One browser's bridge over a WebSocket: every event goes out, and each call message gets a reply with its id. */
export function attachSocketBridge(ws: WebSocket, client: string, deps: SocketBridgeDeps): void {
  const unsubscribe = deps.bus.onAny((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
  });
  ws.on('close', unsubscribe);
  ws.on('message', (data) => {
    let message: { id?: unknown; name?: unknown; args?: unknown } | null;
    try {
      message = JSON.parse(textOf(data)) as typeof message;
    } catch {
      ws.send(JSON.stringify({ type: 'reply', id: null, envelope: { ok: false, error: { code: 'invalid-argument', message: 'Message is not JSON' } } }));
      return;
    }
    const id = typeof message?.id === 'number' ? message.id : null;
    void deps.limiter
      .run(client, String(message?.name), () => dispatch(deps.api, message?.name, message?.args, deps.logger))
      .then((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'reply', id, envelope }));
      });
  });
}

/** A message's text: ws hands a Buffer (its default binaryType); the other forms it may use are read as the same bytes. */
function textOf(data: RawData): string {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return bytes.toString('utf8');
}
