// Starting and resuming pipelines on a Flink session cluster: SQL pipelines through the SQL
// Gateway, jar pipelines through /jars/:id/run, watched until Flink says they run (or why not).
import type { ParsedArgs } from '@shared/contract';
import { invalidField, StreamdeskError } from '@shared/errors';
import { jobDashboardUrl } from '@shared/flink';
import type { JarPipelineDefinition, ResumePipelineResult, SqlPipelineDefinition, StartPipelineResult, StartPipelineSettings } from '@shared/pipelines';
import { deepestCause, FlinkApiError } from '@main/clients/flink/flink-errors';
import { parseCheckpointStats, parseExceptions } from '@main/clients/flink/flink-parse';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import type { PipelineInsightService, StartedJobs } from './insight-service';
import type { PipelineOperationsService } from './operations-service';
import type { PipelineCatalog } from './pipeline-catalog';
import { fillPlaceholders, jarRunConfiguration, pipelineSetStatements } from './sql-settings';
import type { TopicEnsurer } from './topic-ensurer';

export interface PipelineLaunchDeps {
  flink: FlinkRestClient;
  /** Null when no SQL Gateway is known: SQL pipelines then cannot start (jar ones can). */
  gateway: SqlGatewayClient | null;
  catalog: PipelineCatalog;
  /** Null: topics are not created (e.g. a read-only profile). */
  topics: TopicEnsurer | null;
  /** Kafka bootstrap servers as Flink's TaskManagers reach them ({{bootstrap}}). */
  kafkaBootstrap: string;
  dashboardUrl: string;
  /** Where a started job's pipeline is noted, for the insight's job listing. */
  started: StartedJobs;
  /** The free slots, for the parallelism warning. */
  insight: Pick<PipelineInsightService, 'cluster'>;
  /** A running job is stopped with a savepoint before it is resumed. */
  operations: Pick<PipelineOperationsService, 'stopWithSavepoint'>;
  /** How long start() watches a new job for an immediate failure. Default 20 s. */
  startWatchMs?: number;
  sleep: (ms: number) => Promise<void>;
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

export class PipelineLaunchService {
  constructor(private readonly d: PipelineLaunchDeps) {}

  /** The dispatcher has checked the arguments against the contract; what is left needs the catalog or Flink. */
  async start(s: ParsedArgs<'pipelines:start'>): Promise<StartPipelineResult> {
    const def = this.d.catalog.get(s.pipelineName);
    if (def.kind === 'sql' && (s.entryClass !== undefined || s.programArgs !== undefined)) {
      throw invalidField(
        [s.entryClass !== undefined ? 'entryClass' : 'programArgs'],
        `"${def.name}" is a SQL pipeline; only jar pipelines take an entry class and program arguments`,
      );
    }
    const overview = await this.d.insight.cluster();
    const warning =
      s.parallelism > overview.slotsFree
        ? `parallelism: ${s.parallelism} is more than the ${overview.slotsFree} free task slot${overview.slotsFree === 1 ? '' : 's'} (of ${overview.slotsTotal}); the job waits for slots and fails if none free up`
        : null;
    if (this.d.topics) await this.d.topics.ensure([def.sourceTopic, def.sinkTopic].filter((t): t is string => t !== null));
    const jobId = def.kind === 'sql' ? await this.runSql(def, s) : await this.runJar(def, s);
    this.d.started.set(jobId, def.name);
    await this.watchStart(jobId);
    return {
      jobId,
      pipelineName: def.name,
      settings: {
        parallelism: s.parallelism,
        checkpointIntervalMs: s.checkpointIntervalMs,
        checkpointingMode: s.checkpointingMode,
        savepointPath: s.savepointPath,
        allowNonRestoredState: s.allowNonRestoredState,
      },
      warning,
      dashboardUrl: jobDashboardUrl(this.d.dashboardUrl, jobId),
    };
  }

  /** Redeploy from a savepoint: a running job is stopped with one first; a stopped job's newest savepoint or retained checkpoint is used. */
  async resume(a: ParsedArgs<'pipelines:resume'>): Promise<ResumePipelineResult> {
    this.d.catalog.get(a.pipelineName); // not-found before anything is stopped
    const from = a.savepointPath ?? (await this.restorePointOf(a.jobId!));
    const started = await this.start({
      pipelineName: a.pipelineName,
      parallelism: a.parallelism,
      checkpointIntervalMs: a.checkpointIntervalMs,
      checkpointingMode: a.checkpointingMode,
      savepointPath: from,
      allowNonRestoredState: a.allowNonRestoredState,
    });
    return { ...started, resumedFrom: from };
  }

  private async restorePointOf(jobId: string): Promise<string> {
    const job = await this.d.flink.job(jobId);
    if (job.state === 'RUNNING') return (await this.d.operations.stopWithSavepoint(jobId)).path;
    const stats = parseCheckpointStats(await this.d.flink.checkpoints(jobId));
    const candidates = [stats.latestSavepoint, stats.latestCompleted]
      .filter((c) => c?.externalPath)
      .sort((x, y) => (y!.triggeredAt ?? 0) - (x!.triggeredAt ?? 0));
    const path = candidates[0]?.externalPath;
    if (!path)
      throw invalidField(
        ['jobId'],
        `job ${jobId} is ${job.state ?? 'not running'} and has no savepoint or retained checkpoint to resume from; give a savepointPath`,
        'conflict',
      );
    return path;
  }

  private async runSql(def: SqlPipelineDefinition, s: StartPipelineSettings): Promise<string> {
    const gw = this.d.gateway;
    if (!gw) throw new StreamdeskError('unavailable', `pipelineName: "${def.name}" is a SQL pipeline and no Flink SQL Gateway is configured`);
    const session = await gw.openSession({}, `streamdesk-${def.name}`);
    try {
      let jobId: string | null = null;
      const statements = [
        ...pipelineSetStatements(def.name, s),
        ...def.statements.map((st) => fillPlaceholders(st, { bootstrap: this.d.kafkaBootstrap, pipeline: def.name })),
      ];
      for (const [i, statement] of statements.entries()) {
        let r;
        try {
          r = await gw.execute(session, statement, { stopWaiting: () => this.jobManagerGone() });
        } catch (e) {
          // the gateway answers 500 when the JobManager it submits to is gone: that is not the statement's fault
          const gone = e instanceof FlinkApiError && e.status >= 500 ? await this.jobManagerGone() : null;
          if (gone) throw new StreamdeskError('unavailable', `pipelineName: "${def.name}" statement ${i + 1} of ${statements.length} could not run: ${gone}`);
          // a statement Flink rejects (parse, validation, unknown table) is the user's to fix: say which one
          if (e instanceof FlinkApiError && e.status < 503)
            throw invalidField(['pipelineName'], `"${def.name}" statement ${i + 1} of ${statements.length} was rejected by Flink: ${e.flinkMessage}`);
          throw e;
        }
        jobId = r.jobId ?? jobId;
      }
      if (!jobId) throw invalidField(['pipelineName'], `"${def.name}" ran its statements but none submitted a job (it needs an INSERT INTO)`);
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
      if (/Jar file .* does not exist/i.test(e.flinkMessage))
        throw invalidField(
          ['pipelineName'],
          `the jar of "${def.name}" is gone from Flink (${def.jarId}); delete the pipeline and upload the jar again`,
          'conflict',
        );
      const field = /ClassNotFoundException|NoSuchMethodException|entry class|main method|Neither a 'Main-Class'/i.test(e.flinkMessage)
        ? 'entryClass'
        : /savepoint/i.test(e.flinkMessage)
          ? 'savepointPath'
          : 'programArgs';
      throw invalidField([field], `Flink could not run jar pipeline "${def.name}": ${e.flinkMessage}`);
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
        await this.d.sleep(250);
        continue;
      }
      const state = job?.state ?? '';
      if (FAILED.has(state)) {
        const exceptions = parseExceptions(await this.d.flink.exceptions(jobId).catch(() => ({})));
        const deepest = deepestCause(exceptions[0]?.stacktrace ?? '');
        throw new StreamdeskError(
          'conflict',
          `job ${jobId} failed right after it was submitted: ${deepest ?? exceptions[0]?.message ?? 'no exception reported'}`,
        );
      }
      if (SETTLED.has(state)) return;
      await this.d.sleep(250);
    }
  }
}
