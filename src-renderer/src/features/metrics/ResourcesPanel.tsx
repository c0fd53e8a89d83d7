import type { LiveResourceMetrics } from './metrics-store';
import { bytes, num } from '@renderer/format';
import { ResourceChart } from './ResourceChart';
import { binaryUnit } from '@renderer/charts/chart-geometry';

const percentOfMachine = (value: number) => `${(value * 100).toFixed(1)} %`;
const percentOfCore = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} %`;
const ms = (value: number) => `${num(Number(value.toFixed(value < 10 ? 2 : 0)))} ms`;
const ZOOKEEPER_NAMES: Record<string, string> = { avg_latency_ms: 'avg (server)', max_latency_ms: 'max (server)', round_trip_ms: 'mntr round trip' };

/** The newest values of one metric, summed over every series of a group (all TaskManagers, all processes). */
function total(metrics: LiveResourceMetrics | null, group: string, metric: string): number | null {
  const found = (metrics?.series ?? []).filter((series) => series.group === group && series.metric === metric && series.current !== null);
  return found.length > 0 ? found.reduce((sum, series) => sum + (series.current ?? 0), 0) : null;
}

function heapHeadline(metrics: LiveResourceMetrics | null): string {
  const max = total(metrics, 'taskmanager', 'heap_max_bytes');
  return max ? `${bytes(total(metrics, 'taskmanager', 'heap_used_bytes'))} / ${bytes(max)}` : '—';
}

function processCpuHeadline(metrics: LiveResourceMetrics | null): string {
  const sum = total(metrics, 'process', 'cpu_percent');
  return sum === null ? '—' : `${percentOfCore(sum)} of a core`;
}

/** The Overview's resource charts: TaskManager JVMs, ZooKeeper latency, the local stack's processes. */
export function ResourcesPanel() {
  return (
    <section className="throughput" data-testid="resources">
      <div className="section-header">
        <h2>Resources</h2>
      </div>
      <div className="charts">
        <ResourceChart
          title="TaskManager CPU"
          testId="chart-tm-cpu"
          group="taskmanager"
          metrics={['cpu_load']}
          name={(series) => series.label}
          format={percentOfMachine}
          source="flink"
          yMax={(dataMax) => Math.min(1, Math.max(0.05, dataMax))}
        />
        <ResourceChart
          title="TaskManager heap"
          testId="chart-tm-heap"
          group="taskmanager"
          metrics={['heap_used_bytes']}
          name={(series) => series.label}
          format={bytes}
          axisUnit={binaryUnit}
          current={heapHeadline}
          source="flink"
        />
        <ResourceChart
          title="ZooKeeper latency"
          testId="chart-zk-latency"
          group="zookeeper"
          metrics={['avg_latency_ms', 'max_latency_ms', 'round_trip_ms']}
          name={(series) => ZOOKEEPER_NAMES[series.metric]}
          format={ms}
          source="zookeeper"
        />
        <ResourceChart
          title="Stack processes: CPU"
          testId="chart-process-cpu"
          group="process"
          metrics={['cpu_percent']}
          name={(series) => series.label}
          format={percentOfCore}
          source="process"
          current={processCpuHeadline}
        />
        <ResourceChart
          title="Stack processes: memory (RSS)"
          testId="chart-process-memory"
          group="process"
          metrics={['rss_bytes']}
          name={(series) => series.label}
          format={bytes}
          axisUnit={binaryUnit}
          source="process"
          current={(metrics) => bytes(total(metrics, 'process', 'rss_bytes'))}
        />
      </div>
    </section>
  );
}
