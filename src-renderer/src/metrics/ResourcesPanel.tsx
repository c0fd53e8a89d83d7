import type { ResourceMetrics } from '../../../src-shared/metrics';
import { bytes, num } from '../format';
import { ResourceChart } from './ResourceChart';

const percentOfMachine = (value: number) => `${(value * 100).toFixed(1)} %`;
const percentOfCore = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} %`;
const ms = (value: number) => `${num(Number(value.toFixed(value < 10 ? 2 : 0)))} ms`;
const ZOOKEEPER_NAMES: Record<string, string> = { avg_latency_ms: 'avg (server)', max_latency_ms: 'max (server)', round_trip_ms: 'mntr round trip' };

function heapHeadline(metrics: ResourceMetrics | null): string {
  const of = (metric: string) => (metrics?.series ?? []).filter((series) => series.group === 'taskmanager' && series.metric === metric).reduce((sum, series) => sum + (series.current ?? 0), 0);
  const max = of('heap_max_bytes');
  return max > 0 ? `${bytes(of('heap_used_bytes'))} / ${bytes(max)}` : '—';
}

/** The Overview's resource charts: TaskManager JVMs, ZooKeeper latency, the local stack's processes. */
export function ResourcesPanel() {
  return (
    <section className="throughput" data-testid="resources">
      <div className="section-header">
        <h2>Resources</h2>
      </div>
      <div className="charts">
        <ResourceChart title="TaskManager CPU" testId="chart-tm-cpu" group="taskmanager" metrics={['cpu_load']} name={(series) => series.label} format={percentOfMachine} source="flink" yMax={(dataMax) => Math.min(1, Math.max(0.05, dataMax))} />
        <ResourceChart
          title="TaskManager heap"
          testId="chart-tm-heap"
          group="taskmanager"
          metrics={['heap_used_bytes']}
          name={(series) => series.label}
          format={bytes}
          current={heapHeadline}
          source="flink"
        />
        <ResourceChart title="ZooKeeper latency" testId="chart-zk-latency" group="zookeeper" metrics={['avg_latency_ms', 'max_latency_ms', 'round_trip_ms']} name={(series) => ZOOKEEPER_NAMES[series.metric]} format={ms} source="zookeeper" />
        <ResourceChart title="Stack processes: CPU" testId="chart-process-cpu" group="process" metrics={['cpu_percent']} name={(series) => series.label} format={percentOfCore} source="process" current={() => '% of one core'} />
        <ResourceChart title="Stack processes: memory (RSS)" testId="chart-process-memory" group="process" metrics={['rss_bytes']} name={(series) => series.label} format={bytes} source="process" current={(metrics) => bytes((metrics?.series ?? []).filter((series) => series.group === 'process' && series.metric === 'rss_bytes').reduce((sum, series) => sum + (series.current ?? 0), 0) || null)} />
      </div>
    </section>
  );
}
