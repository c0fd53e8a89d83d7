import type { Quorum, QuorumMember } from '@shared/brokers';
import { num } from '@renderer/format';
import { quorumStore } from './brokers-store';

/** A leader-clock timestamp as "1.2 s ago" next to the time itself. */
function ago(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = (Date.now() - ms) / 1000;
  return `${new Date(ms).toLocaleTimeString()} (${seconds < 0 ? 0 : seconds.toFixed(1)} s ago)`;
}

/** A voter 10 s or more behind the leader's last catch-up (the alert rule's default) is marked, as on the quorum tile. */
const BEHIND_MS = 10_000;

function rowClass(m: QuorumMember, leaderCaughtUpMs: number | null): string | undefined {
  if (m.problem) return 'row-bad';
  if (leaderCaughtUpMs === null || m.role !== 'follower') return undefined;
  return m.lastCaughtUpMs === null || leaderCaughtUpMs - m.lastCaughtUpMs >= BEHIND_MS ? 'row-warn' : undefined;
}

function MemberRows({ members, kind, leaderCaughtUpMs }: { members: QuorumMember[]; kind: 'voter' | 'observer'; leaderCaughtUpMs: number | null }) {
  return members.map((m) => (
    <tr key={`${kind}-${m.id ?? m.address}`} data-testid={`quorum-${kind}-${m.id ?? m.address}`} className={rowClass(m, leaderCaughtUpMs)}>
      <td>{m.id !== null ? `#${m.id}` : m.address}</td>
      <td>{m.id !== null ? (m.address ?? '—') : ''}</td>
      <td>
        {m.problem ? (
          <span className="flag bad">{m.problem}</span>
        ) : m.role === 'leader' || m.role === 'standalone' ? (
          <span className="flag ok">{m.role}</span>
        ) : (
          m.role
        )}
      </td>
      <td className="right">{num(m.logEndOffset)}</td>
      <td className="right">{num(m.lag)}</td>
      <td>{ago(m.lastFetchMs)}</td>
      <td>{ago(m.lastCaughtUpMs)}</td>
    </tr>
  ));
}

/** KRaft only: when the leader last saw itself caught up (its clock), what a follower's time is measured against. */
const leaderCaughtUp = (quorum: Quorum) => (quorum.mode === 'kraft' ? (quorum.voters.find((v) => v.role === 'leader')?.lastCaughtUpMs ?? null) : null);

function QuorumFigures({ quorum }: { quorum: Quorum }) {
  const leader = quorum.leaderId !== null ? `#${quorum.leaderId}` : quorum.leaderAddress;
  return (
    <div className="muted" data-testid="quorum-figures">
      {quorum.mode === 'kraft' ? 'KRaft controllers' : 'ZooKeeper ensemble'} · leader <strong data-testid="quorum-leader">{leader ?? 'none'}</strong> · epoch{' '}
      {num(quorum.leaderEpoch)}
      {quorum.mode === 'kraft' && ` · high watermark ${num(quorum.highWatermark)} · max follower lag ${num(quorum.maxFollowerLag)}`}
    </div>
  );
}

/** The metadata quorum: DescribeQuorum's voters and observers in KRaft, each ZooKeeper server's `srvr` in ZooKeeper mode. */
export function QuorumPanel() {
  const { data: quorum, error } = quorumStore.use();
  return (
    <section className="panel" data-testid="quorum-panel">
      <header>
        <h2>Metadata quorum</h2>
      </header>
      {!quorum ? (
        <div className="muted">{error ?? 'Reading the quorum…'}</div>
      ) : (
        <>
          <QuorumFigures quorum={quorum} />
          {quorum.problem && <div className="callout error">{quorum.problem}</div>}
          <table className="grid compact" data-testid="quorum-table">
            <thead>
              <tr>
                <th>{quorum.mode === 'kraft' ? 'Node' : 'Server'}</th>
                <th>{quorum.mode === 'kraft' ? 'Controller listener' : ''}</th>
                <th>Role</th>
                <th className="right">{quorum.mode === 'kraft' ? 'Log end offset' : 'Zxid counter'}</th>
                <th className="right">Lag</th>
                <th>Last fetch</th>
                <th>Last caught up</th>
              </tr>
            </thead>
            <tbody>
              <MemberRows members={quorum.voters} kind="voter" leaderCaughtUpMs={leaderCaughtUp(quorum)} />
              <MemberRows members={quorum.observers} kind="observer" leaderCaughtUpMs={null} />
            </tbody>
          </table>
          {error && <div className="callout error">Could not refresh: {error}</div>}
        </>
      )}
    </section>
  );
}
