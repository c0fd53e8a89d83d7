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
  async load() {
    set({ loading: true });
    try {
      const [topics, streams] = await Promise.all([
        bridge.call('kafka:listTopics', { includeInternal: get().includeInternal }),
        bridge.call('kafka:streams', {}),
      ]);
      set({ topics, streams, error: null, loadedAt: Date.now() });
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      set({ loading: false });
    }
  },
  setIncludeInternal(value) {
    set({ includeInternal: value });
    void get().load();
  },
}));
