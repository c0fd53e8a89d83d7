import { useEffect, useState } from 'react';
import type { TimeRange } from '@shared/metrics';
import { FlowIndicator } from './FlowIndicator';
import type { StoreState } from '@renderer/store';
import { topicMetrics, type TopicMetrics } from './metrics-store';
import { KAFKA_CHARTS, KafkaChart, type KafkaFigures } from './KafkaChart';
import { RangePicker } from '@renderer/charts/RangePicker';

const topicFigures = ({ data }: StoreState<TopicMetrics>): KafkaFigures | undefined =>
  data ? { series: data.metrics.series, current: data.current, unavailable: data.metrics.unavailable } : undefined;

/** A topic's messages/s, MB/s in and out, requests and failures, and consumer lag: the stored series for the chosen range, then live points as they are sampled. */
export function TopicThroughput({ topic }: { topic: string }) {
  const [range, setRange] = useState<TimeRange>('15m');
  const params = { topic, range };
  const source = topicMetrics.source(params);
  const error = topicMetrics.useSelect(params, (state) => state.error);
  const idleMs = topicMetrics.useSelect(params, (state) => state.data?.idleMs ?? null);
  useEffect(() => topicMetrics.watch({ topic, range }), [topic, range]);
  return (
    <section className="panel">
      <header>
        <div className="heading-group">
          <h2>Throughput</h2>
          <FlowIndicator idleMs={idleMs} testId="topic-flow-indicator" />
        </div>
        <RangePicker value={range} onChange={setRange} />
      </header>
      {error ? (
        <div className="note error">{error}</div>
      ) : (
        <div className="charts two-up">
          <KafkaChart kind={KAFKA_CHARTS.topic.messages} source={source} pick={topicFigures} testId="topic-chart" />
          <KafkaChart kind={KAFKA_CHARTS.topic.bytes} source={source} pick={topicFigures} testId="topic-chart-bytes" />
          <KafkaChart kind={KAFKA_CHARTS.topic.requests} source={source} pick={topicFigures} testId="topic-chart-requests" />
          <KafkaChart kind={KAFKA_CHARTS.topic.lag} source={source} pick={topicFigures} testId="topic-chart-lag" />
        </div>
      )}
    </section>
  );
}
