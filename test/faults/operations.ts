// Operations a user has in flight when a service dies: a generator producing, a search
// scanning, a pipeline starting. Each is started through the contract and judged by what the
// caller finally sees: an answer, a clear error, or nothing (a hang).
import type { GeneratorStatus } from '@shared/generator';
import type { JobSummary } from '@shared/flink';
import type { TopicDetail } from '@shared/topics';
import type { OperationResult, RecordsCheck } from './fault-report';
import { isClearMessage, recordsInTopic, settleWithin, sleep, tradeIds, waitFor, type AppUnderFault } from './fault-harness';
import { SETTLE_MS } from './timing';

/** What a clear message must name: the part that failed or what the caller was doing. */
const NAMES_THE_PART = /Kafka|ZooKeeper|Flink|JobManager|TaskManager|SQL Gateway|broker|job|topic|partition|not reachable|refused/i;

export interface InFlight {
  name: string;
  settle(): Promise<OperationResult>;
}

function judgeError(name: string, message: string, ms: number): OperationResult {
  return { name, outcome: isClearMessage(message, NAMES_THE_PART) ? 'failed-cleanly' : 'unclear-message', message, settledMs: ms };
}

export async function createTopic(app: AppUnderFault, name: string, partitions: number, replicationFactor = 1): Promise<void> {
  const created = await app.call('topics:create', { name, partitions, replicationFactor, retentionHours: 24, cleanupPolicy: 'delete' });
  if (created.ok) return;
  // on a loaded machine the controller may finish after the request timed out: the topic then still appears
  if (!/REQUEST_TIMED_OUT|timed out/i.test(created.error.message)) throw new Error(`creating ${name}: ${created.error.message}`);
  await waitFor(
    `topic ${name} with a leader for each partition`,
    async () => {
      const described = await app.call<TopicDetail>('topics:describe', { name });
      return described.ok && described.result.partitions.length === partitions && described.result.partitions.every((p) => p.leader >= 0);
    },
    60_000,
  );
}

export interface RunningGenerator {
  id: string;
  topic: string;
  /** Stops it (through the contract) and compares its count with the topic, read independently. */
  finish(bootstrap: string[]): Promise<{ check: RecordsCheck; final: GeneratorStatus; lastErrorSeen: string | null }>;
}

/** A market-ticks generator (each record carries a trade_id 1, 2, 3… so loss and duplicates show). */
export async function startGenerator(app: AppUnderFault, topic: string, ratePerSec = 300): Promise<RunningGenerator> {
  const started = await app.call<GeneratorStatus>('generator:start', { topic, kind: 'market-ticks', ratePerSec });
  if (!started.ok) throw new Error(`generator:start on ${topic}: ${started.error.message}`);
  const id = started.result.id;
  let lastErrorSeen: string | null = null;
  const watch = setInterval(() => {
    void app.call<GeneratorStatus[]>('generator:list').then((listed) => {
      const mine = listed.ok ? listed.result.find((g) => g.id === id) : undefined;
      if (mine?.lastError) lastErrorSeen = mine.lastError;
    });
  }, 500);
  return {
    id,
    topic,
    finish: async (bootstrap) => {
      clearInterval(watch);
      const stopped = await app.call<GeneratorStatus>('generator:stop', { id });
      if (!stopped.ok) throw new Error(`generator:stop ${id}: ${stopped.error.message}`);
      const final = stopped.result;
      const inTopic = await waitFor('the topic offsets', () => recordsInTopic(bootstrap, topic).then((n) => n + 1), 30_000).then((n) => n - 1);
      const ids = await tradeIds(bootstrap, topic);
      const distinct = new Set(ids).size;
      const check: RecordsCheck = {
        topic,
        delivered: final.sent,
        inTopic,
        distinct,
        lost: Math.max(0, final.sent - distinct),
        duplicated: ids.length - distinct + Math.max(0, inTopic - Math.max(final.sent, ids.length)),
        failedBatches: final.failed,
      };
      return { check, final, lastErrorSeen: lastErrorSeen ?? final.lastError };
    },
  };
}

/**
 * Starts a search for records that do not exist (every record is read and filtered) and
 * follows it to its final progress event.
 */
export async function startSearch(app: AppUnderFault, topic: string): Promise<InFlight> {
  const name = `search ${topic}`;
  const begun = Date.now();
  const answer = await settleWithin(app.call<{ searchId: string }>('messages:search', { topic, filter: { expression: 'value.price < 0' } }), SETTLE_MS);
  const early = (result: OperationResult): InFlight => ({ name, settle: () => Promise.resolve(result) });
  if (!answer.settled) return early({ name, outcome: 'hung', message: `messages:search did not answer in ${SETTLE_MS} ms`, settledMs: null });
  if (!answer.ok) return early({ name, outcome: 'unclear-message', message: `threw instead of answering: ${String(answer.error)}`, settledMs: answer.ms });
  const envelope = answer.value;
  if (!envelope.ok) return early(judgeError(name, envelope.error.message, answer.ms));
  const { searchId } = envelope.result;
  return {
    name,
    settle: async () => {
      const final = await waitFor('the search to end', () => Promise.resolve((app.searches.get(searchId) ?? []).find((p) => p.done)), SETTLE_MS).catch(
        () => null,
      );
      const ms = Date.now() - begun;
      if (!final) return { name, outcome: 'hung', message: `search ${searchId} sent no final progress in ${SETTLE_MS} ms`, settledMs: null };
      if (final.error) return judgeError(name, final.error, ms);
      if (final.scanned === final.total) return { name, outcome: 'succeeded', message: `scanned all ${final.total} records`, settledMs: ms };
      return { name, outcome: 'unclear-message', message: `ended after ${final.scanned} of ${final.total} records without an error`, settledMs: ms };
    },
  };
}

/** Starts a built-in pipeline (it reads and writes Kafka) without waiting for the answer. */
export function startPipeline(app: AppUnderFault, pipelineName: string): InFlight {
  const name = `start pipeline ${pipelineName}`;
  const begun = Date.now();
  const answer = settleWithin(app.call<{ jobId: string }>('pipelines:start', { pipelineName, checkpointIntervalMs: null }), SETTLE_MS);
  return {
    name,
    settle: async () => {
      const outcome = await answer;
      if (!outcome.settled) return { name, outcome: 'hung', message: `pipelines:start did not answer in ${SETTLE_MS} ms`, settledMs: null };
      if (!outcome.ok) return { name, outcome: 'unclear-message', message: `threw instead of answering: ${String(outcome.error)}`, settledMs: outcome.ms };
      const envelope = outcome.value;
      if (!envelope.ok) return judgeError(name, envelope.error.message, Date.now() - begun);
      return { name, outcome: 'succeeded', message: `job ${envelope.result.jobId} started`, settledMs: Date.now() - begun };
    },
  };
}

/** Cancels every job still alive, so the next fault starts with free slots. */
export async function cancelAllJobs(app: AppUnderFault): Promise<void> {
  await waitFor(
    'all Flink jobs to be cancelled',
    async () => {
      const jobs = await app.call<JobSummary[]>('pipelines:jobs');
      if (!jobs.ok) return false;
      const live = jobs.result.filter((job) => !['FINISHED', 'CANCELED', 'FAILED'].includes(job.state));
      if (live.length === 0) return true;
      await Promise.all(live.map((job) => app.call('pipelines:cancelJob', { jobId: job.id })));
      await sleep(500);
      return false;
    },
    60_000,
  );
}
