// What the Flink suites share (sql, flink-pipelines, pipeline-latency): waiting for a condition, and a cluster with
// every job cancelled and its two slots free again, so one suite's jobs never starve the next one's.
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';

/** Polls `probe` every 500 ms until it answers something truthy (errors count as "not yet"), or fails naming `what`. */
export async function waitFor<T>(probe: () => Promise<T | false | null | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function cancelAllJobs(flink: FlinkRestClient): Promise<void> {
  const jobs = (await flink.jobsOverview()).jobs ?? [];
  const live = jobs.filter((j) => !['FINISHED', 'CANCELED', 'FAILED'].includes(j.state ?? ''));
  await Promise.all(live.map((j) => flink.cancel(j.jid).catch(() => undefined)));
  await waitFor(async () => ((await flink.overview())['slots-available'] ?? 0) >= 2, 60_000, 'all slots free');
}
