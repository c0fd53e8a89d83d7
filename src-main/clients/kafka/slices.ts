/** `items` cut into consecutive slices of at most `size` (at least 1). */
export function slicesOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size: must be a whole number of at least 1, got ${size}`);
  const slices: T[][] = [];
  for (let from = 0; from < items.length; from += size) slices.push(items.slice(from, from + size));
  return slices;
}

/**
 * `work` on every item with at most `concurrency` running at once, results in the items' order.
 * Bounded so that thousands of topics become a few requests in flight, not thousands queued on one
 * broker. Rejects with the first failure and starts nothing after it (those already running finish).
 */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency: must be a whole number of at least 1, got ${concurrency}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index], index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
