import { useEffect, useState } from 'react';
import { LiveSeries } from '../../../src-shared/live-series';
import { TIME_RANGE_MS, type TimeRange } from '../../../src-shared/metrics';
import { bridge } from '../bridge';
import { num } from '../format';
import { PROPS_ONLY } from './live-reading';
import { LiveChart, PALETTE } from './LiveChart';
import { RangePicker } from './RangePicker';

const rate = (value: number) => `${num(Math.round(value))}/s`;

/** A topic's messages/s: the stored series for the chosen range, then live points as they are sampled. */
export function TopicThroughput({ topic }: { topic: string }) {
  const [range, setRange] = useState<TimeRange>('15m');
  const [metrics, setMetrics] = useState<{ points: LiveSeries; current: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    bridge.call('metrics:topic', { topic, time_range: range }).then(
      (loaded) => !cancelled && (setMetrics({ points: LiveSeries.of(loaded.series.messages_per_sec), current: loaded.current.messages_per_sec }), setError(null)),
      (caught: Error) => !cancelled && setError(caught.message),
    );
    if (TIME_RANGE_MS[range] > 3_600_000) return () => void (cancelled = true);
    const off = bridge.on('metrics:sampled', (sample) => {
      // the first sample has no rates yet; after it, a topic left out of a sample had no traffic
      if (sample.cluster.messages_per_sec === null) return;
      const rate = sample.topics[topic]?.messages_per_sec ?? 0;
      setMetrics((known) => known && { points: known.points.appended([sample.at, rate], TIME_RANGE_MS[range]), current: rate });
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
          source={PROPS_ONLY}
          read={() => ({
            lines: [{ name: 'Messages per second', points: metrics?.points ?? LiveSeries.EMPTY, color: PALETTE[0] }],
            current: metrics?.current != null ? rate(metrics.current) : '—',
          })}
          format={rate}
          axisFormat={(value) => num(Math.round(value))}
        />
      )}
    </section>
  );
}
