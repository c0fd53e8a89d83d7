/**
 * `look` answered afresh at most every `ms`: for synchronous file lookups the local connection repeats on every
 * Kafka target it builds (each ingest batch builds one), where an answer a few seconds old is as good.
 */
export function keptFor<T>(ms: number, look: () => T, now: () => number = Date.now): () => T {
  let last: { at: number; value: T } | null = null;
  return () => {
    const at = now();
    if (!last || at - last.at > ms) last = { at, value: look() };
    return last.value;
  };
}
