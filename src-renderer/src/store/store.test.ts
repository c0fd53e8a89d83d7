import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertsState } from '@shared/alerts';
import { act, useOutcomes } from './action';
import { fakeBridge } from './fake-bridge';
import { createStoreOn } from './store';

const alerts = (active: number) => ({ active: Array.from({ length: active }, (_, i) => ({ id: `a${i}` })) }) as unknown as AlertsState;

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Fake timers for the describe block, and the window visible again after each test. */
function withFakeTimers() {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    setVisibility('visible');
  });
}

describe('createStore: loads and events', () => {
  withFakeTimers();

  it('loads when first watched and keeps the data', async () => {
    const bridge = fakeBridge({ 'consumers:list': () => [] });
    const store = createStoreOn(bridge, { load: (b) => b.call('consumers:list', {}) });
    const stop = store.watch();
    expect(store.get().loading).toBe(true);
    await vi.runAllTimersAsync();
    expect(store.get()).toMatchObject({ data: [], error: null, loading: false });
    expect(bridge.calls).toHaveLength(1);
    stop();
  });

  it('a first watcher that comes while a read runs (begun with the navigation) waits for it, no second read', async () => {
    const bridge = fakeBridge({ 'consumers:list': () => [] });
    const store = createStoreOn(bridge, { load: (b) => b.call('consumers:list', {}) });
    const prefetched = store.refresh();
    const stop = store.watch();
    await prefetched;
    await vi.runAllTimersAsync();
    expect(store.get()).toMatchObject({ data: [], loading: false });
    expect(bridge.calls).toHaveLength(1);
    stop();
    // with no read running, a first watcher reads as before
    store.watch()();
    await vi.runAllTimersAsync();
    expect(bridge.calls).toHaveLength(2);
  });

  it('reads again after one of its events, one read for a burst (debounced)', async () => {
    let n = 0;
    const bridge = fakeBridge({ 'alerts:state': () => alerts(n++) });
    const store = createStoreOn(bridge, { load: (b) => b.call('alerts:state', {}), events: ['health:changed'], debounceMs: 50 });
    const stop = store.watch();
    await vi.runAllTimersAsync();
    for (let i = 0; i < 5; i++) bridge.emit('health:changed', {} as never);
    await vi.advanceTimersByTimeAsync(49);
    expect(bridge.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(bridge.calls).toHaveLength(2);
    expect(store.get().data?.active).toHaveLength(1);
    stop();
    bridge.emit('health:changed', {} as never);
    await vi.runAllTimersAsync();
    expect(bridge.calls).toHaveLength(2);
  });

  it('applies an event that carries the new data without a read', async () => {
    const bridge = fakeBridge({ 'alerts:state': () => alerts(0) });
    const store = createStoreOn(bridge, { load: (b) => b.call('alerts:state', {}), updates: { 'alerts:changed': (state) => state } });
    store.watch();
    await vi.runAllTimersAsync();
    bridge.emit('alerts:changed', alerts(2));
    expect(store.get().data?.active).toHaveLength(2);
    expect(bridge.calls).toHaveLength(1);
  });
});

describe('createStore: polling, errors and parameter sets', () => {
  withFakeTimers();

  it('polls while watched, skips while the window is hidden and catches up when it shows', async () => {
    const bridge = fakeBridge({ 'consumers:list': () => [] });
    const store = createStoreOn(bridge, { load: (b) => b.call('consumers:list', {}), pollMs: 1000, debounceMs: 0 });
    const stop = store.watch();
    await vi.advanceTimersByTimeAsync(2001);
    expect(bridge.calls).toHaveLength(3);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(5000);
    expect(bridge.calls).toHaveLength(3);
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(1);
    expect(bridge.calls).toHaveLength(4);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(bridge.calls).toHaveLength(4);
  });

  it('surfaces a failed read as its error and keeps the last data', async () => {
    let fail = false;
    const bridge = fakeBridge({
      'consumers:list': () => {
        if (fail) throw new Error('Kafka is down');
        return [];
      },
    });
    const store = createStoreOn(bridge, { load: (b) => b.call('consumers:list', {}) });
    store.watch();
    await vi.runAllTimersAsync();
    fail = true;
    await store.refresh();
    expect(store.get()).toMatchObject({ data: [], error: 'Kafka is down' });
    fail = false;
    await store.refresh();
    expect(store.get().error).toBeNull();
  });

  it('keeps one state per parameter set and reads again when the link comes back', async () => {
    const bridge = fakeBridge({ 'pipelines:job': ({ jobId }) => ({ name: jobId }) as never });
    const store = createStoreOn(bridge, { load: (b, p: { jobId: string }) => b.call('pipelines:job', p) });
    store.watch({ jobId: 'a' });
    store.watch({ jobId: 'b' });
    await vi.runAllTimersAsync();
    expect(store.get({ jobId: 'a' }).data).toEqual({ name: 'a' });
    expect(store.get({ jobId: 'b' }).data).toEqual({ name: 'b' });
    bridge.link(true);
    await vi.runAllTimersAsync();
    expect(bridge.calls).toHaveLength(4);
  });
});

describe('act', () => {
  it('says what ran, refreshes the stores it names, and reports a failure in its scope', async () => {
    const refreshed = vi.fn(() => Promise.resolve());
    await act('page', () => Promise.resolve({ path: '/sp/1' }), { label: 'Savepoint', refresh: [{ refresh: refreshed }] });
    expect(useOutcomes.getState().byScope.page).toEqual({ kind: 'ok', text: 'Savepoint: done — /sp/1' });
    expect(refreshed).toHaveBeenCalledOnce();
    const result = await act('page', () => Promise.reject(new Error('no such job')), { label: 'Cancel' });
    expect(result).toBeUndefined();
    expect(useOutcomes.getState().byScope.page).toEqual({ kind: 'error', text: 'Cancel: no such job' });
    await act('other', () => Promise.reject(new Error('plain')));
    expect(useOutcomes.getState().byScope.other).toEqual({ kind: 'error', text: 'plain' });
    expect(useOutcomes.getState().busy.other).toBeNull();
  });
});

describe('createStore, event-fed and shared', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a store without a loader is fed by its events only, and a reconnect reads nothing', async () => {
    const bridge = fakeBridge({});
    const store = createStoreOn(bridge, { updates: { 'alerts:changed': (state: AlertsState) => state } });
    store.watch();
    bridge.emit('alerts:changed', alerts(1));
    bridge.link(true);
    await vi.runAllTimersAsync();
    expect(store.get().data?.active).toHaveLength(1);
    expect(bridge.calls).toHaveLength(0);
  });

  it('merges a read with what events brought while it ran', async () => {
    let answer: (value: AlertsState) => void = () => undefined;
    const bridge = fakeBridge({ 'alerts:state': () => new Promise<AlertsState>((resolve) => (answer = resolve)) });
    const store = createStoreOn(bridge, {
      load: (b) => b.call('alerts:state', {}).then((state) => ({ state, events: 0 })),
      merge: (loaded, current) => ({ ...loaded, events: current?.events ?? 0 }),
      updates: { 'health:changed': (_payload, current) => current && { ...current, events: current.events + 1 } },
    });
    store.watch();
    await vi.runAllTimersAsync();
    answer(alerts(0));
    await vi.runAllTimersAsync();
    bridge.emit('health:changed', {} as never);
    void store.refresh();
    await vi.runAllTimersAsync();
    answer(alerts(3));
    await vi.runAllTimersAsync();
    expect(store.get().data).toMatchObject({ events: 1, state: { active: [{}, {}, {}] } });
  });

  it('polls only while a watcher asks for it', async () => {
    const bridge = fakeBridge({ 'stack:status': () => ({}) as never });
    const store = createStoreOn(bridge, { load: (b) => b.call('stack:status', {}), pollMs: 5000, debounceMs: 0 });
    const stopFollow = store.watch(undefined, { poll: false });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(bridge.calls).toHaveLength(1);
    const stopPage = store.watch();
    await vi.advanceTimersByTimeAsync(10_001);
    expect(bridge.calls).toHaveLength(3);
    stopPage();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(bridge.calls).toHaveLength(3);
    stopFollow();
  });
});
