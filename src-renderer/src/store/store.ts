// The renderer's one way to read back-end data (src-renderer/src/store): a store declares its loader (contract calls), the
// events after which it reads again and how often it polls; watching it (a mounted component or
// App's follow) loads it, then debounces event refreshes, skips reads while the window is hidden
// (catching up when it shows again), reads again when a lost link comes back, and keeps the error.
import { useEffect, useSyncExternalStore } from 'react';
import type { Bridge, EventName, EventPayload } from '@shared/contract';
import type { LiveSource } from '../charts/live-reading';

export interface StoreState<T> {
  data: T | null;
  /** The last load's error message (the data, if any, is the last good one). */
  error: string | null;
  loading: boolean;
  loadedAt: number | null;
}

type Updates<T, P> = { [E in EventName]?: (payload: EventPayload<E>, current: T | null, params: P) => T | null };

export interface StoreSpec<T, P> {
  /** Reads the data: one or more contract calls. Without it the store is fed by its `updates` (and `set`) only. */
  load?: (bridge: Bridge, params: P) => Promise<T>;
  /** Combines a read's answer with the data held when it arrives (what events brought meanwhile). Default: the answer. */
  merge?: (loaded: T, current: T | null, params: P) => T;
  /** Events after which the data is read again (debounced). */
  events?: readonly EventName[];
  /** Events that carry the new data themselves: applied without a read (null: not for this store). */
  updates?: Updates<T, P>;
  /**
   * Read again this often while watched (skipped while the window is hidden); per parameter set
   * when a function (null: no polling). Only watchers that poll count (see `watch`).
   */
  pollMs?: number | ((params: P) => number | null);
  /** Forget a parameter set's data when its last watcher stops (large series nobody shows). */
  drop?: boolean;
  /**
   * Whether the data belongs to the cluster the active profile points at (default true): on a
   * profile switch it is forgotten and read again (`forgetClusterData`). False for what is the
   * same whatever the cluster (the local stack, the profiles themselves).
   */
  followsCluster?: boolean;
  /** Event refreshes and poll ticks within this window make one read. Default 100 ms. */
  debounceMs?: number;
  /** The identity of a parameter set (default: its JSON). */
  key?: (params: P) => string;
}

export interface Store<T, P = void> {
  /** React hook: the state for `params`, watched while the component is mounted (`poll: false`: without asking for polling). */
  use(params: P, options?: WatchOptions): StoreState<T>;
  /** React hook: one value picked from the state (a primitive or a kept reference), rendering only when it changes; does not watch. */
  useSelect<R>(params: P, select: (state: StoreState<T>) => R): R;
  /** Watches outside React (App, charts, tests): loads now, follows events and polls; returns the stop. */
  watch(params: P, options?: WatchOptions): () => void;
  /** The state for `params` as a live view's source (LiveChart reads it outside React); the same object for the same parameters. */
  source(params: P): LiveSource<StoreState<T>>;
  get(params: P): StoreState<T>;
  /** Reads again now: the given parameter set, or every watched one. */
  refresh(params?: P): Promise<void>;
  /** Replaces the data locally (an answer that carries the new state). */
  set(params: P, data: T | null): void;
  subscribe(params: P, listener: () => void): () => void;
}

interface WatchOptions {
  /** Whether this watcher asks for the store's polling (default true): a page polls, the status bar only follows. */
  poll?: boolean;
}

interface Entry<T, P> {
  params: P;
  state: StoreState<T>;
  listeners: Set<() => void>;
  watchers: number;
  pollers: number;
  stopPoll: (() => void) | null;
  source: LiveSource<StoreState<T>> | null;
  stops: (() => void)[];
  debounce: ReturnType<typeof setTimeout> | null;
  /** A read was skipped while the window was hidden. */
  stale: boolean;
  inFlight: Promise<void> | null;
  /** The running read and the one asked for during it: what a caller of `refresh` waits for. */
  settled: Promise<void> | null;
  again: boolean;
  /** Bumped when the data is forgotten: a read begun before then must not write its answer. */
  generation: number;
}

const INITIAL: StoreState<never> = { data: null, error: null, loading: false, loadedAt: null };

const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/** What a store's parts share: its bridge, its spec and its entries (one per parameter set). */
interface Context<T, P> {
  bridge: Bridge;
  spec: StoreSpec<T, P>;
  entries: Map<string, Entry<T, P>>;
  keyOf(params: P): string;
  debounceMs: number;
}

function entryOf<T, P>(ctx: Context<T, P>, params: P): Entry<T, P> {
  const key = ctx.keyOf(params);
  let found = ctx.entries.get(key);
  if (!found) {
    found = {
      params,
      state: INITIAL,
      listeners: new Set(),
      watchers: 0,
      pollers: 0,
      stopPoll: null,
      source: null,
      stops: [],
      debounce: null,
      stale: false,
      inFlight: null,
      settled: null,
      again: false,
      generation: 0,
    };
    ctx.entries.set(key, found);
  }
  return found;
}

function update<T, P>(target: Entry<T, P>, patch: Partial<StoreState<T>>): void {
  target.state = { ...target.state, ...patch };
  for (const listener of target.listeners) listener();
}

/**
 * One read at a time per entry; a refresh asked for during a read makes one more after it, and
 * its caller waits for that one (the running read may have begun before the change it follows).
 */
function read<T, P>(ctx: Context<T, P>, target: Entry<T, P>): Promise<void> {
  const { spec } = ctx;
  if (target.inFlight) {
    target.again = true;
    return target.settled ?? target.inFlight;
  }
  target.stale = false;
  const load = spec.load;
  if (!load) return Promise.resolve();
  const generation = target.generation;
  // an answer for data since forgotten (a profile switch, a dropped range nobody shows) is not written
  const current = () => generation === target.generation && !(spec.drop && target.watchers === 0);
  update(target, { loading: true });
  const inFlight = load(ctx.bridge, target.params).then(
    (loaded) => {
      if (!current()) return;
      const data = spec.merge ? spec.merge(loaded, target.state.data, target.params) : loaded;
      update(target, { data, error: null, loading: false, loadedAt: Date.now() });
    },
    (error: unknown) => {
      if (current()) update(target, { error: error instanceof Error ? error.message : String(error), loading: false });
    },
  );
  target.inFlight = inFlight;
  target.settled = inFlight.finally(() => {
    target.inFlight = null;
    if (target.again) {
      target.again = false;
      return read(ctx, target);
    }
    if (target.state.loading) update(target, { loading: false });
  });
  return target.settled;
}

/** A background read (event, poll tick): debounced, and put off while the window is hidden. */
function schedule<T, P>(ctx: Context<T, P>, target: Entry<T, P>): void {
  if (hidden()) {
    target.stale = true;
    return;
  }
  if (target.debounce) return;
  target.debounce = setTimeout(() => {
    target.debounce = null;
    void read(ctx, target);
  }, ctx.debounceMs);
}

/** The first watcher came: follow the events that refresh or update the entry, the link and the window's visibility. */
function start<T, P>(ctx: Context<T, P>, target: Entry<T, P>): void {
  const { bridge, spec } = ctx;
  const stops = target.stops;
  for (const event of spec.events ?? []) stops.push(bridge.on(event, () => schedule(ctx, target)));
  for (const [event, apply] of Object.entries(spec.updates ?? {}) as [EventName, (payload: unknown, current: T | null, params: P) => T | null][]) {
    stops.push(
      bridge.on(event, (payload) => {
        const next = apply(payload, target.state.data, target.params);
        if (next !== null) update(target, { data: next, error: null, loadedAt: Date.now() });
      }),
    );
  }
  stops.push(bridge.onConnectionChange((linked) => linked && schedule(ctx, target)));
  if (typeof document !== 'undefined') {
    const onVisible = () => !hidden() && target.stale && schedule(ctx, target);
    document.addEventListener('visibilitychange', onVisible);
    stops.push(() => document.removeEventListener('visibilitychange', onVisible));
  }
}

/** The last watcher left: stop following, and forget the data when the spec says so. */
function stop<T, P>(ctx: Context<T, P>, target: Entry<T, P>): void {
  for (const off of target.stops.splice(0)) off();
  if (target.debounce) clearTimeout(target.debounce);
  target.debounce = null;
  if (ctx.spec.drop) {
    target.state = INITIAL;
    if (target.listeners.size === 0) ctx.entries.delete(ctx.keyOf(target.params));
  }
}

function pollOf<T, P>(spec: StoreSpec<T, P>, params: P): number | null {
  return typeof spec.pollMs === 'function' ? spec.pollMs(params) : (spec.pollMs ?? null);
}

/** Polling runs while at least one watcher asks for it. */
function setPolling<T, P>(ctx: Context<T, P>, target: Entry<T, P>, delta: number): void {
  target.pollers += delta;
  const every = pollOf(ctx.spec, target.params);
  if (target.pollers > 0 && !target.stopPoll && every) {
    const timer = setInterval(() => schedule(ctx, target), every);
    target.stopPoll = () => clearInterval(timer);
  } else if (target.pollers === 0 && target.stopPoll) {
    target.stopPoll();
    target.stopPoll = null;
  }
}

function watch<T, P>(ctx: Context<T, P>, params: P, options: WatchOptions = {}): () => void {
  const target = entryOf(ctx, params);
  const polls = options.poll !== false;
  target.watchers += 1;
  if (target.watchers === 1) {
    start(ctx, target);
    // a read already running began moments ago (a page's first read started with its navigation, before its code
    // loaded: `prefetch`): its answer is the one to wait for, not a second read after it
    if (!target.inFlight) void read(ctx, target);
  }
  if (polls) setPolling(ctx, target, 1);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (polls) setPolling(ctx, target, -1);
    target.watchers -= 1;
    if (target.watchers === 0) stop(ctx, target);
  };
}

function subscribe<T, P>(ctx: Context<T, P>, params: P, listener: () => void): () => void {
  const target = entryOf(ctx, params);
  target.listeners.add(listener);
  return () => {
    target.listeners.delete(listener);
    // React unsubscribes after its effect's cleanup stopped the watch: a dropped entry goes now
    if (ctx.spec.drop && target.watchers === 0 && target.listeners.size === 0) ctx.entries.delete(ctx.keyOf(target.params));
  };
}

/** Every store made, so a profile switch can reach the ones whose data belongs to the cluster. */
const everyStore = new Set<Context<unknown, unknown>>();

/**
 * The active profile switched: the data of every store that follows the cluster is forgotten (no
 * page shows the previous cluster's jobs or groups, with their buttons, while the new one is read),
 * answers of reads begun before are dropped, and what is watched is read again.
 */
export function forgetClusterData(): Promise<void> {
  const reads: Promise<void>[] = [];
  for (const ctx of everyStore) {
    if (!ctx.spec.load || ctx.spec.followsCluster === false) continue;
    for (const target of ctx.entries.values()) {
      target.generation += 1;
      update(target, INITIAL);
      // a read under way is followed by a fresh one (its own answer is dropped above)
      if (target.watchers > 0 || target.listeners.size > 0) reads.push(read(ctx, target));
    }
  }
  return Promise.all(reads).then(() => undefined);
}

function source<T, P>(ctx: Context<T, P>, params: P): LiveSource<StoreState<T>> {
  const target = entryOf(ctx, params);
  target.source ??= {
    getState: () => entryOf(ctx, params).state,
    subscribe: (listener) => subscribe(ctx, params, () => listener(entryOf(ctx, params).state)),
  };
  return target.source;
}

export function createStoreOn<T, P = void>(bridge: Bridge, spec: StoreSpec<T, P>): Store<T, P> {
  const ctx: Context<T, P> = {
    bridge,
    spec,
    entries: new Map(),
    keyOf: spec.key ?? ((params: P) => (params === undefined ? '' : JSON.stringify(params))),
    debounceMs: spec.debounceMs ?? 100,
  };
  everyStore.add(ctx as Context<unknown, unknown>);
  return {
    use(params, options) {
      const key = ctx.keyOf(params);
      const poll = options?.poll !== false;
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is the parameters' identity
      useEffect(() => watch(ctx, params, { poll }), [key, poll]);
      return useSyncExternalStore(
        (listener) => subscribe(ctx, params, listener),
        () => entryOf(ctx, params).state,
      );
    },
    useSelect(params, select) {
      return useSyncExternalStore(
        (listener) => subscribe(ctx, params, listener),
        () => select(entryOf(ctx, params).state),
      );
    },
    watch: (params, options) => watch(ctx, params, options),
    source: (params) => source(ctx, params),
    get: (params) => entryOf(ctx, params).state,
    refresh(params) {
      if (params !== undefined) return read(ctx, entryOf(ctx, params));
      const watched = [...ctx.entries.values()].filter((target) => target.watchers > 0 || target.listeners.size > 0);
      return Promise.all(watched.map((target) => read(ctx, target))).then(() => undefined);
    },
    set: (params, data) => update(entryOf(ctx, params), { data, error: null }),
    subscribe: (params, listener) => subscribe(ctx, params, listener),
  };
}
