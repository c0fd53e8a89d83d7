// Typed calls to Flink's stable REST API (the JobManager's, 1.18 through 2.x). No parsing
// beyond JSON: flink-parse.ts turns the answers into the console's types.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type FetchLike, type HttpEndpoint, requestJson } from './http-json';
import type {
  RawAsyncStatus,
  RawAsyncTrigger,
  RawBackpressure,
  RawCheckpoints,
  RawExceptions,
  RawJarList,
  RawJobConfig,
  RawJobDetail,
  RawJobsOverview,
  RawMetricList,
  RawOverview,
} from './flink-rest-types';

export interface FlinkRestClientOptions {
  fetch: FetchLike;
  /** The JobManager's REST address, e.g. http://127.0.0.1:8081 */
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface RunJarRequest {
  entryClass?: string | null;
  programArgs?: string[];
  parallelism?: number | null;
  savepointPath?: string | null;
  allowNonRestoredState?: boolean;
  /** Job configuration (Flink 1.17+ read it; older versions ignore the field). */
  flinkConfiguration?: Record<string, string>;
}

const enc = encodeURIComponent;

export class FlinkRestClient {
  private readonly ep: HttpEndpoint;

  constructor(opts: FlinkRestClientOptions) {
    this.ep = {
      fetch: opts.fetch,
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      label: 'Flink',
      ...(opts.headers ? { headers: opts.headers } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    };
  }

  get baseUrl(): string {
    return this.ep.baseUrl;
  }

  overview(): Promise<RawOverview> {
    return requestJson(this.ep, { path: '/overview', what: 'cluster overview' });
  }
  /** The dashboard's config: flink-version, timezone, features (e.g. web-submit). */
  config(): Promise<Record<string, unknown>> {
    return requestJson(this.ep, { path: '/config', what: 'config' });
  }
  jobsOverview(): Promise<RawJobsOverview> {
    return requestJson(this.ep, { path: '/jobs/overview', what: 'jobs overview' });
  }
  job(jobId: string): Promise<RawJobDetail> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}`, what: `job ${jobId}` });
  }
  checkpoints(jobId: string): Promise<RawCheckpoints> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/checkpoints`, what: `checkpoints of job ${jobId}` });
  }
  exceptions(jobId: string, max = 20): Promise<RawExceptions> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/exceptions?maxExceptions=${max}`, what: `exceptions of job ${jobId}` });
  }
  jobConfig(jobId: string): Promise<RawJobConfig> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/config`, what: `config of job ${jobId}` });
  }
  /** Job-level metrics (e.g. numRestarts, uptime). */
  jobMetrics(jobId: string, names: string[]): Promise<RawMetricList> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/metrics?get=${names.map(enc).join(',')}`, what: `metrics of job ${jobId}` });
  }
  /** The registered TaskManagers (`/taskmanagers`): ids for taskManagerMetrics. */
  taskManagers(): Promise<{ taskmanagers?: Array<{ id: string; slotsNumber?: number; freeSlots?: number }> }> {
    return requestJson(this.ep, { path: '/taskmanagers', what: 'TaskManager list' });
  }
  /** A TaskManager's own metrics (Status.JVM.CPU.Load, Status.JVM.Memory.Heap.Used, ...), values as strings. */
  taskManagerMetrics(taskManagerId: string, names: string[]): Promise<RawMetricList> {
    return requestJson(this.ep, {
      path: `/taskmanagers/${enc(taskManagerId)}/metrics?get=${names.map(enc).join(',')}`,
      what: `metrics of TaskManager ${taskManagerId}`,
    });
  }
  backpressure(jobId: string, vertexId: string): Promise<RawBackpressure> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/vertices/${enc(vertexId)}/backpressure`, what: `backpressure of vertex ${vertexId}` });
  }
  /** A vertex's metrics aggregated over its subtasks (sum, max, ...). */
  vertexMetrics(jobId: string, vertexId: string, names: string[], agg: Array<'sum' | 'max' | 'min' | 'avg'> = ['sum', 'max']): Promise<RawMetricList> {
    const q = `get=${names.map(enc).join(',')}&agg=${agg.join(',')}`;
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/vertices/${enc(vertexId)}/subtasks/metrics?${q}`, what: `metrics of vertex ${vertexId}` });
  }
  /** The names of the metrics a vertex's subtasks report (its operators' too, once its tasks run). */
  async vertexMetricNames(jobId: string, vertexId: string): Promise<string[]> {
    const list = await requestJson<RawMetricList>(this.ep, {
      path: `/jobs/${enc(jobId)}/vertices/${enc(vertexId)}/subtasks/metrics`,
      what: `metric names of vertex ${vertexId}`,
    });
    return list.map((entry) => entry.id);
  }

  // ---- jars (need flink-runtime-web and web.submit.enable) ----

  /** Upload a jar; returns Flink's jar id (the stored file name, used by run/delete). */
  async uploadJar(fileName: string, bytes: Uint8Array): Promise<string> {
    const form = new FormData();
    form.append('jarfile', new Blob([bytes], { type: 'application/x-java-archive' }), basename(fileName));
    const r = await requestJson<{ filename?: string; status?: string }>(this.ep, {
      method: 'POST',
      path: '/jars/upload',
      body: form,
      what: `upload of ${basename(fileName)}`,
    });
    if (!r.filename) throw new Error(`Flink upload of ${fileName}: no file name in the answer`);
    return basename(r.filename);
  }
  async uploadJarFile(path: string): Promise<string> {
    return this.uploadJar(basename(path), new Uint8Array(await readFile(path)));
  }
  jars(): Promise<RawJarList> {
    return requestJson(this.ep, { path: '/jars', what: 'jar list' });
  }
  async runJar(jarId: string, r: RunJarRequest): Promise<string> {
    const body: Record<string, unknown> = {};
    if (r.entryClass) body.entryClass = r.entryClass;
    if (r.programArgs && r.programArgs.length > 0) body.programArgsList = r.programArgs;
    if (r.parallelism) body.parallelism = r.parallelism;
    if (r.savepointPath) body.savepointPath = r.savepointPath;
    if (r.allowNonRestoredState) body.allowNonRestoredState = true;
    if (r.flinkConfiguration && Object.keys(r.flinkConfiguration).length > 0) body.flinkConfiguration = r.flinkConfiguration;
    const res = await requestJson<{ jobid?: string }>(this.ep, { method: 'POST', path: `/jars/${enc(jarId)}/run`, body, what: `run of jar ${jarId}` });
    if (!res.jobid) throw new Error(`Flink run of jar ${jarId}: no job id in the answer`);
    return res.jobid;
  }
  async deleteJar(jarId: string): Promise<void> {
    await requestJson(this.ep, { method: 'DELETE', path: `/jars/${enc(jarId)}`, what: `delete of jar ${jarId}` });
  }

  // ---- job operations ----

  async cancel(jobId: string): Promise<void> {
    await requestJson(this.ep, { method: 'PATCH', path: `/jobs/${enc(jobId)}?mode=cancel`, what: `cancel of job ${jobId}` });
  }
  async triggerSavepoint(jobId: string, targetDirectory: string | null, cancelJob = false): Promise<string> {
    const body: Record<string, unknown> = { 'cancel-job': cancelJob };
    if (targetDirectory) body['target-directory'] = targetDirectory;
    const r = await requestJson<RawAsyncTrigger>(this.ep, { method: 'POST', path: `/jobs/${enc(jobId)}/savepoints`, body, what: `savepoint of job ${jobId}` });
    return r['request-id'];
  }
  /** Stop with a savepoint (drain=false keeps event time where it is, so a resume continues). */
  async stopWithSavepoint(jobId: string, targetDirectory: string | null, drain = false): Promise<string> {
    const body: Record<string, unknown> = { drain };
    if (targetDirectory) body.targetDirectory = targetDirectory;
    const r = await requestJson<RawAsyncTrigger>(this.ep, { method: 'POST', path: `/jobs/${enc(jobId)}/stop`, body, what: `stop of job ${jobId}` });
    return r['request-id'];
  }
  /** Status of a savepoint or stop-with-savepoint (both answer under /savepoints/:triggerId). */
  savepointStatus(jobId: string, triggerId: string): Promise<RawAsyncStatus> {
    return requestJson(this.ep, { path: `/jobs/${enc(jobId)}/savepoints/${enc(triggerId)}`, what: `savepoint status of job ${jobId}` });
  }
  async disposeSavepoint(path: string): Promise<string> {
    const r = await requestJson<RawAsyncTrigger>(this.ep, {
      method: 'POST',
      path: '/savepoint-disposal',
      body: { 'savepoint-path': path },
      what: `disposal of ${path}`,
    });
    return r['request-id'];
  }
  disposalStatus(triggerId: string): Promise<RawAsyncStatus> {
    return requestJson(this.ep, { path: `/savepoint-disposal/${enc(triggerId)}`, what: 'savepoint disposal status' });
  }
}
