// One round of Flink figures over its REST API: every running job's rates, backpressure,
// checkpoints and restarts, and every TaskManager's CPU and heap.
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { RawMetricList } from '@main/clients/flink/flink-rest-types';
import { sourcesAndSinks } from '@main/clients/flink/flink-parse';
import type { SinkWriterMetrics } from '../pipelines/sink-output';
import { flinkClusterReadings, flinkJobReadings, TASKMANAGER_METRICS, taskManagerReadings, VERTEX_RATE_METRICS } from './flink-metrics-parse';
import type { Reading } from './resource-reading';

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}

/** Throws only when the JobManager does not answer at all; a job that ends mid-round just loses its figures. */
export async function readFlinkResources(client: FlinkRestClient, sinkWriters: SinkWriterMetrics): Promise<Reading[]> {
  const [overview, taskManagers] = await Promise.all([client.jobsOverview(), orNull(client.taskManagers())]);
  const running = (overview.jobs ?? []).filter((job) => job.state === 'RUNNING');
  const perJob = await Promise.all(
    running.map(async (job) => {
      const detail = await orNull(client.job(job.jid));
      if (!detail) return [];
      const [metrics, checkpoints, jobMetrics, writers] = await Promise.all([
        Promise.all(
          (detail.vertices ?? []).map(
            async (vertex) => [vertex.id, await orNull(client.vertexMetrics(job.jid, vertex.id, VERTEX_RATE_METRICS, ['sum', 'max']))] as const,
          ),
        ),
        orNull(client.checkpoints(job.jid)),
        orNull(client.jobMetrics(job.jid, ['numRestarts'])),
        sinkWriters.read(client, job.jid, sourcesAndSinks(detail).sinks),
      ]);
      const vertexMetrics: Record<string, RawMetricList> = {};
      for (const [id, list] of metrics) if (list && list.length > 0) vertexMetrics[id] = list;
      return flinkJobReadings({ id: job.jid, name: job.name ?? job.jid, detail, vertexMetrics, checkpoints, jobMetrics, sinkWriters: writers });
    }),
  );
  const jobReadings = perJob.flat();
  const perTaskManager = await Promise.all(
    (taskManagers?.taskmanagers ?? []).map(async (tm) =>
      taskManagerReadings(tm.id, (await orNull(client.taskManagerMetrics(tm.id, TASKMANAGER_METRICS))) ?? []),
    ),
  );
  return [...flinkClusterReadings(jobReadings, running.length), ...jobReadings, ...perTaskManager.flat()];
}
