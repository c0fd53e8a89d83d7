import { useEffect, useState } from 'react';
import { appendPoint } from '../../../src-shared/chart-window';
import { TIME_RANGE_MS, type StreamingMetrics, type TimeRange } from '../../../src-shared/metrics';
import { bridge } from '../bridge';
import { num } from '../format';
import { LiveChart } from './LiveChart';
import { RangePicker } from './RangePicker';

const rate = (value: number) => `${num(Math.round(value))}/s`;

/** A topic's messages/s: the stored series for the chosen range, then live points as they are sampled. */
export function TopicThroughput({ topic }: { topic: string }) {
  const [range, setRange] = useState<TimeRange>('15m');
  const [metrics, setMetrics] = useState<StreamingMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    bridge.call('metrics:topic', { topic, time_range: range }).then(
      (loaded) => !cancelled && (setMetrics(loaded), setError(null)),
      (caught: Error) => !cancelled && setError(caught.message),
    );
    if (TIME_RANGE_MS[range] > 3_600_000) return () => void (cancelled = true);
    const off = bridge.on('metrics:sampled', (sample) => {
      // the first sample has no rates yet; after it, a topic left out of a sample had no traffic
      if (sample.cluster.messages_per_sec === null) return;
      const rate = sample.topics[topic]?.messages_per_sec ?? 0;
      setMetrics((current) =>
        current
          ? {
              ...current,
              current: { ...current.current, messages_per_sec: rate },
              series: { ...current.series, messages_per_sec: appendPoint(current.series.messages_per_sec, [sample.at, rate], TIME_RANGE_MS[range]) },
            }
          : current,
      );
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [topic, range]);
  return (
    <section className="panel">
      <header>
        <h2>Throughput</h2>
        <RangePicker value={range} onChange={setRange} />
      </header>
      {error ? (
        <div className="note error">{error}</div>
      ) : (
        <LiveChart
          title="Messages per second"
          testId="topic-chart"
          points={metrics?.series.messages_per_sec ?? []}
          format={rate}
          axisFormat={(value) => num(Math.round(value))}
          current={metrics?.current.messages_per_sec != null ? rate(metrics.current.messages_per_sec) : '—'}
        />
      )}
    </section>
  );
}
