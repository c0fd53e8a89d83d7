// Read side of the Pipelines page: cluster, job list and a job's detail, assembled from several
// REST calls. A call that fails for one job (it just finished, an older Flink lacks an endpoint)
// leaves that part null instead of failing the whole answer.
import {
  ACTIVE_JOB_STATES,
  type FlinkCluster,
  type JobDetail,
  type JobState,
  jobStateOf,
  type JobSummary,
  type JobVertex,
  jobDashboardUrl,
} from '@shared/flink';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { RawJobDetail, RawMetricList } from '@main/clients/flink/flink-rest-types';
import { SinkWriterMetrics, sinkRecordsOut } from './sink-output';
import {
  checkpointsFailedInARow,
  jobParallelism,
  jobTimes,
  lastCheckpoint,
  metricValue,
  parseBackpressureLevel,
  parseCheckpointStats,
  parseCluster,
  parseExceptions,
  parseJobConfig,
  sourcesAndSinks,
  sumKnown,
} from '@main/clients/flink/flink-parse';

const VERTEX_METRICS = [
  'numRecordsIn',
  'numRecordsOut',
  'numBytesIn',
  'numBytesOut',
  'numRecordsInPerSecond',
  'numRecordsOutPerSecond',
  'busyTimeMsPerSecond',
  'backPressuredTimeMsPerSecond',
];
/** Jobs whose rates and back-pressure are worth reading. */
const LIVE: ReadonlySet<JobState> = new Set(ACTIVE_JOB_STATES);

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

export class FlinkInsight {
  private readonly sinkWriters: SinkWriterMetrics;

  constructor(
    private readonly client: FlinkRestClient,
    /** The dashboard address shown to users (may differ from the client's, e.g. behind a proxy). */
    private readonly dashboardBase: string = client.baseUrl,
    private readonly now: () => number = Date.now,
  ) {
    this.sinkWriters = new SinkWriterMetrics(now);
  }

  async cluster(): Promise<FlinkCluster> {
    return parseCluster(await this.client.overview(), this.dashboardBase);
  }

  /** All jobs Flink knows (running first, then newest), each with rates and its last checkpoint when live. */
  async jobs(): Promise<JobSummary[]> {
    const overview = await this.client.jobsOverview();
    const entries = [...(overview.jobs ?? [])].sort(
      (a, b) => Number(b.state === 'RUNNING') - Number(a.state === 'RUNNING') || (b['start-time'] ?? 0) - (a['start-time'] ?? 0),
    );
    return Promise.all(entries.map((e) => this.summary(e.jid, e.name ?? e.jid, jobStateOf(e.state), e)));
  }

  async job(jobId: string): Promise<JobDetail> {
    const d = await this.client.job(jobId);
    const [summary, checkpoints, exceptions, config, vertices] = await Promise.all([
      this.summary(jobId, d.name ?? jobId, jobStateOf(d.state), d, d),
      orNull(this.client.checkpoints(jobId)),
      orNull(this.client.exceptions(jobId)),
      orNull(this.client.jobConfig(jobId)),
      this.vertices(jobId, d),
    ]);
    return {
      ...summary,
      vertices,
      checkpoints: checkpoints
        ? parseCheckpointStats(checkpoints)
        : { completed: 0, failed: 0, inProgress: 0, restored: 0, latestCompleted: null, latestSavepoint: null, history: [] },
      exceptions: exceptions ? parseExceptions(exceptions) : [],
      configuration: config ? parseJobConfig(config) : {},
    };
  }

  private async summary(
    id: string,
    name: string,
    state: JobState,
    times: { 'start-time'?: number; duration?: number },
    known?: RawJobDetail,
  ): Promise<JobSummary> {
    const live = LIVE.has(state);
    const [detail, checkpoints, jobMetrics] = await Promise.all([
      known ? Promise.resolve(known) : orNull(this.client.job(id)),
      orNull(this.client.checkpoints(id)),
      orNull(this.client.jobMetrics(id, ['numRestarts'])),
    ]);
    let recordsIn: number | null = null;
    let recordsOut: number | null = null;
    if (live && detail) {
      const { sources, sinks } = sourcesAndSinks(detail);
      const rates = async (vertexIds: string[], metric: string): Promise<Map<string, number | null>> => {
        const values = await Promise.all(vertexIds.map(async (v) => [v, await orNull(this.client.vertexMetrics(id, v, [metric], ['sum']))] as const));
        return new Map(values.map(([v, l]) => [v, l ? metricValue(l, metric) : null]));
      };
      const [sourceOut, sinkIn, writers] = await Promise.all([
        rates(sources, 'numRecordsOutPerSecond'),
        rates(sinks, 'numRecordsInPerSecond'),
        this.sinkWriters.read(this.client, id, sinks),
      ]);
      recordsIn = sumKnown([...sourceOut.values()]);
      recordsOut = sinkRecordsOut(sinks, writers, (v) => sinkIn.get(v) ?? null);
    }
    const restarts = jobMetrics ? metricValue(jobMetrics, 'numRestarts') : null;
    return {
      id,
      name,
      state,
      parallelism: detail ? jobParallelism(detail) : null,
      ...jobTimes(times),
      recordsInPerSecond: recordsIn,
      recordsOutPerSecond: recordsOut,
      lastCheckpoint: checkpoints ? lastCheckpoint(checkpoints, this.now()) : null,
      checkpointsCompleted: checkpoints ? (checkpoints.counts?.completed ?? 0) : null,
      checkpointsFailed: checkpoints ? (checkpoints.counts?.failed ?? 0) : null,
      checkpointsFailedInARow: checkpoints ? checkpointsFailedInARow(checkpoints) : null,
      restarts: restarts === null ? null : Math.trunc(restarts),
      dashboardUrl: jobDashboardUrl(this.dashboardBase, id),
      // filled in by PipelineInsightService, which knows the catalog and can read Kafka
      pipelineName: null,
      latency: null,
    };
  }

  private async vertices(jobId: string, d: RawJobDetail): Promise<JobVertex[]> {
    const live = LIVE.has(jobStateOf(d.state));
    return Promise.all(
      (d.vertices ?? []).map(async (v) => {
        const [metrics, bp] = live
          ? await Promise.all([orNull(this.client.vertexMetrics(jobId, v.id, VERTEX_METRICS, ['sum', 'max'])), orNull(this.client.backpressure(jobId, v.id))])
          : [null, null];
        const m: RawMetricList = metrics ?? [];
        const s = v.metrics ?? {};
        const ratio = (id: string): number | null => {
          const x = metricValue(m, id, 'max');
          return x === null ? null : Math.min(1, x / 1000);
        };
        return {
          id: v.id,
          name: v.name ?? v.id,
          parallelism: v.parallelism ?? 1,
          status: v.status ?? 'UNKNOWN',
          metrics: {
            // the summary in /jobs/:id counts records between tasks only; the task metrics also count source reads
            recordsIn: metricValue(m, 'numRecordsIn') ?? s['read-records'] ?? null,
            recordsOut: metricValue(m, 'numRecordsOut') ?? s['write-records'] ?? null,
            bytesIn: metricValue(m, 'numBytesIn') ?? s['read-bytes'] ?? null,
            bytesOut: metricValue(m, 'numBytesOut') ?? s['write-bytes'] ?? null,
            recordsInPerSecond: metricValue(m, 'numRecordsInPerSecond'),
            recordsOutPerSecond: metricValue(m, 'numRecordsOutPerSecond'),
            busyRatio: ratio('busyTimeMsPerSecond'),
            backpressuredRatio: ratio('backPressuredTimeMsPerSecond'),
          },
          backpressure: bp ? parseBackpressureLevel(bp) : 'unknown',
        };
      }),
    );
  }
}
