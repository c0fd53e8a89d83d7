import { createStore } from '@renderer/store';
import { bridge } from '@renderer/bridge';

/** The stack's health: read once, then kept current by `health:changed` (App follows it for the status bar). */
export const healthStore = createStore({
  load: (bridge) => bridge.call('health:get', {}),
  updates: { 'health:changed': (snapshot) => snapshot },
});

export const healthCalls = {
  /** Checks every service now; the answer is the new snapshot. */
  refresh: () => bridge.call('health:refresh', {}).then((snapshot) => healthStore.set(undefined, snapshot)),
};
