import type { ConnectHealth } from '@shared/health';
import { ConnectClient, type ConnectTarget } from '@main/clients/connect/connect-client';
import type { ConnectorExpanded } from '@main/clients/connect/connect-types';

type Details = ConnectHealth['details'];

const NONE: Omit<Details, 'urls' | 'clusters'> = {
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
  const client = new ConnectClient({ ...target, fetch: fetchFn, timeoutMs });
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
    // at least one per cluster that answers: the worker that answered
    workers: answers.reduce((sum, a) => sum + Math.max(1, workerIdsOf(a).length), 0),
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
export async function probeConnect(clusters: ConnectTarget[], fetchFn: typeof fetch, timeoutMs: number, now: () => number): Promise<ConnectHealth> {
  const started = now();
  const urls = clusters.map((c) => c.url.replace(/\/+$/, ''));
  if (clusters.length === 0) {
    return { status: 'not-configured', reason: 'No Kafka Connect URL in this connection', checkedAt: started, latencyMs: null, details: { urls, clusters: [], ...NONE } };
  }
  const settled = await Promise.allSettled(clusters.map((c) => askCluster(c, fetchFn, timeoutMs)));
  const answers = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : []));
  const perCluster = urls.map((url, i) => {
    const r = settled[i];
    return r.status === 'fulfilled' ? { url, up: true, workers: workerIdsOf(r.value) } : { url, up: false, workers: [] };
  });
  if (answers.length === 0)
    return { status: 'down', reason: failures.join('; '), checkedAt: started, latencyMs: null, details: { urls, clusters: perCluster, ...NONE } };
  const details = { urls, clusters: perCluster, ...figures(answers) };
  const problems = [
    ...failures,
    ...(details.connectorsFailed ? [`${details.connectorsFailed} connector(s) FAILED`] : []),
    ...(details.tasksFailed ? [`${details.tasksFailed} task(s) FAILED`] : []),
  ];
  return { status: problems.length > 0 ? 'degraded' : 'up', reason: problems.join('; '), checkedAt: started, latencyMs: now() - started, details };
}
