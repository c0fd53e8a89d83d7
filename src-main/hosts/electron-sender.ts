import path from 'node:path';

/** Where the app's own page comes from: the electron-vite dev server, or the built index.html. */
export interface OwnPage {
  /** Set in `npm run dev` only. */
  devServerUrl?: string;
  /** Absolute path of the built renderer's index.html. */
  file: string;
}

/** The part of Electron's WebFrameMain the check reads (kept structural so it runs without Electron). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * True when `url` is our own renderer page. The dev server is matched by origin, not by text
 * prefix, so `http://localhost:5173.evil.example` is not ours; the file by its exact path.
 */
export function isOwnPage(url: string, page: OwnPage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (page.devServerUrl) return parsed.origin === new URL(page.devServerUrl).origin;
  return parsed.protocol === 'file:' && parsed.host === '' && path.normalize(decodeURIComponent(parsed.pathname)) === path.normalize(page.file);
}

/**
 * Each IPC call must come from the app's own top-level frame: not from an iframe (even one of
 * ours), not from a page the window was somehow navigated to, and not from a frame already gone.
 */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined, page: OwnPage): boolean {
  return frame != null && frame.parent === null && isOwnPage(frame.url, page);
}

/** window.open targets we hand to the user's browser: http(s) only, parsed rather than matched as text. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
