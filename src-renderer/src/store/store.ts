// The renderer's one way to read back-end data (src-renderer/src/store): a store declares its loader (contract calls), the
// events after which it reads again and how often it polls; watching it (a mounted component or
// App's follow) loads it, then debounces event refreshes, skips reads while the window is hidden
// (catching up when it shows again), reads again when a lost link comes back, and keeps the error.
import { useEffect, useSyncExternalStore } from 'react';
import type { Bridge, EventName, EventPayload } from '../../../src-shared/contract';

export interface StoreState<T> {
  data: T | null;
  /** The last load's error message (the data, if any, is the last good one). */
  error: string | null;
  loading: boolean;
  loadedAt: number | null;
}

type Updates<T, P> = { [E in EventName]?: (payload: EventPayload<E>, current: T | null, params: P) => T | null };

export interface StoreSpec<T, P> {
  /** Reads the data: one or more contract calls. */
  load(bridge: Bridge, params: P): Promise<T>;
  /** Events after which the data is read again (debounced). */
  events?: readonly EventName[];
  /** Events that carry the new data themselves: applied without a read (null: not for this store). */
  updates?: Updates<T, P>;
  /** Read again this often while watched (skipped while the window is hidden). */
  pollMs?: number;
  /** Event refreshes and poll ticks within this window make one read. Default 100 ms. */
  debounceMs?: number;
  /** The identity of a parameter set (default: its JSON). */
  key?(params: P): string;
}

export interface Store<T, P = void> {
  /** React hook: the state for `params`, watched while the component is mounted. */
  use(params: P): StoreState<T>;
  /** Watches outside React (App, tests): loads now, follows events and polls; returns the stop. */
  watch(params: P): () => void;
  get(params: P): StoreState<T>;
  /** Reads again now: the given parameter set, or every watched one. */
  refresh(params?: P): Promise<void>;
  /** Replaces the data locally (an answer that carries the new state). */
  set(params: P, data: T | null): void;
  subscribe(params: P, listener: () => void): () => void;
}

interface Entry<T, P> {
  params: P;
  state: StoreState<T>;
  listeners: Set<() => void>;
  watchers: number;
  stops: (() => void)[];
  debounce: ReturnType<typeof setTimeout> | null;
  /** A read was skipped while the window was hidden. */
  stale: boolean;
  inFlight: Promise<void> | null;
  again: boolean;
}

const INITIAL: StoreState<never> = { data: null, error: null, loading: false, loadedAt: null };

const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

export function createStoreOn<T, P = void>(bridge: Bridge, spec: StoreSpec<T, P>): Store<T, P> {
  const entries = new Map<string, Entry<T, P>>();
  const keyOf = spec.key ?? ((params: P) => (params === undefined ? '' : JSON.stringify(params)));
  const debounceMs = spec.debounceMs ?? 100;

  function entry(params: P): Entry<T, P> {
    const key = keyOf(params);
    let found = entries.get(key);
    if (!found) {
      found = { params, state: INITIAL, listeners: new Set(), watchers: 0, stops: [], debounce: null, stale: false, inFlight: null, again: false };
      entries.set(key, found);
    }
    return found;
  }

  function update(target: Entry<T, P>, patch: Partial<StoreState<T>>): void {
    target.state = { ...target.state, ...patch };
    for (const listener of target.listeners) listener();
  }

  /** One read at a time per entry; a refresh asked for during a read makes one more after it. */
  function read(target: Entry<T, P>): Promise<void> {
    if (target.inFlight) {
      target.again = true;
      return target.inFlight;
    }
    target.stale = false;
    update(target, { loading: true });
    target.inFlight = spec.load(bridge, target.params).then(
      (data) => update(target, { data, error: null, loading: false, loadedAt: Date.now() }),
      (error: unknown) => update(target, { error: error instanceof Error ? error.message : String(error), loading: false }),
    );
    return target.inFlight.finally(() => {
      target.inFlight = null;
      if (target.again) {
        target.again = false;
        return read(target);
      }
    });
  }

  /** A background read (event, poll tick): debounced, and put off while the window is hidden. */
  function schedule(target: Entry<T, P>): void {
    if (hidden()) {
      target.stale = true;
      return;
    }
    if (target.debounce) return;
    target.debounce = setTimeout(() => {
      target.debounce = null;
      void read(target);
    }, debounceMs);
  }

  function start(target: Entry<T, P>): void {
    const stops = target.stops;
    for (const event of spec.events ?? []) stops.push(bridge.on(event, () => schedule(target)));
    for (const [event, apply] of Object.entries(spec.updates ?? {}) as [EventName, (payload: unknown, current: T | null, params: P) => T | null][]) {
      stops.push(
        bridge.on(event, (payload) => {
          const next = apply(payload, target.state.data, target.params);
          if (next !== null) update(target, { data: next, error: null, loadedAt: Date.now() });
        }),
      );
    }
    if (spec.pollMs) {
      const timer = setInterval(() => schedule(target), spec.pollMs);
      stops.push(() => clearInterval(timer));
    }
    stops.push(bridge.onConnectionChange((linked) => linked && schedule(target)));
    if (typeof document !== 'undefined') {
      const onVisible = () => !hidden() && target.stale && schedule(target);
      document.addEventListener('visibilitychange', onVisible);
      stops.push(() => document.removeEventListener('visibilitychange', onVisible));
    }
  }

  function stop(target: Entry<T, P>): void {
    for (const off of target.stops.splice(0)) off();
    if (target.debounce) clearTimeout(target.debounce);
    target.debounce = null;
  }

  function watch(params: P): () => void {
    const target = entry(params);
    target.watchers += 1;
    if (target.watchers === 1) {
      start(target);
      void read(target);
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      target.watchers -= 1;
      if (target.watchers === 0) stop(target);
    };
  }

  function subscribe(params: P, listener: () => void): () => void {
    const target = entry(params);
    target.listeners.add(listener);
    return () => target.listeners.delete(listener);
  }

  return {
    use(params) {
      const key = keyOf(params);
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is the parameters' identity
      useEffect(() => watch(params), [key]);
      return useSyncExternalStore(
        (listener) => subscribe(params, listener),
        () => entry(params).state,
      );
    },
    watch,
    get: (params) => entry(params).state,
    refresh(params) {
      if (params !== undefined) return read(entry(params));
      const watched = [...entries.values()].filter((target) => target.watchers > 0 || target.listeners.size > 0);
      return Promise.all(watched.map(read)).then(() => undefined);
    },
    set: (params, data) => update(entry(params), { data, error: null }),
    subscribe,
  };
}
