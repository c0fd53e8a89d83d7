// The metadata quorum's alerts: no leader, and a voter behind. Pure, like rules.ts.
import type { HealthSnapshot } from '@shared/health';

type Fire = (subject: string, message: string) => void;
type KafkaDetails = HealthSnapshot['services']['kafka']['details'];

type Quorum = NonNullable<KafkaDetails['quorum']>;
const what = (quorum: Quorum) => (quorum.mode === 'kraft' ? 'KRaft metadata quorum' : 'ZooKeeper ensemble');
/** A KRaft leader is an id; a ZooKeeper leader, whose servers have no id over `srvr`, an address. */
const leaderOf = (quorum: Quorum) => (quorum.mode === 'kraft' ? quorum.leaderId : quorum.leaderAddress);

/** The quorum answered (so Kafka is up) and names no leader: no metadata change can be made. */
export function quorumWithoutLeader(details: KafkaDetails, fire: Fire): void {
  const quorum = details.quorum;
  if (quorum && leaderOf(quorum) === null) fire(quorum.mode, `The ${what(quorum)} has no leader: ${quorum.problem ?? 'none elected'}`);
}

/**
 * One alert per voter that has not caught up with the leader for `thresholdSeconds` or more, that the leader has not heard
 * from since its election (KRaft), or that does not answer (ZooKeeper).
 */
export function quorumVotersLagging(details: KafkaDetails, thresholdSeconds: number, fire: Fire): void {
  const quorum = details.quorum;
  const leader = quorum && leaderOf(quorum);
  if (!quorum || leader === null) return;
  for (const voter of quorum.voters) {
    if (voter.leader) continue;
    const subject = `${quorum.mode}/${voter.name}`;
    if (voter.problem) fire(subject, `Voter ${voter.name} of the ${what(quorum)}: ${voter.problem}`);
    else if (quorum.mode !== 'kraft') continue;
    else if (voter.behindSeconds === null)
      fire(subject, `Voter ${voter.name} of the ${what(quorum)} has not caught up with leader ${leader} since its election`);
    else if (voter.behindSeconds >= thresholdSeconds)
      fire(
        subject,
        `Voter ${voter.name} of the ${what(quorum)} last caught up with leader ${leader} ${voter.behindSeconds} s before it (threshold ${thresholdSeconds} s)`,
      );
  }
}
