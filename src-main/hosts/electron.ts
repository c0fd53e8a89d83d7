import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, type Api } from '@shared/contract';
import { dispatch } from '../core/dispatch';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/logger';

const EVENT_CHANNEL = 'streamdesk:event';

export interface ElectronHostOptions {
  api: Api;
  bus: EventBus;
  logger: Logger;
  /** True when the frame that sent a call is our own renderer (not an iframe, not navigated away). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Where events go: the app's windows. */
  targets: () => WebContents[];
}

/** One ipcMain handler per contract call; every event is forwarded to the app's windows. */
export function registerElectronHost(options: ElectronHostOptions): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(name, (event, args: unknown) => {
      if (!options.isTrustedSender(event)) {
        options.logger.warn(`refused ${name} from an untrusted frame`);
        return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the StreamDesk window' } };
      }
      return dispatch(options.api, name, args, options.logger);
    });
  }
  const unsubscribe = options.bus.onAny((event, payload) => {
    for (const contents of options.targets()) {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
    }
  });
  return () => {
    unsubscribe();
    for (const name of CALL_NAMES) ipcMain.removeHandler(name);
  };
}
