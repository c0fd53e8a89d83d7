import { create } from 'zustand';
import type { AppInfo } from '../../../../src-shared/contract';
import { bridge } from '../../bridge';

interface ConnectionState {
  /** False while a browser has lost its WebSocket to `streamdesk serve`. */
  linked: boolean;
  info: AppInfo | null;
}

export const useConnection = create<ConnectionState>(() => ({ linked: true, info: null }));

export function reloadConnectionInfo(): Promise<void> {
  return bridge.call('app:info', {}).then(
    (info) => useConnection.setState({ info }),
    () => {},
  );
}

export function followConnection(): () => void {
  const load = reloadConnectionInfo;
  void load();
  return bridge.onConnectionChange((linked) => {
    useConnection.setState({ linked });
    if (linked) void load();
  });
}
