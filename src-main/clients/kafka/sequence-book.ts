/** Kafka's sequence numbers are non-negative int32s that wrap to 0 (the Java client's incrementSequence). */
const SEQUENCE_SPACE = 2 ** 31;

/**
 * The idempotent producer's sequence numbers, handed out when a Produce request is encoded rather than
 * when the broker answers. @platformatic/kafka advances a partition's sequence only on the answer, so
 * two requests in flight carried the same first sequence and the broker refused the second with
 * OUT_OF_ORDER_SEQUENCE_NUMBER: ingest could keep only one request in flight (bench/ingest: the
 * main thread idle ~40 %), where the Java client and librdkafka keep up to five. Assigned at encode
 * time, in the order the requests are written to the connection, each batch continues where the one
 * before it ended, so several can be in flight. A retry of the same records (the client re-encodes
 * the very array it was given) gets the sequences it had, as the broker's deduplication needs.
 */
export class SequenceBook {
  /** The next sequence per producer session and partition: `${producerId}/${epoch}/${topic}:${partition}`. */
  private readonly next = new Map<string, number>();
  /** What each request's records were given, so that its retries are encoded the same. */
  private readonly given = new WeakMap<object, Map<string, number>>();

  /**
   * The first sequence of `count` records of `topic:partition` in the request of `records` (the array the
   * client hands to the encoder; its identity marks a retry).
   */
  firstSequence(records: object, producerId: bigint, producerEpoch: number, partitionKey: string, count: number): number {
    let request = this.given.get(records);
    if (!request) this.given.set(records, (request = new Map<string, number>()));
    const kept = request.get(partitionKey);
    if (kept !== undefined) return kept;
    const session = `${producerId}/${producerEpoch}/${partitionKey}`;
    const first = this.next.get(session) ?? 0;
    this.next.set(session, (first + count) % SEQUENCE_SPACE);
    request.set(partitionKey, first);
    return first;
  }
}
