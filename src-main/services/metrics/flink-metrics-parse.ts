// Flink's REST answers turned into resource readings (pure: unit-tested on recorded answers).
import { metricValue, sourcesAndSinks, sumKnown } from '@main/clients/flink/flink-parse';
import { sinkRecordsOut } from '../pipelines/sink-output';
import type { RawCheckpoints, RawJobDetail, RawMetricList } from '@main/clients/flink/flink-rest-types';
import { finiteNumber, reading, type Reading } from './resource-reading';

/** Per-subtask figures read for every vertex of a running job, aggregated by Flink (sum and max). */
export const VERTEX_RATE_METRICS = ['numRecordsInPerSecond', 'numRecordsOutPerSecond', 'busyTimeMsPerSecond', 'backPressuredTimeMsPerSecond'];
export const TASKMANAGER_METRICS = ['Status.JVM.CPU.Load', 'Status.JVM.Memory.Heap.Used', 'Status.JVM.Memory.Heap.Max'];

export interface FlinkJobAnswers {
  id: string;
  name: string;
  detail: RawJobDetail;
  /** Vertex id → its aggregated subtask metrics (a vertex whose call failed is missing). */
  vertexMetrics: Record<string, RawMetricList>;
  checkpoints: RawCheckpoints | null;
  /** `/jobs/:id/metrics?get=numRestarts`. */
  jobMetrics: RawMetricList | null;
  /** Sink vertex id → its writers' numRecordsOutPerSecond (see SinkWriterMetrics); a sink without a writer is missing. */
  sinkWriters: Record<string, RawMetricList>;
}

/**
 * A running job's figures. Records in: what its sources emit; records out: what its sinks write
 * (the same reading as the Pipelines page). Busy and backpressured: the worst subtask of
 * any vertex, as a ratio of time (Flink reports ms per second).
 */
export function flinkJobReadings(job: FlinkJobAnswers): Reading[] {
  const { sources, sinks } = sourcesAndSinks(job.detail);
  const sumOver = (vertices: string[], metric: string): number | null =>
    sumKnown(vertices.map((vertex) => (job.vertexMetrics[vertex] ? metricValue(job.vertexMetrics[vertex], metric, 'sum') : null)));
  const worst = (metric: string): number | null => {
    const values = Object.values(job.vertexMetrics)
      .map((list) => metricValue(list, metric, 'max'))
      .filter((value): value is number => value !== null);
    return values.length === 0 ? null : Math.min(1, Math.max(...values) / 1000);
  };
  const completed = job.checkpoints?.latest?.completed ?? null;
  const restarts = job.jobMetrics ? metricValue(job.jobMetrics, 'numRestarts') : null;
  const at = (metric: Parameters<typeof reading>[3], value: number | null) => reading('flink-job', job.id, job.name, metric, value);
  return [
    ...at('records_in_per_sec', sumOver(sources, 'numRecordsOutPerSecond')),
    ...at(
      'records_out_per_sec',
      sinkRecordsOut(sinks, job.sinkWriters, (vertex) => sumOver([vertex], 'numRecordsInPerSecond')),
    ),
    ...at('busy_ratio', worst('busyTimeMsPerSecond')),
    ...at('backpressured_ratio', worst('backPressuredTimeMsPerSecond')),
    ...at('checkpoint_duration_ms', finiteNumber(completed?.end_to_end_duration)),
    ...at('checkpoint_size_bytes', finiteNumber(completed?.checkpointed_size ?? completed?.state_size)),
    ...at('restarts', restarts),
  ];
}

/**
 * The cluster's figures from its running jobs: records in/out and restarts add up; busy,
 * backpressure and checkpoint duration take the worst job; checkpoint size adds up.
 */
export function flinkClusterReadings(jobReadings: Reading[], runningJobs: number): Reading[] {
  const of = (metric: Reading['metric']) => jobReadings.filter((entry) => entry.metric === metric).map((entry) => entry.value);
  const sum = (metric: Reading['metric']) => (runningJobs === 0 ? 0 : of(metric).length === 0 ? null : of(metric).reduce((total, value) => total + value, 0));
  const max = (metric: Reading['metric']) => (runningJobs === 0 ? null : of(metric).length === 0 ? null : Math.max(...of(metric)));
  const cluster = (metric: Reading['metric'], value: number | null) => reading('flink', null, 'Flink', metric, value);
  return [
    ...cluster('records_in_per_sec', sum('records_in_per_sec')),
    ...cluster('records_out_per_sec', sum('records_out_per_sec')),
    ...cluster('busy_ratio', max('busy_ratio')),
    ...cluster('backpressured_ratio', max('backpressured_ratio')),
    ...cluster('checkpoint_duration_ms', max('checkpoint_duration_ms')),
    ...cluster('checkpoint_size_bytes', sum('checkpoint_size_bytes')),
    ...cluster('restarts', sum('restarts')),
  ];
}

/** A TaskManager's JVM: CPU load (0..1 of the machine, as Flink reports it) and heap. */
export function taskManagerReadings(id: string, metrics: RawMetricList): Reading[] {
  const value = (name: string) => finiteNumber(metrics.find((entry) => entry.id === name)?.value);
  return [
    ...reading('taskmanager', id, id, 'cpu_load', value('Status.JVM.CPU.Load')),
    ...reading('taskmanager', id, id, 'heap_used_bytes', value('Status.JVM.Memory.Heap.Used')),
    ...reading('taskmanager', id, id, 'heap_max_bytes', value('Status.JVM.Memory.Heap.Max')),
  ];
}
