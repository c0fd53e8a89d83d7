// The brokers and the metadata quorum under /api/streaming, in the seed's snake_case; each a call of the `brokers` area
// through dispatch, so validation and errors are the UI's (400 with issues, 404, 503).
import type { Api } from '@shared/contract';
import type { BrokerConfigs, BrokersOverview, Quorum, QuorumMember } from '@shared/brokers';
import { readJsonBody, sendJson } from './http-util';
import type { Route } from './rest-routes';
import { answerCall, asObject, renamed } from './route-answers';

const ID = '(?<id>[^/]+)';
/** A path's id as a number when it is one; otherwise as given, for the contract to refuse by name. */
const brokerIdOf = (raw: string): unknown => (/^\d+$/.test(raw) ? Number(raw) : decodeURIComponent(raw));
const paths = renamed({ brokerId: 'broker_id' });

const brokersAnswer = (o: BrokersOverview) => ({
  cluster_id: o.clusterId,
  mode: o.mode,
  controller_id: o.controllerId,
  brokers: o.brokers.map((b) => ({
    id: b.id,
    host: b.host,
    port: b.port,
    rack: b.rack,
    is_controller: b.isController,
    leaders: b.leaders,
    replicas: b.replicas,
    log_dirs: b.logDirs.map((d) => ({
      path: d.path,
      size_bytes: d.sizeBytes,
      partitions: d.partitions,
      total_bytes: d.totalBytes,
      usable_bytes: d.usableBytes,
    })),
    log_dirs_error: b.logDirsError,
  })),
});

const configsAnswer = (c: BrokerConfigs) => ({
  broker_id: c.brokerId,
  configs: c.configs.map((e) => ({ name: e.name, value: e.value, source: e.source, dynamic: e.dynamic, sensitive: e.sensitive })),
});

const memberAnswer = (m: QuorumMember) => ({
  id: m.id,
  address: m.address,
  role: m.role,
  log_end_offset: m.logEndOffset,
  lag: m.lag,
  last_fetch_ms: m.lastFetchMs,
  last_caught_up_ms: m.lastCaughtUpMs,
  problem: m.problem,
});

const quorumAnswer = (q: Quorum) => ({
  mode: q.mode,
  leader_id: q.leaderId,
  leader_address: q.leaderAddress,
  leader_epoch: q.leaderEpoch,
  high_watermark: q.highWatermark,
  max_follower_lag: q.maxFollowerLag,
  max_follower_lag_time_ms: q.maxFollowerLagTimeMs,
  voters: q.voters.map(memberAnswer),
  observers: q.observers.map(memberAnswer),
  problem: q.problem,
});

export function brokerRoutes(api: Api): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/brokers$/,
      handle: ({ response }) => answerCall(api, response, 'brokers:list', {}, { shape: (r) => brokersAnswer(r as BrokersOverview) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/streaming/brokers/${ID}/configs$`),
      handle: ({ response, params }) =>
        answerCall(api, response, 'brokers:configs', { brokerId: brokerIdOf(params.id) }, { paths, shape: (r) => configsAnswer(r as BrokerConfigs) }),
    },
    {
      // {"set": {"log.cleaner.threads": "2"}, "reset": ["log.retention.ms"]}: the broker validates first, nothing changes on a refusal
      method: 'PATCH',
      pattern: new RegExp(`^/api/streaming/brokers/${ID}/configs$`),
      handle: async ({ request, response, params }) => {
        const body = await readJsonBody(request);
        if (!body.ok) return sendJson(response, body.status, body.envelope);
        const args = { ...asObject(body.value), brokerId: brokerIdOf(params.id) };
        await answerCall(api, response, 'brokers:alterConfigs', args, { paths, shape: (r) => configsAnswer(r as BrokerConfigs) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/streaming\/quorum$/,
      handle: ({ response }) => answerCall(api, response, 'brokers:quorum', {}, { shape: (r) => quorumAnswer(r as Quorum) }),
    },
  ];
}
