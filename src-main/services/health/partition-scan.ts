import type { ClusterDescription, TopicMetadataLike } from './kafka-probe';
import { sharedListUsable, topicListAge } from '../metrics/offset-rates';

/** The broker's share of time spent answering the health poll's partition scans, at most. */
const SCAN_DUTY = 0.1;

/**
 * The last full scan of a cluster's partitions (every topic's metadata, for under-replicated and
 * offline partitions), reused while the cluster looks the same and the scan is fresh. Reading
 * 10,000 topics' metadata every 3 s kept a broker busy. A scan is repeated after ten times its own
 * duration, and on more than 1,000 topics after 15 s at the soonest (as the metrics sampler lists
 * them): an under-replicated partition of a big cluster shows within 15 s; a broker joining or
 * leaving is seen at once (the cluster is read every round and rescanned).
 */
export class PartitionScans {
  private last: { bootstrap: string; cluster: string; at: number; tookMs: number; topics: TopicMetadataLike[] } | null = null;

  constructor(private readonly minAgeMs: number) {}

  /** The remembered topics when they still stand for `cluster` at `now`, else null (scan again). */
  reusable(cluster: ClusterDescription, now: number): TopicMetadataLike[] | null {
    const last = this.last;
    if (!last || last.cluster !== clusterShape(cluster)) return null;
    return now - last.at < Math.max(this.minAgeMs, last.tookMs / SCAN_DUTY, topicListAge(last.topics.length)) ? last.topics : null;
  }

  remember(bootstrap: string, cluster: ClusterDescription, topics: TopicMetadataLike[], at: number, tookMs: number): void {
    this.last = { bootstrap, cluster: clusterShape(cluster), at, tookMs, topics };
  }

  /**
   * The last scan of the cluster at `bootstrap`, for the metrics sampler's topic list, when it is recent enough to stand
   * for one (sharedListUsable), else null. Both read every topic's metadata every 15 s on a big cluster, the one costly
   * request left in what serve asks of an idle cluster (a broker's request handlers, JFR, 2026-12-07): one read serves both.
   */
  sharedList(bootstrap: string, now: number): { topics: TopicMetadataLike[]; at: number } | null {
    const last = this.last;
    if (!last || last.bootstrap !== bootstrap || !sharedListUsable(last.topics.length, now - last.at)) return null;
    return { topics: last.topics, at: last.at };
  }

  forget(): void {
    this.last = null;
  }
}

/**
 * What a scan depends on: the same cluster with the same brokers. Not the controller: in KRaft a broker's Metadata names a
 * random live broker as controller (kafbat #525), so keying on it scanned 10,000 topics again every 9-13 s instead of
 * 15 s (the broker's request log, 2026-12-07); a controller that moves because its broker left shows in the brokers.
 */
function clusterShape(cluster: ClusterDescription): string {
  return `${cluster.clusterId}|${cluster.brokers
    .map((broker) => broker.nodeId)
    .sort((a, b) => a - b)
    .join(',')}`;
}
