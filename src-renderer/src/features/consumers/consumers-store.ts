// Consumer groups through the data layer: the list, one group's detail, its lag history, and the group operations.
import type { CallArgs } from '@shared/contract';
import type { TimeRange } from '@shared/metrics';
import { bridge } from '@renderer/bridge';
import type { ConsumerGroupListing, ConsumerGroupSummary } from '@shared/consumers';
import { createStore, foregroundGate, sliceReader, type Store } from '@renderer/store';

export interface GroupList {
  /** Every group as ListGroups answers it (id, state, protocol), read every 5 s. */
  groups: ConsumerGroupListing[];
  /** Members, topics and lag of the groups read so far (kept across reads of the rows until read again). */
  summaries: ReadonlyMap<string, ConsumerGroupSummary>;
  /** Groups whose summary was read since the rows were: those on screen are read again after every read of the rows. */
  fresh: ReadonlySet<string>;
  /** Why summaries stopped being read (the rows stay). */
  summariesError: string | null;
}

/** Bumped by every read of the rows: summaries asked for before it are merged, but no longer count as fresh. */
let rowsGeneration = 0;

/** The groups from ListGroups alone (5,000 groups answer in a fraction of a second); their lag is read after (`readSummaries`). */
export const groupsStore: Store<GroupList> = createStore({
  async load(bridge) {
    const groups = await bridge.call('consumers:listGroups', {});
    rowsGeneration++;
    const before = groupsStore.get().data;
    return { groups, summaries: before?.summaries ?? new Map(), fresh: new Set<string>(), summariesError: null };
  },
  pollMs: 5000,
});

/** A clicked group's detail is read ahead of the summaries' next slice (the slice waits for it). */
const details = foregroundGate();

/** Groups per request once those on screen are read. */
const SUMMARIES_SLICE = 500;

/**
 * Reads the summaries (members, topics, lag) of the groups on screen first (again after every read of the rows,
 * so their lag stays live), then once those of every other group, a slice at a time; the page never waits for them.
 */
export const readSummaries = sliceReader(nextGroups, async (groupIds) => {
  await details.idle();
  const generation = rowsGeneration;
  try {
    const summaries = await bridge.call('consumers:summaries', { groupIds });
    mergeSummaries(groupIds, summaries, generation === rowsGeneration);
    return true;
  } catch (error) {
    const now = groupsStore.get().data;
    if (now) groupsStore.set(undefined, { ...now, summariesError: (error as Error).message });
    return false;
  }
});

/** Groups on screen not read since the rows were; when none, the next groups never read at all. */
function nextGroups(onScreen: readonly string[]): string[] {
  const list = groupsStore.get().data;
  if (!list || list.summariesError) return [];
  const shown = onScreen.filter((groupId) => !list.fresh.has(groupId));
  if (shown.length > 0) return shown.slice(0, SUMMARIES_SLICE);
  const next: string[] = [];
  for (const { groupId } of list.groups) {
    if (list.summaries.has(groupId) || list.fresh.has(groupId)) continue;
    next.push(groupId);
    if (next.length === SUMMARIES_SLICE) break;
  }
  return next;
}

function mergeSummaries(groupIds: string[], read: ConsumerGroupSummary[], fresh: boolean): void {
  const list = groupsStore.get().data;
  if (!list) return;
  const summaries = new Map(list.summaries);
  for (const summary of read) summaries.set(summary.groupId, summary);
  const freshNow = new Set(list.fresh);
  if (fresh) for (const groupId of groupIds) freshNow.add(groupId); // a group deleted meanwhile is read: it has no row to fill
  groupsStore.set(undefined, { ...list, summaries, fresh: freshNow });
}

export const groupStore = createStore({
  load: (_bridge, { groupId }: { groupId: string }) => details.during(() => bridge.call('consumers:detail', { groupId })),
  pollMs: 5000,
});

export const lagHistoryStore = createStore({
  load: (_bridge, { groupId, range }: { groupId: string; range: TimeRange }) => bridge.call('consumers:lagHistory', { groupId, time_range: range }),
  pollMs: 5000,
});

export const consumerCalls = {
  resetOffsets: (args: CallArgs<'consumers:resetOffsets'>) => bridge.call('consumers:resetOffsets', args),
  delete: (groupId: string, confirm: string) => bridge.call('consumers:delete', { groupId, confirm }),
};
