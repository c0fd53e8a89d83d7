import type { QuorumHealth } from '@shared/brokers';
import type { ServiceStatus } from '@shared/health';
import { num } from '@renderer/format';
import { HealthTile } from '../health/HealthTile';

/** Seconds behind the leader that colour the tile: the default of the quorum-voter-lagging alert rule. */
const BEHIND_SECONDS = 10;

/** No leader is down; a voter that does not answer, that the leader has not heard from, or that is behind, degraded. */
function statusOf(quorum: QuorumHealth): { status: ServiceStatus; reason: string } {
  const leader = quorum.mode === 'kraft' ? quorum.leaderId : quorum.leaderAddress;
  if (leader === null) return { status: 'down', reason: quorum.problem ?? 'no leader' };
  const unheard = quorum.voters.filter((v) => v.problem || (quorum.mode === 'kraft' && !v.leader && (v.behindSeconds ?? Infinity) >= BEHIND_SECONDS));
  if (unheard.length === 0) return { status: 'up', reason: '' };
  const behind = (v: QuorumHealth['voters'][number]) => (v.behindSeconds === null ? 'not heard from since the election' : `${v.behindSeconds} s behind`);
  return { status: 'degraded', reason: quorum.problem ?? unheard.map((v) => `voter ${v.name} ${v.problem ?? behind(v)}`).join('; ') };
}

/** The metadata quorum from the health snapshot: KRaft's controllers, or the ZooKeeper ensemble. */
export function QuorumTile({ quorum }: { quorum: QuorumHealth | null }) {
  if (!quorum) return null;
  const { status, reason } = statusOf(quorum);
  const behind = Math.max(0, ...quorum.voters.map((v) => v.behindSeconds ?? 0));
  return (
    <HealthTile
      id="quorum"
      title={quorum.mode === 'kraft' ? 'KRaft quorum' : 'ZooKeeper ensemble'}
      subtitle={quorum.voters.map((v) => (v.leader ? `${v.name} (leader)` : v.name)).join(', ')}
      status={status}
      reason={reason}
      figures={[
        { label: 'Leader', value: quorum.leaderId !== null ? `#${quorum.leaderId}` : (quorum.leaderAddress ?? '—'), alarm: status === 'down' },
        { label: 'Epoch', value: num(quorum.leaderEpoch) },
        { label: 'Voters', value: num(quorum.voters.length) },
        { label: 'Observers', value: num(quorum.observers) },
        ...(quorum.mode === 'kraft' ? [{ label: 'Most behind', value: `${behind} s`, alarm: behind >= BEHIND_SECONDS }] : []),
      ]}
      footer={<a href="#/brokers">Brokers and the quorum</a>}
    />
  );
}
