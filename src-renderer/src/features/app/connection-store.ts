import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** The app's version and the active connection (read again when the link comes back, and on a profile switch). */
export const appInfoStore = createStore({ load: (bridge) => bridge.call('app:info', {}) });

/** False while a browser has lost its WebSocket to `streamdesk serve` (no data: linked). */
export const linkStore = createStore<boolean>({});

/** Follows the link and the app's info for the status bar (App's effect). */
export function followConnection(): () => void {
  const stops = [appInfoStore.watch(), bridge.onConnectionChange((linked) => linkStore.set(undefined, linked))];
  return () => stops.forEach((stop) => stop());
}
