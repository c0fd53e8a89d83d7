import { create } from 'zustand';
import type { CallArgs } from '../../../../src-shared/contract';
import type { ProfilesState } from '../../../../src-shared/profiles';
import { bridge } from '../../bridge';

interface ProfilesStore {
  state: ProfilesState | null;
  error: string | null;
  load(): Promise<void>;
}

export const useProfiles = create<ProfilesStore>((set) => ({
  state: null,
  error: null,
  async load() {
    try {
      set({ state: await bridge.call('profiles:list', {}), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));

/** Follows `profiles:changed`, so switching profile in one window switches every page everywhere. */
export function followProfiles(onSwitch: () => void): () => void {
  void useProfiles.getState().load();
  return bridge.on('profiles:changed', (state) => {
    const before = useProfiles.getState().state?.activeId;
    useProfiles.setState({ state, error: null });
    if (before !== state.activeId) onSwitch();
  });
}

export const profileCalls = {
  save: (profile: CallArgs<'profiles:save'>['profile']) => bridge.call('profiles:save', { profile }),
  /** A saved profile by id, or a candidate from the form. */
  test: (args: CallArgs<'profiles:test'>) => bridge.call('profiles:test', args),
  activate: (id: string) => bridge.call('profiles:activate', { id }),
  delete: (id: string) => bridge.call('profiles:delete', { id }),
};
