export interface Isolated<R> {
  results: R[];
  /** Names the request could not answer for, each with the error that says why. */
  failed: Map<string, unknown>;
}

/**
 * `request` for all `names` at once. Some requests fail whole when a single topic has an error
 * (kafkajs' DescribeConfigs throws for the batch if one topic was deleted a moment ago or is not
 * authorised): then the batch is halved until the topics at fault are found, so every other topic
 * still gets its answer. Errors `isAboutATopic` does not claim (a timeout, a lost connection) fail
 * the batch whole, and so does any failure once `budget.requests` extra requests are spent.
 */
export async function requestIsolating<R>(
  names: string[],
  request: (names: string[]) => Promise<R[]>,
  isAboutATopic: (error: unknown) => boolean,
  budget: { requests: number },
): Promise<Isolated<R>> {
  const failed = new Map<string, unknown>();
  try {
    return { results: await request(names), failed };
  } catch (error) {
    if (names.length === 1 || !isAboutATopic(error) || budget.requests < 2) {
      for (const name of names) failed.set(name, error);
      return { results: [], failed };
    }
    budget.requests -= 2;
    const middle = Math.ceil(names.length / 2);
    const halves = [
      await requestIsolating(names.slice(0, middle), request, isAboutATopic, budget),
      await requestIsolating(names.slice(middle), request, isAboutATopic, budget),
    ];
    return { results: halves.flatMap((half) => half.results), failed: new Map(halves.flatMap((half) => [...half.failed])) };
  }
}
