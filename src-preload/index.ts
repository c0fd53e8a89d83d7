import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, EVENT_NAMES, type RawBridge } from '@shared/contract';

// Must match EVENT_CHANNEL in src-main/hosts/electron.ts (kept literal: the preload bundles nothing of main).
const EVENT_CHANNEL = 'streamdesk:event';
const callNames = new Set<string>(CALL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);

/**
 * The only door between the page and the back end: contract calls by name (nothing else can be
 * invoked) and contract events. The renderer never sees ipcRenderer itself.
 */
const bridge: RawBridge = {
  invoke(name, args) {
    if (!callNames.has(name)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-call', message: `Unknown call: ${String(name).slice(0, 80)}` } });
    }
    return ipcRenderer.invoke(name, args);
  },
  subscribe(event, listener) {
    if (!eventNames.has(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
    const forward = (_: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('streamdesk', bridge);
