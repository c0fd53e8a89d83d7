import { useEffect } from 'react';
import { create } from 'zustand';
import type { CallArgs } from '../../../../src-shared/contract';
import { createStore } from '../../store';
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

/** The Stack page's changes besides up and down; each reads the status again after. */
export const stackCalls = {
  setBackend: (backend: CallArgs<'stack:setBackend'>['backend']) => bridge.call('stack:setBackend', { backend }).then(() => useStack.getState().load()),
  restartService: (service: string) => bridge.call('stack:restartService', { service }).then(() => useStack.getState().load()),
  reset: (confirmation: string) => bridge.call('stack:reset', { confirmation }).then(() => useStack.getState().load()),
};

/** A service's log tail, read again every two seconds while shown (it follows the file). */
export const stackLogStore = createStore({ load: (_bridge, { service }: { service: string }) => bridge.call('stack:logs', { service, lines: 400 }), pollMs: 2000, debounceMs: 0 });

/** The status, read again every five seconds while the Stack page is shown. */
export function useStackStatusPolling(): void {
  useEffect(() => {
    const timer = setInterval(() => void useStack.getState().load(), 5000);
    return () => clearInterval(timer);
  }, []);
}
