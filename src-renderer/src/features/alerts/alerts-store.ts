import { create } from 'zustand';
import type { AlertsState } from '../../../../src-shared/alerts';
import type { CallArgs } from '../../../../src-shared/contract';
import { bridge } from '../../bridge';

export const useAlerts = create<{ state: AlertsState | null }>(() => ({ state: null }));

/** Shows a desktop notification for each alert that starts while the app is open. */
function notifyNew(previous: AlertsState | null, next: AlertsState): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !previous) return;
  const known = new Set(previous.active.map((alert) => alert.id));
  for (const alert of next.active) {
    if (!known.has(alert.id)) new Notification(`StreamDesk: ${alert.severity === 'critical' ? 'critical' : 'warning'}`, { body: alert.message, tag: alert.id });
  }
}

export function followAlerts(): () => void {
  const load = () => bridge.call('alerts:state', {}).then((state) => useAlerts.setState({ state }), () => {});
  void load();
  const off = bridge.on('alerts:changed', (state) => {
    notifyNew(useAlerts.getState().state, state);
    useAlerts.setState({ state });
  });
  const offLink = bridge.onConnectionChange((linked) => linked && void load());
  return () => {
    off();
    offLink();
  };
}

export const alertCalls = {
  updateRule: (args: CallArgs<'alerts:updateRule'>) => bridge.call('alerts:updateRule', args),
  setPublishing: (args: CallArgs<'alerts:setPublishing'>) => bridge.call('alerts:setPublishing', args),
};
