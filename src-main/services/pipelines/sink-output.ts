// What a job's sinks write per second. A sink vertex's numRecordsIn counts what enters its chain:
// a window chained with its sink counts the window's input (180/s for a job that writes 10 records
// a minute). The writer operator of Flink's Sink API (`<sink>__Writer` in the REST metric names)
// counts the records it sends.
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { RawMetricList } from '@main/clients/flink/flink-rest-types';
import { metricValue, sumKnown } from '@main/clients/flink/flink-parse';

const WRITER_RATE = /(?:__|: )Writer\.numRecordsOutPerSecond$/;
/** A vertex's operator metrics appear once its tasks run: one without a writer is listed again after this. */
const RELIST_MS = 30_000;
/** Bounds the names remembered (vertices of jobs long gone): past it, they are forgotten and listed again. */
const MAX_REMEMBERED = 1000;

/** The writer metrics of each sink vertex, their names listed once per vertex. */
export class SinkWriterMetrics {
  private readonly names = new Map<string, { ids: string[]; listedAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Vertex id → its writers' records out per second, summed over subtasks; a vertex without a writer (or whose call failed) is left out. */
  async read(client: FlinkRestClient, jobId: string, sinks: string[]): Promise<Record<string, RawMetricList>> {
    const read = await Promise.all(
      sinks.map(async (vertex) => {
        try {
          const ids = await this.writerRates(client, jobId, vertex);
          return ids.length === 0 ? null : ([vertex, await client.vertexMetrics(jobId, vertex, ids, ['sum'])] as const);
        } catch {
          return null;
        }
      }),
    );
    return Object.fromEntries(read.filter((entry) => entry !== null));
  }

  private async writerRates(client: FlinkRestClient, jobId: string, vertex: string): Promise<string[]> {
    const key = `${client.baseUrl}|${jobId}|${vertex}`;
    const known = this.names.get(key);
    if (known && (known.ids.length > 0 || this.now() - known.listedAt < RELIST_MS)) return known.ids;
    const ids = (await client.vertexMetricNames(jobId, vertex)).filter((id) => WRITER_RATE.test(id));
    if (this.names.size >= MAX_REMEMBERED) this.names.clear();
    this.names.set(key, { ids, listedAt: this.now() });
    return ids;
  }
}

/**
 * Records written per second by the sinks: each sink vertex's writers, or, for a sink without a
 * writer metric (Flink's older SinkFunction), what enters its vertex. Null when nothing is known.
 */
export function sinkRecordsOut(sinks: string[], writers: Record<string, RawMetricList>, vertexIn: (vertex: string) => number | null): number | null {
  return sumKnown(
    sinks.map((vertex) => (writers[vertex] ? (sumKnown(writers[vertex].map((entry) => metricValue(writers[vertex], entry.id))) ?? 0) : vertexIn(vertex))),
  );
}
