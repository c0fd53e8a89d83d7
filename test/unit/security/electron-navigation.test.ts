// Navigation, redirects, <webview> and window.open are blocked in the desktop app (issue 8,
// point 3); exercised on a stand-in for WebContents that records the handlers the guard installs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardWebContents, type GuardedContents } from '@main/hosts/electron-navigation';

const RENDERER_FILE = path.resolve('/opt/StreamDesk/out/renderer/index.html');
const OWN = `file://${RENDERER_FILE}`;

function guarded(): { fire(event: string, url?: string): boolean; open(url: string): { action: string }; opened: string[] } {
  const listeners = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
  let openHandler: (details: { url: string }) => { action: 'deny' } = () => ({ action: 'deny' });
  const contents = {
    on: (event: string, listener: (event: { preventDefault(): void; url?: string }, url?: string) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  } as unknown as GuardedContents;
  const opened: string[] = [];
  guardWebContents(contents, { file: RENDERER_FILE }, (url) => opened.push(url));
  return {
    fire(event, url) {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => (prevented = true), url }, url);
      return prevented;
    },
    open: (url) => openHandler({ url }),
    opened,
  };
}

describe('the desktop window stays on its own page', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s away is cancelled, to our own page is let through', (event) => {
    const contents = guarded();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'about:blank']) {
      expect(contents.fire(event, url), url).toBe(true);
    }
    expect(contents.fire(event, `${OWN}#/topics`)).toBe(false);
  });

  it('a <webview> is never attached', () => {
    expect(guarded().fire('will-attach-webview')).toBe(true);
  });

  it('window.open never opens an app window; only http(s) links go to the browser', () => {
    const contents = guarded();
    for (const url of ['https://flink.example/#/job/1', 'http://127.0.0.1:8081/', 'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', OWN]) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(contents.opened).toEqual(['https://flink.example/#/job/1', 'http://127.0.0.1:8081/']);
  });
});
