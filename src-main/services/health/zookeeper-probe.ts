import type { ZookeeperHealth } from '@shared/health';
import { errorReason } from './reasons';
import { fourLetterWord, parseMntr, parseSrvr } from './four-letter-words';

const NOT_SERVING = 'This ZooKeeper instance is not currently serving requests';

function numberOrNull(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Builds the health from the raw answers to `ruok`, `srvr` and `mntr` (pure, unit-tested). */
export function zookeeperHealthFrom(
  address: string,
  answers: { ruok: string; srvr: string; mntr: string },
  checkedAt: number,
  latencyMs: number,
): ZookeeperHealth {
  const srvr = parseSrvr(answers.srvr);
  const mntr = parseMntr(answers.mntr);
  const latency = (srvr.get('Latency min/avg/max') ?? '').split('/');
  const details = {
    address,
    mode: mntr.get('zk_server_state') ?? srvr.get('Mode') ?? null,
    version: (mntr.get('zk_version') ?? srvr.get('Zookeeper version') ?? '').split(',')[0].split('-')[0] || null,
    avgLatencyMs: numberOrNull(mntr.get('zk_avg_latency') ?? latency[1]),
    maxLatencyMs: numberOrNull(mntr.get('zk_max_latency') ?? latency[2]),
    connections: numberOrNull(mntr.get('zk_num_alive_connections') ?? srvr.get('Connections')),
    znodes: numberOrNull(mntr.get('zk_znode_count') ?? srvr.get('Node count')),
  };
  const base = { checkedAt, latencyMs, details };
  if (answers.ruok.trim() !== 'imok') {
    return { ...base, status: 'down', reason: `ZooKeeper answered "${answers.ruok.trim() || 'nothing'}" to ruok instead of imok` };
  }
  if (answers.srvr.includes(NOT_SERVING) || answers.mntr.includes(NOT_SERVING)) {
    return { ...base, status: 'degraded', reason: 'ZooKeeper is running but not serving requests (no quorum)' };
  }
  if (answers.mntr.includes('not in the whitelist')) {
    return { ...base, status: 'degraded', reason: 'mntr/srvr are not whitelisted: set 4lw.commands.whitelist=ruok,srvr,mntr' };
  }
  return { ...base, status: 'up', reason: '' };
}

export async function probeZookeeper(address: string | null, timeoutMs: number, now: () => number): Promise<ZookeeperHealth> {
  const emptyDetails = { address: address ?? '', mode: null, version: null, avgLatencyMs: null, maxLatencyMs: null, connections: null, znodes: null };
  const started = now();
  if (!address) {
    return {
      status: 'not-configured',
      reason: 'No ZooKeeper address in this connection (KRaft clusters have none)',
      checkedAt: started,
      latencyMs: null,
      details: emptyDetails,
    };
  }
  try {
    const ruok = await fourLetterWord(address, 'ruok', timeoutMs);
    const latencyMs = now() - started;
    const [srvr, mntr] = await Promise.all([
      fourLetterWord(address, 'srvr', timeoutMs).catch(() => ''),
      fourLetterWord(address, 'mntr', timeoutMs).catch(() => ''),
    ]);
    return zookeeperHealthFrom(address, { ruok, srvr, mntr }, started, latencyMs);
  } catch (error) {
    return { status: 'down', reason: errorReason(error, `ZooKeeper at ${address}`), checkedAt: started, latencyMs: null, details: emptyDetails };
  }
}
