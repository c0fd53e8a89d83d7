import { describe, expect, it, vi } from 'vitest';
import type { AlertsState } from '@shared/alerts';
import { fakeBridge } from './fake-bridge';
import { createStoreOn, forgetClusterData } from './store';

const alerts = (active: number) => ({ active: Array.from({ length: active }, (_, i) => ({ id: `a${i}` })) }) as unknown as AlertsState;

/** A call whose answer the test releases: the read it starts stays under way until then. */
function gate<T>() {
  let release!: (value: T) => void;
  const answer = new Promise<T>((resolve) => (release = resolve));
  return { answer, release };
}

describe('createStore: refreshes, profile switches and dropped entries', () => {
  it('a refresh asked for during a read resolves only after a read that began after it', async () => {
    const first = gate<AlertsState>();
    let n = 0;
    const bridge = fakeBridge({ 'alerts:state': () => (n++ === 0 ? first.answer : alerts(2)) });
    const store = createStoreOn(bridge, { load: (b) => b.call('alerts:state', {}) });
    const stop = store.watch();
    let refreshed = false;
    const refresh = store.refresh().then(() => (refreshed = true));
    first.release(alerts(1));
    await refresh;
    expect(refreshed).toBe(true);
    expect(bridge.calls).toHaveLength(2);
    expect(store.get().data?.active).toHaveLength(2);
    stop();
  });

  it("a profile switch forgets the cluster's data, drops answers begun before it and reads again what is watched", async () => {
    const old = gate<AlertsState>();
    let n = 0;
    const bridge = fakeBridge({ 'alerts:state': () => (n++ === 1 ? old.answer : alerts(n)), 'stack:status': () => ({ busy: 'idle' }) as never });
    const perCluster = createStoreOn(bridge, { load: (b) => b.call('alerts:state', {}) });
    const local = createStoreOn(bridge, { load: (b) => b.call('stack:status', {}), followsCluster: false });
    const stops = [perCluster.watch(), local.watch()];
    await vi.waitFor(() => expect(perCluster.get().data?.active).toHaveLength(1)); // the first answer is in
    await vi.waitFor(() => expect(local.get().data).not.toBeNull());
    void perCluster.refresh(); // a read of the previous cluster, still under way at the switch
    const switched = forgetClusterData();
    expect(perCluster.get().data).toBeNull();
    expect(local.get().data).toEqual({ busy: 'idle' });
    old.release(alerts(9)); // the previous cluster's answer arrives late: not written
    await switched;
    expect(perCluster.get().data?.active).toHaveLength(3);
    stops.forEach((stop) => stop());
  });

  it('a dropped entry is forgotten once its last reader is gone, and a late answer does not bring it back', async () => {
    const late = gate<AlertsState>();
    const bridge = fakeBridge({ 'alerts:state': () => late.answer });
    const store = createStoreOn(bridge, { load: (b) => b.call('alerts:state', {}), drop: true });
    const stopWatch = store.watch();
    const unsubscribe = store.subscribe(undefined, () => {});
    stopWatch(); // React's order: the effect's cleanup first, then the unsubscribe
    unsubscribe();
    late.release(alerts(4));
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.get().data).toBeNull();
  });
});
