import type { CallArgs } from '@shared/contract';
import type { TopicSummary } from '@shared/topics';
import { bridge } from '@renderer/bridge';
import { createStore, sliceReader, type Store } from '@renderer/store';

/** One topic's partitions and configs, read every 5 s while its page is open. */
export const topicStore = createStore({ load: (bridge, { name }: { name: string }) => bridge.call('topics:describe', { name }), pollMs: 5000 });

/** The topic changes a page can make (stores are read again by the caller's act or form). */
export const topicCalls = {
  create: (args: CallArgs<'topics:create'>) => bridge.call('topics:create', args),
  alterConfigs: (args: CallArgs<'topics:alterConfigs'>) => bridge.call('topics:alterConfigs', args),
  addPartitions: (args: CallArgs<'topics:addPartitions'>) => bridge.call('topics:addPartitions', args),
  delete: (args: CallArgs<'topics:delete'>) => bridge.call('topics:delete', args),
  purge: (args: CallArgs<'topics:purge'>) => bridge.call('topics:purge', args),
};

/** Whether the topic list shows internal topics (kept while the app runs; no data: not shown). */
export const includeInternalStore = createStore<boolean>({});

export interface TopicList {
  topics: TopicSummary[];
  /**
   * Names whose counts, sizes, retention and cleanup policy have been read since the rows were (the rows
   * come from metadata alone; their figures are read on screen first, then the rest in slices).
   */
  fresh: ReadonlySet<string>;
  /** Names with figures to show: read since the rows were, or kept from the read before (a refresh). */
  figured: ReadonlySet<string>;
  /** Why the figures stopped being read (the rows stay). */
  figuresError: string | null;
}

/** Bumped by every read of the rows: figures asked for before it are not merged into the new rows. */
let rowsGeneration = 0;

/**
 * Every topic's row from metadata alone (10,000 topics answer in a fraction of a second), with the
 * figures the previous read had (a refresh); the page then has the figures read (`readFigures`).
 */
export const topicsStore: Store<TopicList> = createStore({
  async load(bridge) {
    const includeInternal = includeInternalStore.get().data ?? false;
    const rows = await bridge.call('topics:list', { includeInternal, configs: false, offsets: false });
    rowsGeneration++;
    const before = topicsStore.get().data;
    const known = new Map((before?.topics ?? []).filter((topic) => before?.figured.has(topic.name)).map((topic) => [topic.name, topic]));
    const topics = rows.map((row) => withFigures(row, known.get(row.name)));
    return {
      topics,
      fresh: new Set<string>(),
      figured: new Set(topics.filter((topic) => known.has(topic.name)).map((topic) => topic.name)),
      figuresError: null,
    };
  },
});

/** The row as metadata says now, with the figures read before (none when there were none). */
function withFigures(row: TopicSummary, known: TopicSummary | undefined): TopicSummary {
  if (!known) return row;
  const { retentionMs, cleanupPolicy, messageCount, sizeBytes } = known;
  return { ...row, retentionMs, cleanupPolicy, messageCount, sizeBytes };
}

/**
 * Names per request once those on screen are read: as many as a call takes (each request costs a fixed ~100 ms of
 * connections and metadata; 500 a slice made 10,000 topics take 9 s, against 3 s for one call of all).
 */
const FIGURES_SLICE = 2000;

/**
 * Reads the figures of the rows not yet read since the rows were: those on screen (`shown`) first, then the
 * rest in list order, one slice at a time, each merged as it lands (never blocking the page). Called by the
 * Topics page whenever its rows or the rows on screen change.
 */
export const readFigures = sliceReader(nextSlice, async (names) => {
  const generation = rowsGeneration;
  try {
    const rows = await bridge.call('topics:list', { includeInternal: true, names });
    if (generation === rowsGeneration) mergeFigures(names, rows);
    return true;
  } catch (error) {
    const now = topicsStore.get().data;
    if (generation === rowsGeneration && now) topicsStore.set(undefined, { ...now, figuresError: (error as Error).message });
    return false;
  }
});

/** Rows on screen still without fresh figures; when none, the next slice in list order (none when read, or after a failure). */
function nextSlice(onScreen: readonly string[]): string[] {
  const list = topicsStore.get().data;
  if (!list || list.figuresError) return [];
  const shown = onScreen.filter((name) => !list.fresh.has(name));
  if (shown.length > 0) return shown.slice(0, FIGURES_SLICE); // a screenful: a small, quick request
  const next: string[] = [];
  for (const topic of list.topics) {
    if (list.fresh.has(topic.name)) continue;
    next.push(topic.name);
    if (next.length === FIGURES_SLICE) break;
  }
  return next;
}

function mergeFigures(names: string[], rows: TopicSummary[]): void {
  const list = topicsStore.get().data;
  if (!list) return;
  const read = new Map(rows.map((row) => [row.name, row]));
  const fresh = new Set(list.fresh);
  const figured = new Set(list.figured);
  for (const name of names) fresh.add(name); // a topic deleted meanwhile is read: it has no row to fill
  for (const name of read.keys()) figured.add(name);
  const topics = list.topics.map((topic) => read.get(topic.name) ?? topic);
  topicsStore.set(undefined, { ...list, topics, fresh, figured });
}

/** Shows or hides internal topics, and reads the list again. */
export function setIncludeInternal(value: boolean): Promise<void> {
  includeInternalStore.set(undefined, value);
  return topicsStore.refresh();
}
