// Reads a connector's states as they move after an operation, so what a page shows is the worker's state after the
// operation, not the one before it: Connect accepts pause, resume, stop and restart (202) before it carries them out.
import type { ConnectorSummary } from '@shared/connect';
import { StreamdeskError } from '@shared/errors';
import type { ConnectClient } from '@main/clients/connect/connect-client';
import type { ConnectorInfo } from '@main/clients/connect/connect-types';
import { toSummary, unsettled } from './connector-view';

const POLL_MS = 250;
/** A restart or a state change that takes longer is reported as it stands (settled: false). */
const WAIT_MS = 20_000;
/** Connect's active topics change rarely; asked again after this long. */
const ACTIVE_TOPICS_MS = 30_000;
/** None yet (a connector just created, Debezium before its snapshot): asked again soon. */
const NO_ACTIVE_TOPICS_MS = 2_000;
const RESTART_GRACE_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const statesOf = (s: ConnectorSummary) => [s.state, ...s.tasks.map((t) => t.state)];

export class ConnectorWatch {
  private readonly topics = new Map<string, { at: number; topics: string[] }>();

  constructor(private readonly onChanged: (change: { cluster: string; name: string }) => void) {}

  /** The connector's states now; right after a create its status may not exist yet for a moment. */
  async summary(client: ConnectClient, name: string, info?: ConnectorInfo): Promise<ConnectorSummary> {
    const known = info ?? (await client.connector(name));
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        const status = await client.status(name);
        return toSummary(client.url, known, status, await this.activeTopics(client, name));
      } catch (e) {
        if (!(e instanceof StreamdeskError && e.code === 'not-found') || Date.now() > deadline) throw e;
        await sleep(POLL_MS);
      }
    }
  }

  /** Until no instance is RESTARTING or UNASSIGNED, announcing each change on the way. */
  untilSettled(client: ConnectClient, name: string): Promise<{ summary: ConnectorSummary; settled: boolean }> {
    return this.until(client, name, (s) => !unsettled(statesOf(s)));
  }

  /**
   * Until each restarted instance (task null: the connector) has gone through its restart: seen RESTARTING or
   * UNASSIGNED and then out of it, or in a state other than before. Connect answers the restart before its status
   * topic says RESTARTING, so the first reads may still show the state before; one that looks the same after
   * RESTART_GRACE_MS (a RUNNING task restarted quickly) is taken as restarted.
   */
  untilRestarted(client: ConnectClient, name: string, restarted: (number | null)[], before: ConnectorSummary) {
    const stateOf = (s: ConnectorSummary, task: number | null) => (task === null ? s.state : (s.tasks.find((t) => t.id === task)?.state ?? 'UNASSIGNED'));
    const seenMoving = new Set<number | null>();
    const started = Date.now();
    return this.until(client, name, (s) =>
      restarted.every((task) => {
        const now = stateOf(s, task);
        if (unsettled([now])) {
          seenMoving.add(task);
          return false;
        }
        return seenMoving.has(task) || now !== stateOf(before, task) || Date.now() - started > RESTART_GRACE_MS;
      }),
    );
  }

  /**
   * Until the connector is in one of the states (its tasks settled too). STOPPED also waits for its tasks to be gone:
   * Connect shows the connector STOPPED while a task still runs (and may still commit offsets) for a moment.
   */
  untilState(client: ConnectClient, name: string, states: string[]): Promise<{ summary: ConnectorSummary; settled: boolean }> {
    return this.until(
      client,
      name,
      (s) => states.includes(s.state) && !unsettled(s.tasks.map((t) => t.state)) && (s.state !== 'STOPPED' || s.tasks.length === 0),
    );
  }

  async activeTopics(client: ConnectClient, name: string): Promise<string[]> {
    const key = `${client.url} ${name}`;
    const cached = this.topics.get(key);
    if (cached && Date.now() - cached.at < (cached.topics.length > 0 ? ACTIVE_TOPICS_MS : NO_ACTIVE_TOPICS_MS)) return cached.topics;
    // a worker with topic tracking disabled answers an error: the config's topics are all there is
    const topics = await client.activeTopics(name).catch(() => []);
    this.topics.set(key, { at: Date.now(), topics });
    return topics;
  }

  private async until(client: ConnectClient, name: string, done: (s: ConnectorSummary) => boolean): Promise<{ summary: ConnectorSummary; settled: boolean }> {
    const deadline = Date.now() + WAIT_MS;
    let last = '';
    for (;;) {
      const summary = await this.summary(client, name);
      const seen = JSON.stringify(statesOf(summary));
      if (seen !== last) this.onChanged({ cluster: client.url, name });
      last = seen;
      if (done(summary)) return { summary, settled: true };
      if (Date.now() > deadline) return { summary, settled: false };
      await sleep(POLL_MS);
    }
  }
}
