// The on-cluster search's start: refuse what Flink cannot search exactly, size the job (one reader
// per partition, capped by the cluster's free slots), open a gateway session, create the topic's
// raw table bounded to the search's ranges and submit the SELECT. The run does the rest.
import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { SearchFilter } from '@shared/messages';
import { FlinkApiError } from '@main/clients/flink/flink-errors';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { clusterCondition } from './cluster-filter';
import { clusterQuery } from './cluster-query';
import { ClusterSearchRun, type ClusterStart } from './cluster-search-run';

export interface ClusterSearchDeps {
  /** The active connection's SQL Gateway and Flink REST API (null: none, the search is refused). */
  gateway: () => SqlGatewayClient | null;
  flink: () => FlinkRestClient | null;
  /** Kafka bootstrap servers as Flink's TaskManagers reach them. */
  bootstrap: () => string;
  /** Why the topic's records cannot be searched on the cluster (they are decoded for the local search), or null. */
  refusal?: (topic: string) => Promise<string | null>;
}

/** The filter compiles (or is refused, naming the field) before anything is asked of the cluster. */
export function checkClusterFilter(filter: z.output<typeof SearchFilter>): void {
  clusterCondition(filter);
}

async function freeSlots(flink: FlinkRestClient | null): Promise<number> {
  if (!flink) throw new StreamdeskError('unavailable', 'on-cluster search needs the connection’s Flink REST API');
  const overview = await flink.overview();
  return overview['slots-available'] ?? 0;
}

export async function startClusterSearch(deps: ClusterSearchDeps, start: ClusterStart): Promise<ClusterSearchRun> {
  const { args, ranges } = start;
  checkClusterFilter(args.filter);
  const refusal = await deps.refusal?.(args.topic);
  if (refusal) throw invalidField(['where'], refusal);
  const gateway = deps.gateway();
  if (!gateway) throw new StreamdeskError('unavailable', 'on-cluster search needs a Flink SQL Gateway (the local stack runs one); run this search locally');
  const flink = deps.flink();
  const free = await freeSlots(flink);
  if (free < 1)
    throw new StreamdeskError('unavailable', 'the Flink cluster has no free task slot (other jobs hold them all); run this search locally or later');
  const reading = ranges.filter((range) => range.end > range.start).length;
  const parallelism = Math.max(1, Math.min(reading, free));
  const query = clusterQuery(args.topic, deps.bootstrap(), ranges, args.filter, `search_${start.searchId.replace(/-/g, '')}`);
  const session = await gateway.openSession(
    {
      'execution.runtime-mode': 'STREAMING',
      'parallelism.default': String(parallelism),
      'table.local-time-zone': 'UTC',
      'pipeline.name': `streamdesk search ${args.topic}`,
    },
    'streamdesk-search',
  );
  try {
    await gateway.execute(session, query.ddl);
    const operation = await gateway.submit(session, query.select);
    return new ClusterSearchRun({ ...start, gateway, flink, session, operation, parallelism, freeSlots: free });
  } catch (error) {
    await gateway.closeSession(session).catch(() => undefined);
    if (error instanceof FlinkApiError) throw new StreamdeskError('internal', `Flink refused the search's query: ${error.flinkMessage}`);
    throw error;
  }
}
