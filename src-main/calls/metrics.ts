import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Topic, cluster and resource metrics. */
export function metricsCalls(services: Services): AreaCalls<'metrics'> {
  return {
    'metrics:topic': ({ topic, time_range }) => services.metrics.topicMetrics(topic, time_range),
    'metrics:cluster': ({ time_range }) => Promise.resolve(services.metrics.clusterMetrics(time_range)),
    'metrics:resources': ({ time_range }) => Promise.resolve(services.resources.metrics(time_range)),
  };
}
