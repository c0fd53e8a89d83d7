// What runs on the Flink cluster, each job with the catalog pipeline it runs and, while it runs,
// that pipeline's end-to-end latency.
import type { FlinkCluster, JobDetail, JobSummary } from '@shared/flink';
import type { PipelineDefinition } from '@shared/pipelines';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { FlinkInsight } from './flink-insight';
import type { PipelineCatalog } from './pipeline-catalog';
import { type LatencyProbe, latencySpecOf } from './pipeline-latency';

/** Jobs this back end started and the pipeline each runs (a jar job names itself, so its name does not tell). */
export type StartedJobs = Map<string, string>;

export class PipelineInsightService {
  readonly insight: FlinkInsight;

  constructor(
    private readonly flink: FlinkRestClient,
    private readonly catalog: PipelineCatalog,
    private readonly started: StartedJobs,
    private readonly latency: LatencyProbe | null,
    dashboardUrl: string,
  ) {
    this.insight = new FlinkInsight(flink, dashboardUrl);
  }

  cluster(): Promise<FlinkCluster> {
    return this.insight.cluster();
  }
  async jobs(): Promise<JobSummary[]> {
    const jobs = await this.insight.jobs();
    const writers = this.sinkWriters(jobs);
    return Promise.all(jobs.map((j) => this.withPipeline(j, writers)));
  }
  async job(jobId: string): Promise<JobDetail> {
    const [detail, overview] = await Promise.all([this.insight.job(jobId), this.flink.jobsOverview().catch(() => ({ jobs: [] }))]);
    const running = (overview.jobs ?? []).map((j) => ({ id: j.jid, name: j.name ?? j.jid, state: j.state ?? '' }));
    return this.withPipeline(detail, this.sinkWriters(running));
  }

  private pipelineOf(job: { id: string; name: string }): PipelineDefinition | null {
    const name = this.started.get(job.id) ?? job.name;
    return this.catalog.has(name) ? this.catalog.get(name) : null;
  }

  /** How many running jobs write each sink topic: their results cannot be told apart there. */
  private sinkWriters(jobs: Array<{ id: string; name: string; state: string }>): Map<string, number> {
    const count = new Map<string, number>();
    for (const j of jobs) {
      const sink = j.state === 'RUNNING' ? this.pipelineOf(j)?.sinkTopic : null;
      if (sink) count.set(sink, (count.get(sink) ?? 0) + 1);
    }
    return count;
  }

  /** The job's catalog pipeline and, while it runs, its end-to-end latency. */
  private async withPipeline<T extends JobSummary>(job: T, writers: Map<string, number>): Promise<T> {
    const def = this.pipelineOf(job);
    if (!def) return job;
    const spec = latencySpecOf(def);
    let latency = spec && this.latency && job.state === 'RUNNING' ? await this.latency.of(job.id, spec, job.startTime) : null;
    const others = spec ? (writers.get(spec.sinkTopic) ?? 1) - 1 : 0;
    if (latency && others > 0) {
      const shared = `${others} other running job${others === 1 ? '' : 's'} also write${others === 1 ? 's' : ''} ${spec!.sinkTopic}: the figure covers their results too`;
      latency = { ...latency, note: latency.note ? `${latency.note}; ${shared}` : shared };
    }
    return { ...job, pipelineName: def.name, latency };
  }
}
