/** Clusters up to this many topics are listed every LIST_OFTEN_MS: a new topic is seen within the time its first records take to show. */
const LIST_OFTEN_TOPICS = 1_000;
const LIST_OFTEN_MS = 2_000;
/** Larger ones every 15 s: listing 10,000 topics costs the broker a good part of a second. */
const LIST_SELDOM_MS = 15_000;
/** How much older than that a listing shared by the health poll may be (sharedListUsable). */
const SHARED_LIST_GRACE_MS = 5_000;

/** How long the topic list the sampler reads offsets for is kept before it is listed again. */
export function topicListAge(topicCount: number): number {
  return topicCount <= LIST_OFTEN_TOPICS ? LIST_OFTEN_MS : LIST_SELDOM_MS;
}

/**
 * Whether another reader's listing of `topicCount` topics, `ageMs` old, may stand for the sampler's own (the health
 * poll's partition scan): on big clusters only, where a listing costs the broker, and while it is no older than the
 * sampler's own would be plus the health poll's renewal (its scan is read again on the first round after it aged out,
 * rounds 3 s apart, plus the scan's own time). Small clusters list their own every 2 s: cheap, and a new topic's chart
 * starts at once.
 */
export function sharedListUsable(topicCount: number, ageMs: number): boolean {
  return topicCount > LIST_OFTEN_TOPICS && ageMs <= LIST_SELDOM_MS + SHARED_LIST_GRACE_MS;
}

/**
 * Messages per second per topic between two readings of the topics' end offsets (each summed
 * over its partitions), `seconds` apart. A topic the previous reading lacks counts from offset 0
 * when it was created since (`isNew`): the records written into it before the sampler saw it are
 * counted in this round, not lost (a burst into a topic made seconds before). Any other topic
 * missing before, or whose offsets went back (deleted and created again), counts 0.
 */
export function offsetRates(previous: Map<string, number>, ends: Map<string, number>, seconds: number, isNew: (topic: string) => boolean): Map<string, number> {
  const rates = new Map<string, number>();
  for (const [topic, end] of ends) {
    const before = previous.get(topic) ?? (isNew(topic) ? 0 : undefined);
    rates.set(topic, before === undefined || end < before ? 0 : (end - before) / seconds);
  }
  return rates;
}

/** The topics of `listed` a previous listing did not have; none on the first listing (they were there before the sampler). */
export function topicsAdded(previous: readonly { name: string }[] | null, listed: readonly { name: string }[]): string[] {
  if (previous === null) return [];
  const known = new Set(previous.map((topic) => topic.name));
  return listed.map((topic) => topic.name).filter((name) => !known.has(name));
}
