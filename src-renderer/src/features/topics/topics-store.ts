import type { CallArgs } from '@shared/contract';
import type { TopicSummary } from '@shared/topics';
import { bridge } from '@renderer/bridge';
import { createStore, type Store } from '@renderer/store';

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
  /** Rows are shown from metadata while counts, sizes, retention and cleanup policy are still being read (a large cluster's first load). */
  detailsPending: boolean;
}

/** Every topic, read while the Topics page is shown (and again on Refresh, a change, a profile switch). */
export const topicsStore: Store<TopicList> = createStore({
  async load(bridge) {
    const includeInternal = includeInternalStore.get().data ?? false;
    // With nothing on screen yet, rows from metadata alone first: on a cluster of 10,000 topics
    // they come in a fraction of a second, the full answer in several. Asked one after the other,
    // not at once: together they compete for the same broker (a refresh keeps the old rows).
    if (topicsStore.get().data === null) {
      const rows = await bridge.call('topics:list', { includeInternal, configs: false, offsets: false }).catch(() => null); // the full answer reports the error
      if (rows && topicsStore.get().data === null) topicsStore.set(undefined, { topics: rows, detailsPending: true });
    }
    try {
      return { topics: await bridge.call('topics:list', { includeInternal }), detailsPending: false };
    } catch (error) {
      const shown = topicsStore.get().data;
      if (shown?.detailsPending) topicsStore.set(undefined, { ...shown, detailsPending: false });
      throw error;
    }
  },
});

/** Shows or hides internal topics, and reads the list again. */
export function setIncludeInternal(value: boolean): Promise<void> {
  includeInternalStore.set(undefined, value);
  return topicsStore.refresh();
}
