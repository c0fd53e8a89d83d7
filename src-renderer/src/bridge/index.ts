import { typedBridge } from '@shared/client';
import type { Bridge, RawBridge } from '@shared/contract';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    streamdesk?: RawBridge;
  }
}

function rawBridge(): RawBridge {
  if (window.streamdesk) return window.streamdesk;
  // In a browser: the server set an HttpOnly session cookie; drop the token from the address bar.
  if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname + location.hash);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsBridge(`${scheme}//${location.host}/ws`);
}

/** The one Bridge of this page, the same typed API in the desktop app and in a browser. */
export const bridge: Bridge = typedBridge(rawBridge());
