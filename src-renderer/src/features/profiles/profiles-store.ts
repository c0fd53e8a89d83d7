import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

const switchListeners = new Set<() => void>();

/** Called when `profiles:changed` names another active profile (switched in this window or another). */
export function onProfileSwitch(listener: () => void): () => void {
  switchListeners.add(listener);
  return () => switchListeners.delete(listener);
}

/** The saved profiles and the active one, kept current by `profiles:changed` (App follows it, so switching profile in one window switches every page everywhere). */
export const profilesStore = createStore({
  load: (bridge) => bridge.call('profiles:list', {}),
  updates: {
    'profiles:changed': (state, current) => {
      if (current?.activeId !== state.activeId) queueMicrotask(() => switchListeners.forEach((listener) => listener()));
      return state;
    },
  },
  // the profiles are the same whatever cluster is active (and a switch is told by comparing them)
  followsCluster: false,
});

export const profileCalls = {
  save: (profile: CallArgs<'profiles:save'>['profile']) => bridge.call('profiles:save', { profile }),
  /** A saved profile by id, or a candidate from the form. */
  test: (args: CallArgs<'profiles:test'>) => bridge.call('profiles:test', args),
  activate: (id: string) => bridge.call('profiles:activate', { id }),
  delete: (id: string) => bridge.call('profiles:delete', { id }),
};
