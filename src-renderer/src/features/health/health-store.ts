import { create } from 'zustand';
import type { HealthSnapshot } from '../../../../src-shared/health';
import { bridge } from '../../bridge';

interface HealthState {
  snapshot: HealthSnapshot | null;
  error: string | null;
  refreshing: boolean;
  refresh(): Promise<void>;
}

export const useHealth = create<HealthState>((set) => ({
  snapshot: null,
  error: null,
  refreshing: false,
  async refresh() {
    set({ refreshing: true });
    try {
      set({ snapshot: await bridge.call('health:refresh', {}), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      set({ refreshing: false });
    }
  },
}));

/** Loads the current snapshot, then follows `health:changed`; returns the unsubscribe. */
export function followHealth(): () => void {
  const load = () =>
    bridge.call('health:get', {}).then(
      (snapshot) => useHealth.setState({ snapshot, error: null }),
      (error: Error) => useHealth.setState({ error: error.message }),
    );
  void load();
  const offChanged = bridge.on('health:changed', (snapshot) => useHealth.setState({ snapshot, error: null }));
  const offConnection = bridge.onConnectionChange((connected) => {
    if (connected) void load();
  });
  return () => {
    offChanged();
    offConnection();
  };
}
