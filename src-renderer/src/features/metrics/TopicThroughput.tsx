import { useEffect, useState } from 'react';
import type { TimeRange } from '../../../../src-shared/metrics';
import { FlowIndicator } from './FlowIndicator';
import { followTopicMetrics, type TopicMetricsState, useTopicMetrics } from './topic-metrics-store';
import { KAFKA_CHARTS, KafkaChart, type KafkaFigures } from './KafkaChart';
import { RangePicker } from '../../charts/RangePicker';

const topicFigures = ({ metrics, current }: TopicMetricsState): KafkaFigures | undefined => (metrics ? { series: metrics.series, current, unavailable: metrics.unavailable } : undefined);

/** A topic's messages/s, MB/s in and out, requests and failures, and consumer lag: the stored series for the chosen range, then live points as they are sampled. */
export function TopicThroughput({ topic }: { topic: string }) {
  const [range, setRange] = useState<TimeRange>('15m');
  const error = useTopicMetrics((state) => state.error);
  const idleMs = useTopicMetrics((state) => state.idleMs);
  useEffect(() => followTopicMetrics(topic, range), [topic, range]);
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
          <KafkaChart kind={KAFKA_CHARTS.topic.messages} source={useTopicMetrics} pick={topicFigures} testId="topic-chart" />
          <KafkaChart kind={KAFKA_CHARTS.topic.bytes} source={useTopicMetrics} pick={topicFigures} testId="topic-chart-bytes" />
          <KafkaChart kind={KAFKA_CHARTS.topic.requests} source={useTopicMetrics} pick={topicFigures} testId="topic-chart-requests" />
          <KafkaChart kind={KAFKA_CHARTS.topic.lag} source={useTopicMetrics} pick={topicFigures} testId="topic-chart-lag" />
        </div>
      )}
    </section>
  );
}
