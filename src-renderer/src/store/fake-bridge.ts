// An in-process Bridge for renderer tests: answers calls with the handlers given, emits events on demand.
import type { Bridge, CallArgs, CallName, CallResult, EventName, EventPayload } from '@shared/contract';

type Handlers = { [K in CallName]?: (args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K> };

export interface FakeBridge extends Bridge {
  calls: { name: CallName; args: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  link(connected: boolean): void;
}

export function fakeBridge(handlers: Handlers): FakeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const links = new Set<(connected: boolean) => void>();
  const calls: FakeBridge['calls'] = [];
  return {
    calls,
    async call(name, args) {
      calls.push({ name, args });
      const handler = handlers[name] as ((args: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`no handler for ${name}`);
      return (await handler(args)) as never;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onConnectionChange(listener) {
      links.add(listener);
      return () => links.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    link(connected) {
      for (const listener of links) listener(connected);
    },
  };
}
