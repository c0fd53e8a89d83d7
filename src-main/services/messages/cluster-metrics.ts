// How far an on-cluster search's Kafka readers got, from Flink's REST metrics: the source
// operator's numRecordsOut summed over its subtasks (every record read, before the filter).
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';

/** The source operator's metric, e.g. `Source__search_x_[1].numRecordsOut` (the task's own numRecordsOut counts what left the filter). */
const SOURCE_RECORDS_OUT = /^Source[^.]*\.numRecordsOut$/;

const metricOfJob = new Map<string, { vertex: string; metric: string }>();

async function sourceMetric(flink: FlinkRestClient, jobId: string): Promise<{ vertex: string; metric: string } | null> {
  const known = metricOfJob.get(jobId);
  if (known) return known;
  const job = await flink.job(jobId);
  const source = job.vertices?.find((vertex) => vertex.name?.startsWith('Source'));
  if (!source?.id) return null;
  const metric = (await flink.vertexMetricNames(jobId, source.id)).find((name) => SOURCE_RECORDS_OUT.test(name));
  if (!metric) return null; // the tasks have not started yet
  if (metricOfJob.size > 100) metricOfJob.clear();
  const found = { vertex: source.id, metric };
  metricOfJob.set(jobId, found);
  return found;
}

/** Records the search's source has read so far, or null while Flink cannot say yet. */
export async function sourceRecordsOut(flink: FlinkRestClient, jobId: string): Promise<number | null> {
  const found = await sourceMetric(flink, jobId);
  if (!found) return null;
  const [entry] = await flink.vertexMetrics(jobId, found.vertex, [found.metric], ['sum']);
  const sum = Number(entry?.sum);
  return Number.isFinite(sum) ? sum : null;
}
