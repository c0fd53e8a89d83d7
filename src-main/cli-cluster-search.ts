// `streamdesk search --on-cluster`: where the command finds Flink (its REST API and SQL Gateway)
// and which topics it refuses. Loaded by cli-search.ts only when the flag is given, so a plain
// search never loads it.
import path from 'node:path';
import { FlinkRestClient } from './clients/flink/flink-rest-client';
import { SqlGatewayClient } from './clients/flink/sql-gateway-client';
import { httpFetch } from './clients/http-fetch';
import type { KafkaTarget } from './clients/kafka/kafka-target';
import type { WorkerDecode } from './services/messages/decode-service';
import type { ClusterSearchDeps } from './services/messages/cluster-search';
import { clusterRefusal } from './services/messages/cluster-refusal';
import { MessagesService } from './services/messages/messages-service';
import { readRecordedPorts } from './services/stack/recorded-ports';
import { defaultDataDir } from './paths';

export interface ClusterFlags {
  flinkUrl: string | undefined;
  sqlGatewayUrl: string | undefined;
  dataDir: string | undefined;
}

/** --flink-url / --sql-gateway-url, else the local stack's ports recorded in the data dir (defaults 8081, 8083). */
export function clusterSearchDeps(flags: ClusterFlags, target: KafkaTarget, decode: WorkerDecode | undefined): ClusterSearchDeps {
  const recorded = readRecordedPorts(path.resolve(flags.dataDir ?? defaultDataDir()));
  const flinkUrl = flags.flinkUrl ?? `http://127.0.0.1:${recorded.flinkRest ?? 8081}`;
  const gatewayUrl = flags.sqlGatewayUrl ?? `http://127.0.0.1:${recorded.sqlGateway ?? 8083}`;
  const flink = new FlinkRestClient({ fetch: httpFetch, baseUrl: flinkUrl, timeoutMs: 5000 });
  const gateway = new SqlGatewayClient({ fetch: httpFetch, baseUrl: gatewayUrl });
  const messages = new MessagesService(() => target);
  return {
    flink: () => flink,
    gateway: () => gateway,
    bootstrap: () => target.brokers.join(','),
    refusal: (topic) =>
      clusterRefusal(
        topic,
        decode?.settings ?? { key: { mode: 'auto' }, value: { mode: 'auto' } },
        async (t) => (await messages.browse({ topic: t, partition: null, from: { kind: 'end', count: 5 }, limit: 100 })).records,
        decode?.registry !== null && decode?.registry !== undefined,
      ),
  };
}
