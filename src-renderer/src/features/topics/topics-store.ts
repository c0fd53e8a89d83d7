import { create } from 'zustand';
import type { StreamState } from '../../../../src-shared/streams';
import type { TopicSummary } from '../../../../src-shared/topics';
import { bridge } from '../../bridge';
import { createStore } from '../../store';

/** One topic's partitions and configs, read every 5 s while its page is open. */
export const topicStore = createStore({ load: (_bridge, { name }: { name: string }) => bridge.call('topics:describe', { name }), pollMs: 5000 });
import type { CallArgs } from '../../../../src-shared/contract';

/** The topic changes a page can make (stores are read again by the caller's act or form). */
export const topicCalls = {
  create: (args: CallArgs<'topics:create'>) => bridge.call('topics:create', args),
  alterConfigs: (args: CallArgs<'topics:alterConfigs'>) => bridge.call('topics:alterConfigs', args),
  addPartitions: (args: CallArgs<'topics:addPartitions'>) => bridge.call('topics:addPartitions', args),
  delete: (args: CallArgs<'topics:delete'>) => bridge.call('topics:delete', args),
};

interface TopicsState {
  topics: TopicSummary[] | null;
  streams: StreamState[] | null;
  includeInternal: boolean;
  loading: boolean;
  error: string | null;
  loadedAt: number | null;
  /** Rows are shown from metadata while counts, sizes, retention and cleanup policy are still being read (a large cluster's first load). */
  detailsPending: boolean;
  load(): Promise<void>;
  setIncludeInternal(value: boolean): void;
}

export const useTopics = create<TopicsState>((set, get) => ({
  topics: null,
  streams: null,
  includeInternal: false,
  loading: false,
  error: null,
  loadedAt: null,
  detailsPending: false,
  async load() {
    set({ loading: true });
    const includeInternal = get().includeInternal;
    try {
      const streams = bridge.call('presetTopics:list', {});
      // the streams panel shows as soon as its three topics are read, not after the whole list
      void streams.then((states) => set({ streams: states }), () => undefined);
      // With nothing on screen yet, rows from metadata alone first: on a cluster of 10,000 topics
      // they come in a fraction of a second, the full answer in several. Asked one after the other,
      // not at once: together they compete for the same broker (a refresh keeps the old rows).
      if (get().topics === null) {
        const rows = await bridge.call('topics:list', { includeInternal, configs: false, offsets: false }).catch(() => null); // the full answer reports the error
        if (rows && get().topics === null) set({ topics: rows, detailsPending: true });
      }
      const [topics, states] = await Promise.all([bridge.call('topics:list', { includeInternal }), streams]);
      set({ topics, streams: states, error: null, loadedAt: Date.now() });
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      set({ loading: false, detailsPending: false });
    }
  },
  setIncludeInternal(value) {
    set({ includeInternal: value });
    void get().load();
  },
}));
