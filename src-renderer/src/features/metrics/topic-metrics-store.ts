import { create } from 'zustand';
import { TIME_RANGE_MS, type MetricsCurrent, type TimeRange } from '../../../../src-shared/metrics';
import { bridge } from '../../bridge';
import { appendFigures, live, type LiveStreamingMetrics } from './metrics-store';
import { COARSE_REFRESH_MS, isLiveRange } from './metrics-ranges';

/** The figures of the topic whose page is open, for the range its charts show. */
export interface TopicMetricsState {
  metrics: LiveStreamingMetrics | null;
  /** The newest sample's figures for the topic (whatever the range). */
  current: MetricsCurrent | null;
  /** Milliseconds since the topic last received a message, as far as the loaded series and later samples tell (null: not in them). */
  idleMs: number | null;
  error: string | null;
}

export const useTopicMetrics = create<TopicMetricsState>(() => ({ metrics: null, current: null, idleMs: null, error: null }));

/** A topic with no traffic is left out of a sample: it had none, and its other figures are unknown. */
const quiet: MetricsCurrent = { messages_per_sec: 0, bytes_in_per_sec: null, bytes_out_per_sec: null, consumer_lag: null, requests_per_sec: null, errors_per_sec: null };

/**
 * Loads `topic`'s series for `range` and appends every sample's figures to them (a range over an
 * hour holds minute averages: re-read instead); returns the unsubscribe for the page's effect.
 */
export function followTopicMetrics(topic: string, range: TimeRange): () => void {
  let cancelled = false;
  let lastMessageAt: number | null = null;
  useTopicMetrics.setState({ metrics: null, current: null, idleMs: null, error: null });
  const load = () =>
    bridge.call('metrics:topic', { topic, time_range: range }).then(
      (loaded) => {
        if (cancelled) return;
        lastMessageAt ??= loaded.series.messages_per_sec.findLast(([, rate]) => rate > 0)?.[0] ?? null;
        useTopicMetrics.setState((state) => ({ metrics: live(loaded), current: state.current ?? loaded.current, error: null }));
      },
      (error: Error) => !cancelled && useTopicMetrics.setState({ error: error.message }),
    );
  void load();
  const timer = isLiveRange(range) ? null : setInterval(() => void load(), COARSE_REFRESH_MS);
  const off = bridge.on('metrics:sampled', (sample) => {
    // the first sample has no rates yet
    if (sample.cluster.messages_per_sec === null) return;
    const figures = sample.topics[topic] ?? quiet;
    if ((figures.messages_per_sec ?? 0) > 0) lastMessageAt = sample.at;
    useTopicMetrics.setState(({ metrics }) => ({
      current: figures,
      idleMs: lastMessageAt === null ? null : sample.at - lastMessageAt,
      metrics: metrics && isLiveRange(range) ? { ...metrics, series: appendFigures(metrics, sample.at, figures, TIME_RANGE_MS[range]) } : metrics,
    }));
  });
  return () => {
    cancelled = true;
    if (timer) clearInterval(timer);
    off();
  };
}
