import type { BrowserWindow, Rectangle } from 'electron';
import { screen } from 'electron';
import Store from 'electron-store';

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

const store = new Store<{ window: WindowState }>({ name: 'window-state', defaults: { window: {} } });

/** The saved bounds, if they still fall on a connected display. */
export function savedBounds(): { bounds?: Rectangle; maximized: boolean } {
  const state = store.get('window');
  const bounds = state.bounds;
  const visible =
    bounds &&
    screen
      .getAllDisplays()
      .some(
        ({ workArea }) =>
          bounds.x < workArea.x + workArea.width &&
          bounds.x + bounds.width > workArea.x &&
          bounds.y < workArea.y + workArea.height &&
          bounds.y + bounds.height > workArea.y,
      );
  return { bounds: visible ? bounds : undefined, maximized: Boolean(state.maximized) };
}

/** Remembers size, place and maximized state as the user changes them. */
export function trackWindowState(window: BrowserWindow): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.isDestroyed()) return;
      store.set('window', { bounds: window.isMaximized() ? store.get('window').bounds : window.getBounds(), maximized: window.isMaximized() });
    }, 300);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', save);
  window.on('close', () => {
    clearTimeout(timer);
    store.set('window', { bounds: window.isMaximized() ? store.get('window').bounds : window.getBounds(), maximized: window.isMaximized() });
  });
}
