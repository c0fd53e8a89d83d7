import { create } from 'zustand';
import type { StreamState } from '../../../src-shared/streams';
import type { TopicSummary } from '../../../src-shared/topics';
import { bridge } from '../bridge';

interface TopicsState {
  topics: TopicSummary[] | null;
  streams: StreamState[] | null;
  includeInternal: boolean;
  loading: boolean;
  error: string | null;
  loadedAt: number | null;
  /** Rows are shown while retention and cleanup policy are still being read (a large cluster's first load). */
  configsPending: boolean;
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
  configsPending: false,
  async load() {
    set({ loading: true });
    const includeInternal = get().includeInternal;
    let complete = false;
    // With nothing on screen yet, rows without configs first: on a cluster of 10,000 topics they
    // come several times sooner than the full answer (a refresh keeps the old rows until then).
    if (get().topics === null) {
      void bridge.call('kafka:listTopics', { includeInternal, configs: false }).then(
        (topics) => !complete && get().topics === null && set({ topics, configsPending: true }),
        () => undefined, // the full answer reports the error
      );
    }
    try {
      const [topics, streams] = await Promise.all([bridge.call('kafka:listTopics', { includeInternal }), bridge.call('kafka:streams', {})]);
      set({ topics, streams, error: null, loadedAt: Date.now() });
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      complete = true;
      set({ loading: false, configsPending: false });
    }
  },
  setIncludeInternal(value) {
    set({ includeInternal: value });
    void get().load();
  },
}));
