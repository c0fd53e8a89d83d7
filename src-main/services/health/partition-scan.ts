import type { ClusterDescription, TopicMetadataLike } from './kafka-probe';

/** The broker's share of time spent answering the health poll's partition scans, at most. */
const SCAN_DUTY = 0.1;

/**
 * The last full scan of a cluster's partitions (every topic's metadata, for under-replicated and
 * offline partitions), reused while the cluster looks the same and the scan is fresh. Reading
 * 10,000 topics' metadata every 3 s kept a broker busy; a scan that takes 600 ms is now repeated
 * every 6 s, and at once when a broker joins or leaves or the controller moves.
 */
export class PartitionScans {
  private last: { cluster: string; at: number; tookMs: number; topics: TopicMetadataLike[] } | null = null;

  constructor(private readonly minAgeMs: number) {}

  /** The remembered topics when they still stand for `cluster` at `now`, else null (scan again). */
  reusable(cluster: ClusterDescription, now: number): TopicMetadataLike[] | null {
    const last = this.last;
    if (!last || last.cluster !== clusterShape(cluster)) return null;
    return now - last.at < Math.max(this.minAgeMs, last.tookMs / SCAN_DUTY) ? last.topics : null;
  }

  remember(cluster: ClusterDescription, topics: TopicMetadataLike[], at: number, tookMs: number): void {
    this.last = { cluster: clusterShape(cluster), at, tookMs, topics };
  }

  forget(): void {
    this.last = null;
  }
}

/** What a scan depends on: the same brokers under the same controller. */
function clusterShape(cluster: ClusterDescription): string {
  return `${cluster.clusterId}|${cluster.controller}|${cluster.brokers
    .map((broker) => broker.nodeId)
    .sort((a, b) => a - b)
    .join(',')}`;
}
