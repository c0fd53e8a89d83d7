// Connect's status answers in the contract's shape, failures first.
import type { ConnectorSummary, ConnectorState } from '@shared/connect';
import type { ConnectorInfo, ConnectorStatus } from '@main/clients/connect/connect-types';
import { connectorTopics } from './connector-topics';

export function toSummary(cluster: string, info: ConnectorInfo, status: ConnectorStatus, activeTopics: string[]): ConnectorSummary {
  return {
    cluster,
    name: info.name,
    type: status.type ?? info.type,
    className: info.config['connector.class'] ?? '',
    state: status.connector.state,
    workerId: status.connector.worker_id,
    trace: status.connector.trace ?? null,
    tasks: status.tasks.map((t) => ({ id: t.id, state: t.state, workerId: t.worker_id, trace: t.trace ?? null })).sort((a, b) => a.id - b.id),
    topics: connectorTopics(info.config, activeTopics),
  };
}

export const hasFailure = (c: Pick<ConnectorSummary, 'state' | 'tasks'>): boolean => c.state === 'FAILED' || c.tasks.some((t) => t.state === 'FAILED');

/** Failed connectors (or with a failed task) first, then in the connection's cluster order, then by name. */
export function failedFirst(connectors: ConnectorSummary[], clusterOrder: string[]): ConnectorSummary[] {
  return [...connectors].sort(
    (a, b) =>
      Number(hasFailure(b)) - Number(hasFailure(a)) || clusterOrder.indexOf(a.cluster) - clusterOrder.indexOf(b.cluster) || a.name.localeCompare(b.name),
  );
}

/** Instances still on their way: a restart or rebalance is not over while one is RESTARTING or UNASSIGNED. */
export function unsettled(states: ConnectorState[]): boolean {
  return states.some((s) => s === 'RESTARTING' || s === 'UNASSIGNED');
}
