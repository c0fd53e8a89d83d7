// One fault, start to end: kill -9 a real process (with operations in flight or idle), watch the
// app's health events turn the tile red, check the app still answers, let the operations settle,
// restart the process, watch the tile recover, and count the generator's records independently.
import type { AlertRuleId, AlertsState } from '@shared/alerts';
import type { CallName } from '@shared/contract';
import type { HealthSnapshot } from '@shared/health';
import { recordFault, type FaultResult, type OperationResult } from './fault-report';
import { healthEvent, isClearMessage, settleWithin, sleep, waitFor, type AppUnderFault, type Tile } from './fault-harness';
import { cancelAllJobs, createTopic, startGenerator, startPipeline, startSearch, type InFlight, type RunningGenerator } from './operations';
import { SETTLE_MS, WITHIN_MS } from './timing';

export interface FaultSpec {
  id: string;
  service: string;
  /** The tile that must turn red, and what "red" and "recovered" mean for it. */
  tile: Tile;
  red: (s: HealthSnapshot) => boolean;
  recovered: (s: HealthSnapshot) => boolean;
  /** The tile may be degraded (not red) once recovered: a killed TaskManager stays listed until its heartbeat times out. */
  mayStayDegraded?: boolean;
  /** The alert rule that must fire while the service is gone. */
  alert?: AlertRuleId;
  /** A call that needs the dead service: it must answer (result or clear error), never hang. */
  needsService?: { name: CallName; args?: unknown };
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Operations in flight at the kill; idle without. */
  busy?: { generator: { topic: string; partitions: number; replicationFactor: number }; searchTopic?: string; pipeline?: string };
  /**
   * When the cluster itself takes time to notice (a broker of several is dropped when its
   * ZooKeeper session expires; a restarted one rejoins the ISRs once it caught up), the app is
   * judged from the moment the cluster's own metadata, read independently, shows the change.
   */
  clusterShows?: { red: () => Promise<boolean>; recovered: () => Promise<boolean> };
  bootstrap: string[];
  /** Cancel Flink jobs afterwards (only where Flink runs). */
  flink: boolean;
}

export async function injectFault(app: AppUnderFault, part: string, spec: FaultSpec): Promise<FaultResult> {
  const problems: string[] = [];
  const operations: OperationResult[] = [];
  const escapedBefore = app.escaped.length;
  const baseline = await healthEvent(app, Date.now(), spec.recovered, 120_000);
  if (!baseline)
    throw new Error(`${spec.id}: the ${spec.tile} tile was not healthy before the fault: ${JSON.stringify(app.health.at(-1)?.snapshot.services[spec.tile])}`);
  // "everything recovers": each tile that was up before the fault is up again (or as the spec allows)
  const upBefore = (Object.keys(baseline.snapshot.services) as Tile[]).filter((tile) => baseline.snapshot.services[tile].status === 'up');
  const allBack = (s: HealthSnapshot) =>
    spec.recovered(s) &&
    upBefore.every(
      (tile) => s.services[tile].status === 'up' || (tile === spec.tile && spec.mayStayDegraded === true && s.services[tile].status === 'degraded'),
    );

  // ---- operations in flight ----
  let generator: RunningGenerator | null = null;
  const inFlight: Array<Promise<InFlight>> = [];
  if (spec.busy) {
    const { topic, partitions, replicationFactor } = spec.busy.generator;
    await createTopic(app, topic, partitions, replicationFactor);
    generator = await startGenerator(app, topic);
    await sleep(1500);
    if (spec.busy.pipeline) {
      inFlight.push(Promise.resolve(startPipeline(app, spec.busy.pipeline)));
      await sleep(800); // the pipeline is being submitted now
    }
    if (spec.busy.searchTopic) inFlight.push(startSearch(app, spec.busy.searchTopic));
  }

  // ---- the fault ----
  // measured from the signal: stop() returns only once the process is gone, which under load takes a while
  const dead = Date.now();
  await spec.kill();
  const clusterRedMs = spec.clusterShows ? await firstTrue(spec.clusterShows.red, dead, 60_000) : 0;
  const detectBoundMs = (clusterRedMs ?? 0) + WITHIN_MS;
  const red = await healthEvent(app, dead, spec.red, detectBoundMs + 10_000);
  const detectedMs = red ? Math.max(0, red.at - dead) : null;
  if (detectedMs === null || detectedMs > detectBoundMs)
    problems.push(
      `the ${spec.tile} tile turned red ${detectedMs === null ? 'never' : `after ${detectedMs} ms`} (allowed ${detectBoundMs} ms${spec.clusterShows ? `: the cluster showed it after ${clusterRedMs} ms` : ''})`,
    );
  const tileNow = red?.snapshot.services[spec.tile];
  if (red && !isClearMessage(tileNow?.reason ?? '', /Kafka|ZooKeeper|Flink|JobManager|TaskManager|Schema Registry|partition|slot|controller/))
    problems.push(`the ${spec.tile} tile's reason is unclear: "${tileNow?.reason}"`);

  // ---- the app stays up ----
  let appAlive = true;
  for (const name of ['app:info', 'health:get', 'stack:status', 'generator:list'] as CallName[]) {
    const answer = await settleWithin(app.call(name), 5000);
    if (!answer.settled || !answer.ok || !answer.value.ok) {
      appAlive = false;
      problems.push(`${name} did not answer while ${spec.service} was down`);
    }
  }
  if (spec.needsService) {
    const name = `${spec.needsService.name} while ${spec.service} is down`;
    const answer = await settleWithin(app.call(spec.needsService.name, spec.needsService.args), SETTLE_MS);
    if (!answer.settled) operations.push({ name, outcome: 'hung', message: `no answer in ${SETTLE_MS} ms`, settledMs: null });
    else if (!answer.ok) operations.push({ name, outcome: 'unclear-message', message: `threw: ${String(answer.error)}`, settledMs: answer.ms });
    else if (answer.value.ok) operations.push({ name, outcome: 'succeeded', message: 'answered', settledMs: answer.ms });
    else {
      const message = answer.value.error.message;
      operations.push({
        name,
        outcome: isClearMessage(message, /Kafka|ZooKeeper|Flink|JobManager|TaskManager|not reachable/i) ? 'failed-cleanly' : 'unclear-message',
        message,
        settledMs: answer.ms,
      });
    }
  }
  let alerts: string[] = [];
  if (spec.alert) {
    const fired = await waitFor(
      `the ${spec.alert} alert`,
      async () => {
        const state = await app.call<AlertsState>('alerts:state');
        return state.ok && state.result.active.some((a) => a.ruleId === spec.alert) ? state.result : null;
      },
      WITHIN_MS,
    ).catch(() => null);
    if (!fired) problems.push(`the ${spec.alert} alert did not fire`);
    alerts = fired ? fired.active.map((a) => `${a.ruleId}: ${a.message}`) : [];
  }

  // ---- operations in flight settle ----
  for (const op of await Promise.all(inFlight)) operations.push(await op.settle());
  for (const op of operations) if (op.outcome === 'hung' || op.outcome === 'unclear-message') problems.push(`${op.name}: ${op.outcome} (${op.message})`);

  // ---- recovery ----
  await spec.restart();
  const restarted = Date.now();
  const clusterBackMs = spec.clusterShows ? await firstTrue(spec.clusterShows.recovered, restarted, 90_000) : 0;
  const recoverBoundMs = (clusterBackMs ?? 0) + WITHIN_MS;
  const back = await healthEvent(app, restarted, allBack, recoverBoundMs + 30_000);
  const recoveredMs = back ? Math.max(0, back.at - restarted) : null;
  if (recoveredMs === null || recoveredMs > recoverBoundMs) {
    const now = app.health.at(-1)?.snapshot.services;
    const notBack = upBefore.filter((tile) => now?.[tile].status !== 'up').map((tile) => `${tile} ${now?.[tile].status}: ${now?.[tile].reason}`);
    problems.push(
      `the tiles recovered ${recoveredMs === null ? 'never' : `after ${recoveredMs} ms`} (allowed ${recoverBoundMs} ms${spec.clusterShows ? `: the cluster recovered after ${clusterBackMs} ms` : ''})${notBack.length ? `; not back: ${notBack.join('; ')}` : ''}`,
    );
  }
  // every reason any tile showed while the service was gone must read as an explanation
  const shown = new Set(app.health.filter((e) => e.at >= dead && e.at <= restarted).flatMap((e) => Object.values(e.snapshot.services).map((h) => h.reason)));
  for (const reason of shown)
    if (reason && !isClearMessage(reason, /Kafka|ZooKeeper|Flink|JobManager|TaskManager|Schema Registry|partition|slot|controller/))
      problems.push(`a tile showed an unclear reason: "${reason}"`);

  // ---- nothing lost, nothing duplicated ----
  let records = null;
  if (generator) {
    await sleep(1500); // producing again after the restart
    const { check, lastErrorSeen } = await generator.finish(spec.bootstrap);
    records = check;
    if (check.lost > 0 || check.duplicated > 0) problems.push(`records: ${check.lost} lost, ${check.duplicated} duplicated`);
    if (check.inTopic !== check.delivered) problems.push(`the generator reported ${check.delivered} delivered, the topic holds ${check.inTopic}`);
    if (check.failedBatches > 0) problems.push(`${check.failedBatches} records were given up`);
    operations.push({
      name: `generator on ${check.topic}`,
      outcome: 'succeeded',
      message: `${check.delivered} delivered = ${check.inTopic} in the topic${lastErrorSeen ? `; while ${spec.service} was down it said: ${lastErrorSeen}` : ''}`,
      settledMs: null,
    });
  }
  if (spec.flink) await cancelAllJobs(app);
  const escaped = app.escaped.slice(escapedBefore);
  if (escaped.length > 0) {
    appAlive = false;
    problems.push(...escaped.map((e) => e.split('\n')[0]));
  }
  const result: FaultResult = {
    id: spec.id,
    service: spec.service,
    during: spec.busy
      ? ['generator producing', ...(spec.busy.searchTopic ? ['search'] : []), ...(spec.busy.pipeline ? ['pipeline start'] : [])].join(' + ')
      : 'idle',
    tiles: red ? [{ tile: spec.tile, status: red.snapshot.services[spec.tile].status, reason: red.snapshot.services[spec.tile].reason }] : [],
    detectedMs,
    detectBoundMs,
    recoveredMs,
    recoverBoundMs,
    ...(spec.clusterShows ? { clusterShowedRedMs: clusterRedMs, clusterRecoveredMs: clusterBackMs } : {}),
    appAlive,
    alerts,
    operations,
    records,
    survived: problems.length === 0,
    problems,
  };
  recordFault(part, result);
  return result;
}

/** How long after `since` a condition of the cluster first held (checked every 200 ms); null if not within `timeoutMs`. */
async function firstTrue(condition: () => Promise<boolean>, since: number, timeoutMs: number): Promise<number | null> {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return Date.now() - since;
    await sleep(200);
  }
  return null;
}
