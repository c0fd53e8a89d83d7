import type { AlertsState } from '@shared/alerts';
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** Shows a desktop notification for each alert that starts while the app is open. */
function notifyNew(previous: AlertsState | null, next: AlertsState): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !previous) return;
  const known = new Set(previous.active.map((alert) => alert.id));
  for (const alert of next.active) {
    if (!known.has(alert.id)) new Notification(`StreamDesk: ${alert.severity === 'critical' ? 'critical' : 'warning'}`, { body: alert.message, tag: alert.id });
  }
}

/** Active alerts, history and rules: read once, then kept current by `alerts:changed` (App follows it for the status bar and notifications). */
export const alertsStore = createStore({
  load: (bridge) => bridge.call('alerts:state', {}),
  updates: {
    'alerts:changed': (state, current) => {
      notifyNew(current, state);
      return state;
    },
  },
});

/** Rule and publishing changes; each answer is the new state. */
export const alertCalls = {
  updateRule: (args: CallArgs<'alerts:updateRule'>) => bridge.call('alerts:updateRule', args).then((state) => alertsStore.set(undefined, state)),
  setPublishing: (args: CallArgs<'alerts:setPublishing'>) => bridge.call('alerts:setPublishing', args).then((state) => alertsStore.set(undefined, state)),
};
