import type { Bridge, CallArgs, CallName, CallResult, EventName, EventPayload, RawBridge } from './contract';
import { unwrap, type Envelope } from './errors';

/** Turns a raw envelope transport (IPC or WebSocket) into the typed Bridge the UI uses. */
export function typedBridge(raw: RawBridge): Bridge {
  return {
    async call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
      const envelope = (await raw.invoke(name, args)) as Envelope<CallResult<K>>;
      return unwrap(envelope);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return raw.subscribe(event, (payload) => listener(payload as EventPayload<E>));
    },
    onConnectionChange(listener) {
      return raw.onConnectionChange?.(listener) ?? (() => {});
    },
  };
}
