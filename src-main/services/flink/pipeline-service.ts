// Starting, stopping and resuming pipelines on a Flink session cluster: SQL pipelines through
// the SQL Gateway, jar pipelines through /jars/:id/run; savepoints in between.
import { existsSync } from 'node:fs';
import { StreamdeskError } from '../../../src-shared/errors';
import { type FlinkCluster, type FlinkJar, type JobDetail, type JobSummary, type SavepointInfo, jobDashboardUrl } from '../../../src-shared/flink';
import {
  type JarPipelineDefinition,
  type PipelineDefinition,
  ResumePipelineArgs,
  type ResumePipelineResult,
  type SaveJarPipelineArgs,
  type SaveSqlPipelineArgs,
  type SavepointResult,
  type SqlPipelineDefinition,
  StartPipelineArgs,
  type StartPipelineResult,
  type StartPipelineSettings,
} from '../../../src-shared/pipelines';
import { deepestCause, FlinkApiError } from './flink-errors';
import { FlinkInsight } from './flink-insight';
import { parseCheckpointStats, parseExceptions } from './flink-parse';
import type { FlinkRestClient } from './flink-rest-client';
import type { PipelineCatalog } from './pipeline-catalog';
import { LatencyProbe, latencySpecOf, type NewestRecords } from './pipeline-latency';
import { followAsync, localPath, savepointsInDir } from './savepoints';
import type { SqlGatewayClient } from './sql-gateway-client';
import { fillPlaceholders, jarRunConfiguration, pipelineSetStatements } from './sql-settings';
import type { TopicEnsurer } from './topic-ensurer';

export interface PipelineServiceDeps {
  flink: FlinkRestClient;
  /** Null when no SQL Gateway is known: SQL pipelines then cannot start (jar ones can). */
  gateway: SqlGatewayClient | null;
  catalog: PipelineCatalog;
  /** Null: topics are not created (e.g. a read-only profile). */
  topics: TopicEnsurer | null;
  /** Kafka bootstrap servers as Flink's TaskManagers reach them ({{bootstrap}}). */
  kafkaBootstrap: string;
  /** Local folder savepoints go to and are listed from (<dataDir>/flink/savepoints); null: Flink's configured default, nothing listed from disk. */
  savepointsDir: string | null;
  /** Reads a sink topic's newest records for end-to-end latency; absent: no latency figures. */
  newestRecords?: NewestRecords;
  /** Dashboard base shown to users; defaults to the REST client's address. */
  dashboardUrl?: string;
  /** How long start() watches a new job for an immediate failure. Default 20 s. */
  startWatchMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const FAILED = new Set(['FAILED', 'FAILING']);
/** Consecutive failed reads of a just-submitted job (250 ms apart) before its start is called unconfirmed. */
const UNCONFIRMED_AFTER_MISSES = 4;

function unconfirmedStart(jobId: string, error: unknown): StreamdeskError {
  const reason = error instanceof Error ? error.message : String(error);
  const code = error instanceof StreamdeskError && error.code !== 'not-found' ? error.code : 'unavailable';
  return new StreamdeskError(code, `job ${jobId} was submitted, but Flink could not confirm it started (${reason}); check the JobManager and the job list`);
}
const SETTLED = new Set(['RUNNING', 'FINISHED', 'FAILED', 'CANCELED']);

export class PipelineService {
  readonly insight: FlinkInsight;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly dashboard: string;
  private readonly latency: LatencyProbe | null;
  /** Jobs this service started and the pipeline each runs (a jar job names itself, so its name does not tell). */
  private readonly started = new Map<string, string>();

  constructor(private readonly d: PipelineServiceDeps) {
    this.dashboard = d.dashboardUrl ?? d.flink.baseUrl;
    this.insight = new FlinkInsight(d.flink, this.dashboard);
    this.sleep = d.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.latency = d.newestRecords ? new LatencyProbe(d.newestRecords) : null;
  }

  // ---- catalog ----

  listPipelines(): PipelineDefinition[] {
    return this.d.catalog.list();
  }
  getPipeline(name: string): PipelineDefinition {
    return this.d.catalog.get(name);
  }
  saveSqlPipeline(args: SaveSqlPipelineArgs): SqlPipelineDefinition {
    return this.d.catalog.saveSql(args);
  }
  /** Upload a jar to Flink and register it as a pipeline. */
  async uploadJarPipeline(args: SaveJarPipelineArgs, jar: { fileName: string; bytes: Uint8Array }): Promise<JarPipelineDefinition> {
    if (!jar.fileName.toLowerCase().endsWith('.jar')) throw new StreamdeskError('invalid-argument', `fileName: "${jar.fileName}" is not a .jar file`);
    // a jar is a zip: local file header "PK\x03\x04" (an empty zip, "PK\x05\x06", holds no class to run)
    const b = jar.bytes;
    if (b.byteLength < 4 || b[0] !== 0x50 || b[1] !== 0x4b || b[2] !== 0x03 || b[3] !== 0x04) throw new StreamdeskError('invalid-argument', `bytes: "${jar.fileName}" is not a jar (no zip header)`);
    // checked before the upload, so a name clash leaves nothing behind in Flink
    if (this.d.catalog.has(args.name) && this.d.catalog.get(args.name).builtIn) throw new StreamdeskError('conflict', `name: "${args.name}" is a built-in pipeline; choose another name`);
    const jarId = await this.d.flink.uploadJar(jar.fileName, jar.bytes);
    return this.d.catalog.saveJar(args, jarId);
  }
  /** The jars Flink holds, with the catalog pipelines that run each. */
  async listJars(): Promise<FlinkJar[]> {
    const list = await this.d.flink.jars();
    const pipelines = this.d.catalog.list();
    return (list.files ?? []).map((f) => ({
      id: f.id,
      name: f.name ?? f.id,
      uploadedAt: f.uploaded ?? null,
      entryClasses: (f.entry ?? []).map((e) => e.name).filter((n): n is string => Boolean(n)),
      pipelines: pipelines.filter((p) => p.kind === 'jar' && p.jarId === f.id).map((p) => p.name),
    }));
  }
  /** Delete a jar from Flink; refused while a catalog pipeline runs it (delete that pipeline instead). */
  async deleteJar(jarId: string): Promise<void> {
    const users = this.d.catalog.list().filter((p) => p.kind === 'jar' && p.jarId === jarId).map((p) => p.name);
    if (users.length > 0) throw new StreamdeskError('conflict', `jarId: pipeline ${users.map((n) => `"${n}"`).join(', ')} runs this jar; delete the pipeline (which deletes its jar)`);
    await this.d.flink.deleteJar(jarId);
  }
  /** Remove a user pipeline; an uploaded jar is deleted from Flink too. */
  async deletePipeline(name: string): Promise<void> {
    const removed = this.d.catalog.remove(name);
    if (removed.kind === 'jar') await this.d.flink.deleteJar(removed.jarId).catch(() => undefined);
  }

  // ---- insight ----

  cluster(): Promise<FlinkCluster> {
    return this.insight.cluster();
  }
  async jobs(): Promise<JobSummary[]> {
    const jobs = await this.insight.jobs();
    const writers = this.sinkWriters(jobs);
    return Promise.all(jobs.map((j) => this.withPipeline(j, writers)));
  }
  async job(jobId: string): Promise<JobDetail> {
    const [detail, overview] = await Promise.all([this.insight.job(jobId), this.d.flink.jobsOverview().catch(() => ({ jobs: [] }))]);
    const running = (overview.jobs ?? []).map((j) => ({ id: j.jid, name: j.name ?? j.jid, state: j.state ?? '' }));
    return this.withPipeline(detail, this.sinkWriters(running));
  }

  private pipelineOf(job: { id: string; name: string }): PipelineDefinition | null {
    const name = this.started.get(job.id) ?? job.name;
    return this.d.catalog.has(name) ? this.d.catalog.get(name) : null;
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

  // ---- start / resume ----

  async start(input: StartPipelineArgs): Promise<StartPipelineResult> {
    const s = StartPipelineArgs.parse(input);
    const def = this.d.catalog.get(s.pipelineName);
    if (def.kind === 'sql' && (s.entryClass !== undefined || s.programArgs !== undefined)) {
      throw new StreamdeskError('invalid-argument', `${s.entryClass !== undefined ? 'entryClass' : 'programArgs'}: "${def.name}" is a SQL pipeline; only jar pipelines take an entry class and program arguments`);
    }
    const overview = await this.insight.cluster();
    const warning =
      s.parallelism > overview.slotsFree
        ? `parallelism: ${s.parallelism} is more than the ${overview.slotsFree} free task slot${overview.slotsFree === 1 ? '' : 's'} (of ${overview.slotsTotal}); the job waits for slots and fails if none free up`
        : null;
    if (this.d.topics) await this.d.topics.ensure([def.sourceTopic, def.sinkTopic].filter((t): t is string => t !== null));
    const jobId = def.kind === 'sql' ? await this.runSql(def, s) : await this.runJar(def, s);
    this.started.set(jobId, def.name);
    await this.watchStart(jobId);
    return {
      jobId,
      pipelineName: def.name,
      settings: { parallelism: s.parallelism, checkpointIntervalMs: s.checkpointIntervalMs, checkpointingMode: s.checkpointingMode, savepointPath: s.savepointPath, allowNonRestoredState: s.allowNonRestoredState },
      warning,
      dashboardUrl: jobDashboardUrl(this.dashboard, jobId),
    };
  }

  /** Redeploy from a savepoint: a running job is stopped with one first; a stopped job's newest savepoint or retained checkpoint is used. */
  async resume(input: ResumePipelineArgs): Promise<ResumePipelineResult> {
    const a = ResumePipelineArgs.parse(input);
    this.d.catalog.get(a.pipelineName); // not-found before anything is stopped
    const from = a.savepointPath ?? (await this.restorePointOf(a.jobId!));
    const started = await this.start({ pipelineName: a.pipelineName, parallelism: a.parallelism, checkpointIntervalMs: a.checkpointIntervalMs, checkpointingMode: a.checkpointingMode, savepointPath: from, allowNonRestoredState: a.allowNonRestoredState });
    return { ...started, resumedFrom: from };
  }

  private async restorePointOf(jobId: string): Promise<string> {
    const job = await this.d.flink.job(jobId);
    if (job.state === 'RUNNING') return (await this.stopWithSavepoint(jobId)).path;
    const stats = parseCheckpointStats(await this.d.flink.checkpoints(jobId));
    const candidates = [stats.latestSavepoint, stats.latestCompleted].filter((c) => c?.externalPath).sort((x, y) => (y!.triggeredAt ?? 0) - (x!.triggeredAt ?? 0));
    const path = candidates[0]?.externalPath;
    if (!path) throw new StreamdeskError('conflict', `jobId: job ${jobId} is ${job.state ?? 'not running'} and has no savepoint or retained checkpoint to resume from; give a savepointPath`);
    return path;
  }

  private async runSql(def: SqlPipelineDefinition, s: StartPipelineSettings): Promise<string> {
    const gw = this.d.gateway;
    if (!gw) throw new StreamdeskError('unavailable', `pipelineName: "${def.name}" is a SQL pipeline and no Flink SQL Gateway is configured`);
    const session = await gw.openSession({}, `streamdesk-${def.name}`);
    try {
      let jobId: string | null = null;
      const statements = [...pipelineSetStatements(def.name, s), ...def.statements.map((st) => fillPlaceholders(st, { bootstrap: this.d.kafkaBootstrap, pipeline: def.name }))];
      for (const [i, statement] of statements.entries()) {
        let r;
        try {
          r = await gw.execute(session, statement, { stopWaiting: () => this.jobManagerGone() });
        } catch (e) {
          // the gateway answers 500 when the JobManager it submits to is gone: that is not the statement's fault
          const gone = e instanceof FlinkApiError && e.status >= 500 ? await this.jobManagerGone() : null;
          if (gone) throw new StreamdeskError('unavailable', `pipelineName: "${def.name}" statement ${i + 1} of ${statements.length} could not run: ${gone}`);
          // a statement Flink rejects (parse, validation, unknown table) is the user's to fix: say which one
          if (e instanceof FlinkApiError && e.status < 503) throw new StreamdeskError('invalid-argument', `pipelineName: "${def.name}" statement ${i + 1} of ${statements.length} was rejected by Flink: ${e.flinkMessage}`);
          throw e;
        }
        jobId = r.jobId ?? jobId;
      }
      if (!jobId) throw new StreamdeskError('invalid-argument', `pipelineName: "${def.name}" ran its statements but none submitted a job (it needs an INSERT INTO)`);
      return jobId;
    } finally {
      // the job lives on in the cluster; the session only held the table definitions
      await gw.closeSession(session).catch(() => undefined);
    }
  }

  private async runJar(def: JarPipelineDefinition, s: StartPipelineSettings): Promise<string> {
    try {
      return await this.submitJar(def, s);
    } catch (e) {
      // Flink answers 500 for a program that cannot be built (missing class, main() throwing): that is the jar's or the user's to fix
      if (!(e instanceof FlinkApiError) || e.status >= 503 || e.status === 404) throw e;
      if (/Jar file .* does not exist/i.test(e.flinkMessage)) throw new StreamdeskError('conflict', `pipelineName: the jar of "${def.name}" is gone from Flink (${def.jarId}); delete the pipeline and upload the jar again`);
      const field = /ClassNotFoundException|NoSuchMethodException|entry class|main method|Neither a 'Main-Class'/i.test(e.flinkMessage) ? 'entryClass' : /savepoint/i.test(e.flinkMessage) ? 'savepointPath' : 'programArgs';
      throw new StreamdeskError('invalid-argument', `${field}: Flink could not run jar pipeline "${def.name}": ${e.flinkMessage}`);
    }
  }

  private async submitJar(def: JarPipelineDefinition, s: StartPipelineSettings): Promise<string> {
    return this.d.flink.runJar(def.jarId, {
      entryClass: s.entryClass ?? def.entryClass,
      programArgs: s.programArgs ?? def.programArgs,
      parallelism: s.parallelism,
      savepointPath: s.savepointPath,
      allowNonRestoredState: s.allowNonRestoredState,
      flinkConfiguration: jarRunConfiguration(def.name, s),
    });
  }

  /** Why a statement's submission cannot succeed now (the JobManager does not answer), or null. */
  private async jobManagerGone(): Promise<string | null> {
    try {
      await this.d.flink.overview();
      return null;
    } catch (error) {
      return `the Flink JobManager does not answer (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  /** A job that fails at once (missing topic, bad restore) reports Flink's reason here rather than later. */
  private async watchStart(jobId: string): Promise<void> {
    const deadline = Date.now() + (this.d.startWatchMs ?? 20_000);
    let misses = 0;
    while (Date.now() < deadline) {
      let job;
      try {
        job = await this.d.flink.job(jobId);
        misses = 0;
      } catch (error) {
        // A JobManager that went away (or restarted without the job) must not look like a started job.
        if (++misses >= UNCONFIRMED_AFTER_MISSES) throw unconfirmedStart(jobId, error);
        await this.sleep(250);
        continue;
      }
      const state = job?.state ?? '';
      if (FAILED.has(state)) {
        const exceptions = parseExceptions(await this.d.flink.exceptions(jobId).catch(() => ({})));
        const deepest = deepestCause(exceptions[0]?.stacktrace ?? '');
        throw new StreamdeskError('conflict', `job ${jobId} failed right after it was submitted: ${deepest ?? exceptions[0]?.message ?? 'no exception reported'}`);
      }
      if (SETTLED.has(state)) return;
      await this.sleep(250);
    }
  }

  // ---- operations ----

  async cancel(jobId: string): Promise<void> {
    await this.d.flink.cancel(jobId);
  }

  async triggerSavepoint(jobId: string): Promise<SavepointResult> {
    const trigger = await this.d.flink.triggerSavepoint(jobId, this.targetDir());
    const path = await followAsync(() => this.d.flink.savepointStatus(jobId, trigger), `savepoint of job ${jobId}`, { sleep: this.sleep });
    if (!path) throw new StreamdeskError('internal', `savepoint of job ${jobId}: Flink reported no location`);
    return { jobId, path };
  }

  async stopWithSavepoint(jobId: string): Promise<SavepointResult> {
    const trigger = await this.d.flink.stopWithSavepoint(jobId, this.targetDir());
    const path = await followAsync(() => this.d.flink.savepointStatus(jobId, trigger), `stop of job ${jobId}`, { sleep: this.sleep });
    if (!path) throw new StreamdeskError('internal', `stop of job ${jobId}: Flink reported no savepoint location`);
    return { jobId, path };
  }

  async disposeSavepoint(path: string): Promise<void> {
    const trigger = await this.d.flink.disposeSavepoint(path);
    await followAsync(() => this.d.flink.disposalStatus(trigger), `disposal of ${path}`, { sleep: this.sleep });
  }

  /** Savepoints in the local folder, plus those Flink's jobs report (newest first, each path once). */
  async listSavepoints(): Promise<SavepointInfo[]> {
    const jobs = (await this.d.flink.jobsOverview().catch(() => ({ jobs: [] }))).jobs ?? [];
    const ids = jobs.map((j) => j.jid);
    const out = this.d.savepointsDir ? savepointsInDir(this.d.savepointsDir, ids) : [];
    const seen = new Set(out.map((s) => localPath(s.path)));
    for (const id of ids) {
      const c = await this.d.flink.checkpoints(id).catch(() => null);
      if (!c) continue;
      const stats = parseCheckpointStats(c);
      const savepoints = [stats.latestSavepoint, ...stats.history.filter((h) => h.isSavepoint)];
      for (const sp of savepoints) {
        if (!sp?.externalPath || sp.status !== 'COMPLETED' || seen.has(localPath(sp.externalPath))) continue;
        // a local file: savepoint that was disposed of is gone from disk but still in the job's history
        if (sp.externalPath.startsWith('file:') && this.d.savepointsDir && !existsSync(localPath(sp.externalPath))) continue;
        seen.add(localPath(sp.externalPath));
        out.push({ path: sp.externalPath, jobId: id, createdAt: sp.triggeredAt, sizeBytes: sp.sizeBytes, source: 'job' });
      }
    }
    return out.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  }

  private targetDir(): string | null {
    return this.d.savepointsDir ? `file://${this.d.savepointsDir}` : null;
  }
}
