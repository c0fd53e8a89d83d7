import { create } from 'zustand';
import type { StackProgress, StackStatus } from '../../../../src-shared/stack';
import { bridge } from '../../bridge';

interface StackState {
  status: StackStatus | null;
  /** The latest progress of each service during the current start or stop. */
  progress: Record<string, StackProgress>;
  operation: 'idle' | 'starting' | 'stopping';
  startedAt: number | null;
  error: string | null;
  load(): Promise<void>;
  up(kraft?: boolean): Promise<void>;
  down(): Promise<void>;
}

export const useStack = create<StackState>((set, get) => {
  /** This window's own start or stop is running; otherwise the operation is whatever the back end reports. */
  let own = false;
  async function run(operation: 'starting' | 'stopping', call: () => Promise<StackStatus>) {
    own = true;
    set({ operation, progress: {}, error: null, startedAt: Date.now() });
    try {
      set({ status: await call() });
    } catch (error) {
      set({ error: (error as Error).message });
      await get().load();
    } finally {
      own = false;
      set({ operation: 'idle' });
    }
  }
  return {
    status: null,
    progress: {},
    operation: 'idle',
    startedAt: null,
    error: null,
    async load() {
      try {
        const status = await bridge.call('stack:status', {});
        // a start begun elsewhere (another window, a page reloaded meanwhile) ends here too when the back end is idle again
        set({ status, operation: own ? get().operation : status.busy });
      } catch (error) {
        set({ error: (error as Error).message });
      }
    },
    up: (kraft) => run('starting', () => bridge.call('stack:up', kraft === undefined ? {} : { kraft })),
    down: () => run('stopping', () => bridge.call('stack:down', {})),
  };
});

export function followStack(): () => void {
  void useStack.getState().load();
  const off = bridge.on('stack:progressed', (progress) =>
    useStack.setState((state) => ({ progress: { ...state.progress, [progress.service]: progress } })),
  );
  return off;
}
