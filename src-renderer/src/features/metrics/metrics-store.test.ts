import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METRIC_NAMES, type MetricsSample, type StreamingMetrics, type TimeRange } from '@shared/metrics';
import { fakeBridge } from '@renderer/store/fake-bridge';
import { createStoreOn } from '@renderer/store/store';
import { applyMetricsSample, applyTopicSample, live } from './metrics-store';

const AT = 1_000_000;
const figures = (messages: number) => ({
  messages_per_sec: messages,
  bytes_in_per_sec: 10,
  bytes_out_per_sec: 20,
  consumer_lag: 0,
  requests_per_sec: 1,
  errors_per_sec: 0,
});
const stored = (range: TimeRange, rate = 5): StreamingMetrics => ({
  topic: '(cluster)',
  time_range: range,
  resolution_ms: 1000,
  current: figures(rate),
  series: Object.fromEntries(METRIC_NAMES.map((name) => [name, [[AT - 1000, rate]]])) as StreamingMetrics['series'],
  unavailable: [],
});
const sample = (at: number, topics: MetricsSample['topics'] = {}): MetricsSample => ({ at, cluster: figures(7), topics, idle_ms: 0 });

describe('the metrics series', () => {
  it('a short range takes each live point and figure; a long one (minute averages, re-read) takes none', () => {
    const short = applyMetricsSample(live(stored('15m')), '15m', sample(AT));
    expect(short?.series.messages_per_sec.length).toBe(2);
    expect(short?.current.messages_per_sec).toBe(7);
    expect(applyMetricsSample(live(stored('24h')), '24h', sample(AT))).toBeNull();
  });

  it('a topic left out of a sample had no traffic: it stays quiet since its last message', () => {
    const loaded = { metrics: live(stored('15m', 0)), current: null, idleMs: null, lastMessageAt: AT - 5000 };
    const moving = applyTopicSample(loaded, '15m', sample(AT, { orders: figures(3) }), 'orders');
    expect(moving).toMatchObject({ idleMs: 0, lastMessageAt: AT, current: { messages_per_sec: 3 } });
    const quiet = applyTopicSample(moving!, '15m', sample(AT + 4000), 'orders');
    expect(quiet).toMatchObject({ idleMs: 4000, current: { messages_per_sec: 0, bytes_in_per_sec: null } });
    // the first sample has no rates yet: nothing changes
    expect(applyTopicSample(loaded, '15m', { ...sample(AT), cluster: { ...figures(0), messages_per_sec: null } }, 'orders')).toBeNull();
  });
});

describe('a range store on the data layer (the shape of clusterMetrics)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function rangeStore() {
    const bridge = fakeBridge({ 'metrics:cluster': ({ time_range }) => stored(time_range ?? '15m') });
    const store = createStoreOn(bridge, {
      load: (b, { range }: { range: TimeRange }) => b.call('metrics:cluster', { time_range: range }).then(live),
      updates: { 'metrics:sampled': (payload, current, { range }) => current && applyMetricsSample(current, range, payload) },
      pollMs: ({ range }) => (range === '24h' ? 60_000 : null),
      drop: true,
    });
    return { bridge, store };
  }

  it('appends each sample event without a read, and tells a live source outside React', async () => {
    const { bridge, store } = rangeStore();
    const stop = store.watch({ range: '15m' });
    await vi.runAllTimersAsync();
    const source = store.source({ range: '15m' });
    expect(store.source({ range: '15m' })).toBe(source);
    const seen: number[] = [];
    source.subscribe((state) => seen.push(state.data?.series.messages_per_sec.length ?? 0));
    bridge.emit('metrics:sampled', sample(AT));
    bridge.emit('metrics:sampled', sample(AT + 1000));
    expect(seen).toEqual([2, 3]);
    expect(bridge.calls).toHaveLength(1);
    stop();
  });

  it('re-reads a long range every minute, never a short one, and forgets a range nobody shows', async () => {
    const { bridge, store } = rangeStore();
    const stopShort = store.watch({ range: '15m' });
    const stopLong = store.watch({ range: '24h' });
    await vi.advanceTimersByTimeAsync(120_500);
    expect(bridge.calls.map((call) => (call.args as { time_range: string }).time_range)).toEqual(['15m', '24h', '24h', '24h']);
    stopLong();
    expect(store.get({ range: '24h' }).data).toBeNull();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(bridge.calls).toHaveLength(4);
    stopShort();
  });
});
