// Kafka Connect's alerts: a connector or task FAILED, and a worker gone. Pure, like rules.ts.
import type { HealthSnapshot } from '@shared/health';

type ConnectDetails = HealthSnapshot['services']['connect']['details'];
type Fire = (subject: string, message: string) => void;

/** What the engine remembers of each Connect cluster: it answered once, and the workers seen in its group. */
export type ConnectMemory = Map<string, { answered: boolean; workers: Set<string> }>;

export function rememberConnect(memory: ConnectMemory, details: ConnectDetails): void {
  for (const cluster of details.clusters) {
    const seen = memory.get(cluster.url) ?? { answered: false, workers: new Set<string>() };
    seen.answered ||= cluster.up;
    for (const worker of cluster.workers ?? []) seen.workers.add(worker);
    memory.set(cluster.url, seen);
  }
}

/** One alert per FAILED connector and per FAILED task, so each clears on its own when restarted. */
export function connectorFailures(details: ConnectDetails, fire: Fire): void {
  for (const f of details.failures) {
    const what = f.task === null ? `Connector "${f.connector}"` : `Task ${f.task} of connector "${f.connector}"`;
    fire(`${f.cluster}/${f.connector}/${f.task ?? 'connector'}`, `${what} is FAILED on worker ${f.workerId} (${f.cluster})`);
  }
}

/**
 * A cluster that answered before and does not now, a worker that was a member of the cluster's group and is not, or
 * one its statuses still name after it left the group (its tasks keep their last state until Connect reassigns them).
 */
export function connectWorkersGone(details: ConnectDetails, memory: ConnectMemory, fire: Fire): void {
  for (const cluster of details.clusters) {
    const seen = memory.get(cluster.url);
    if (!cluster.up) {
      if (seen?.answered) fire(cluster.url, `Kafka Connect at ${cluster.url} no longer answers: its worker is gone or unreachable`);
      continue;
    }
    const members = new Set(cluster.workers ?? []);
    const left = cluster.workers === null ? [] : [...(seen?.workers ?? [])].filter((w) => !members.has(w));
    for (const worker of new Set([...left, ...cluster.goneWorkers])) {
      fire(`${cluster.url}/${worker}`, `Kafka Connect worker ${worker} has left ${cluster.url}; its connectors and tasks wait for Connect to reassign them`);
    }
  }
}
