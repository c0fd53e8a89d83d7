import { isExternalWebUrl, isOwnPage, type OwnPage } from './electron-sender';

/** The part of Electron's WebContents the guard uses (structural, so it is testable without Electron). */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: { preventDefault(): void; url?: string }, url?: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Keeps every web contents on our own page: navigation and redirects elsewhere are cancelled,
 * <webview> is refused, and window.open never opens a window inside the app; http(s) links (a
 * service's own dashboard) go to the user's browser instead.
 */
export function guardWebContents(contents: GuardedContents, page: OwnPage, openExternal: (url: string) => void): void {
  const stayHome = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isOwnPage(url ?? event.url ?? '', page)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
