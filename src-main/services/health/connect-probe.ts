import type { ConnectHealth } from '@shared/health';
import { ConnectClient, type ConnectTarget } from '@main/clients/connect/connect-client';
import type { ConnectorExpanded } from '@main/clients/connect/connect-types';
import { groupOfCluster, type ConnectGroup } from '@main/clients/connect/connect-group-members';

type Details = ConnectHealth['details'];

/** Connect's figures when nothing is known of them (no cluster answered, or not asked yet). */
export const NO_CONNECT_FIGURES: Omit<Details, 'urls' | 'clusters'> = {
  clustersUp: null,
  version: null,
  workers: null,
  connectors: null,
  connectorsRunning: null,
  connectorsFailed: null,
  tasksFailed: null,
  failures: [],
};

interface ClusterAnswer {
  url: string;
  version: string;
  connectors: ConnectorExpanded[];
}

async function askCluster(target: ConnectTarget, fetchFn: typeof fetch, timeoutMs: number): Promise<ClusterAnswer> {
  // a probe says what it sees now: no waiting out a rebalance
  const client = new ConnectClient({ ...target, fetch: fetchFn, timeoutMs, rebalanceWaitMs: 0 });
  const [info, connectors] = await Promise.all([client.info(), client.connectors()]);
  return { url: target.url.replace(/\/+$/, ''), version: info.version, connectors: Object.values(connectors) };
}

/**
 * Connect has no "list workers" call: the workers seen are those its connectors and tasks run on. An UNASSIGNED
 * instance still names the worker it had (one that may be gone), so only assigned states count.
 */
function workerIdsOf(answer: ClusterAnswer): string[] {
  const ids = new Set<string>();
  for (const { status } of answer.connectors) {
    for (const instance of [status.connector, ...status.tasks]) if (instance.state !== 'UNASSIGNED' && instance.worker_id) ids.add(instance.worker_id);
  }
  return [...ids].sort();
}

function failuresOf(answer: ClusterAnswer): Details['failures'] {
  return answer.connectors.flatMap(({ status }) => [
    ...(status.connector.state === 'FAILED' ? [{ cluster: answer.url, connector: status.name, task: null, workerId: status.connector.worker_id }] : []),
    ...status.tasks.filter((t) => t.state === 'FAILED').map((t) => ({ cluster: answer.url, connector: status.name, task: t.id, workerId: t.worker_id })),
  ]);
}

function figures(answers: ClusterAnswer[]): Omit<Details, 'urls' | 'clusters'> {
  const all = answers.flatMap((a) => a.connectors.map((c) => c.status));
  return {
    clustersUp: answers.length,
    version: answers[0]?.version ?? null,
    workers: null,
    connectors: all.length,
    connectorsRunning: all.filter((s) => s.connector.state === 'RUNNING').length,
    connectorsFailed: all.filter((s) => s.connector.state === 'FAILED').length,
    tasksFailed: all.reduce((sum, s) => sum + s.tasks.filter((t) => t.state === 'FAILED').length, 0),
    failures: answers.flatMap(failuresOf),
  };
}

/**
 * Up when every Connect cluster answers `GET /` and `GET /connectors?expand=status&expand=info` and nothing has failed;
 * degraded when a connector or task is FAILED or one cluster of several does not answer; down when none answers. The
 * sign-in is sent, never shown: reasons name URLs only.
 */
function settledValue(r: PromiseSettledResult<ClusterAnswer>): ClusterAnswer {
  return r.status === 'fulfilled' ? r.value : { url: '', version: '', connectors: [] };
}

/** A cluster's live workers from its Kafka group, and the workers its statuses name that left the group. */
function membership(answer: ClusterAnswer, groups: ConnectGroup[] | null): { workers: string[] | null; goneWorkers: string[] } {
  const named = workerIdsOf(answer);
  const group = groups ? groupOfCluster(groups, answer.url, named) : null;
  if (!group) return { workers: null, goneWorkers: [] };
  return { workers: group.workers, goneWorkers: named.filter((w) => !group.workers.includes(w)) };
}

export async function probeConnect(
  clusters: ConnectTarget[],
  fetchFn: typeof fetch,
  timeoutMs: number,
  now: () => number,
  groups: () => Promise<ConnectGroup[] | null> = () => Promise.resolve(null),
): Promise<ConnectHealth> {
  const started = now();
  const urls = clusters.map((c) => c.url.replace(/\/+$/, ''));
  if (clusters.length === 0) {
    return {
      status: 'not-configured',
      reason: 'No Kafka Connect URL in this connection',
      checkedAt: started,
      latencyMs: null,
      details: { urls, clusters: [], ...NO_CONNECT_FIGURES },
    };
  }
  const [settled, known] = await Promise.all([
    Promise.allSettled(clusters.map((c) => askCluster(c, fetchFn, timeoutMs))),
    // the group is extra: a Kafka that does not answer in time leaves the workers to the statuses
    Promise.race([groups().catch(() => null), new Promise<null>((resolve) => setTimeout(resolve, timeoutMs, null).unref())]),
  ]);
  const answers = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : []));
  const perCluster = urls.map((url, i) => {
    const r = settled[i];
    return r.status === 'fulfilled' ? { url, up: true, ...membership(r.value, known) } : { url, up: false, workers: null, goneWorkers: [] };
  });
  if (answers.length === 0)
    return { status: 'down', reason: failures.join('; '), checkedAt: started, latencyMs: null, details: { urls, clusters: perCluster, ...NO_CONNECT_FIGURES } };
  const details = { urls, clusters: perCluster, ...figures(answers) };
  // the group's members where known; else those running something, at least the one that answered
  details.workers = perCluster.reduce((sum, c, i) => sum + (c.workers?.length ?? (c.up ? Math.max(1, workerIdsOf(settledValue(settled[i])).length) : 0)), 0);
  const problems = [
    ...failures,
    ...(details.connectorsFailed ? [`${details.connectorsFailed} connector(s) FAILED`] : []),
    ...(details.tasksFailed ? [`${details.tasksFailed} task(s) FAILED`] : []),
    ...perCluster.flatMap((c) => (c.goneWorkers.length > 0 ? [`worker(s) ${c.goneWorkers.join(', ')} of ${c.url} gone`] : [])),
  ];
  return { status: problems.length > 0 ? 'degraded' : 'up', reason: problems.join('; '), checkedAt: started, latencyMs: now() - started, details };
}
