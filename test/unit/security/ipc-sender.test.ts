// Every IPC call is checked against the frame that sent it (issue 8, point 3). No Electron binary
// here: ipcMain is replaced by a recorder, and the events carry frames shaped like WebFrameMain.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, type Api } from '@shared/contract';
import { EventBus } from '@main/core/event-bus';
import { isExternalWebUrl, isOwnPage, isTrustedSenderFrame, type OwnPage } from '@main/hosts/electron-sender';

type Handler = (event: unknown, args: unknown) => unknown;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, handler: Handler) => handlers.set(name, handler),
    removeHandler: (name: string) => handlers.delete(name),
  },
}));

const RENDERER_FILE = path.resolve('/opt/StreamDesk/resources/app/out/renderer/index.html');
const BUILT: OwnPage = { file: RENDERER_FILE };
const DEV: OwnPage = { devServerUrl: 'http://localhost:5173/', file: RENDERER_FILE };
const OWN_URL = `file://${RENDERER_FILE}`;

describe('which frames count as our own page', () => {
  it.each([
    [OWN_URL, true],
    [`${OWN_URL}#/topics/x`, true],
    [`${OWN_URL}?q=1`, true],
    ['file:///etc/passwd', false],
    [`file://${RENDERER_FILE}.evil.html`, false],
    [`file://evil-host${RENDERER_FILE}`, false],
    [`file://${path.dirname(RENDERER_FILE)}/../renderer/other.html`, false],
    ['https://evil.example/index.html', false],
    ['about:blank', false],
    ['data:text/html,<script>1</script>', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('built app: %s → %s', (url, expected) => {
    expect(isOwnPage(url, BUILT)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/#/topics', true],
    ['http://localhost:5173.evil.example/', false],
    ['http://localhost:51730/', false],
    ['https://localhost:5173/', false],
    [OWN_URL, false],
  ])('dev server: %s → %s', (url, expected) => {
    expect(isOwnPage(url, DEV)).toBe(expected);
  });

  it('a sub-frame of our own page, or a frame already gone, is not trusted', () => {
    expect(isTrustedSenderFrame({ url: OWN_URL, parent: null }, BUILT)).toBe(true);
    expect(isTrustedSenderFrame({ url: OWN_URL, parent: { url: OWN_URL } }, BUILT)).toBe(false);
    expect(isTrustedSenderFrame(null, BUILT)).toBe(false);
    expect(isTrustedSenderFrame(undefined, BUILT)).toBe(false);
  });

  it('window.open hands only http(s) to the browser', () => {
    expect(isExternalWebUrl('https://flink.example:8081/#/job/1')).toBe(true);
    expect(isExternalWebUrl('http://127.0.0.1:8081/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'vscode://x', 'data:text/html,x', 'not a url']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('the Electron host checks the sender of every call', () => {
  it('refuses every call from a foreign or framed sender before dispatch, and serves our own page', async () => {
    const ran: string[] = [];
    const api = new Proxy({} as Api, {
      get: (_t, name) => () => {
        ran.push(String(name));
        return Promise.resolve({});
      },
    });
    const warnings: string[] = [];
    const { registerElectronHost } = await import('@main/hosts/electron');
    const dispose = registerElectronHost({
      api,
      bus: new EventBus(),
      logger: { info() {}, error() {}, warn: (message) => warnings.push(message) },
      isTrustedSender: (event) => isTrustedSenderFrame((event as { senderFrame: { url: string; parent: unknown } | null }).senderFrame, BUILT),
      targets: () => [],
    });
    try {
      expect([...handlers.keys()].sort()).toEqual([...CALL_NAMES].sort());
      const senders = [
        { url: 'https://evil.example/', parent: null },
        { url: OWN_URL, parent: { url: OWN_URL } },
        { url: 'file:///tmp/downloaded.html', parent: null },
        null,
      ];
      for (const name of CALL_NAMES) {
        for (const senderFrame of senders) {
          const envelope = await handlers.get(name)!({ senderFrame }, {});
          expect(envelope, `${name} from ${senderFrame?.url ?? 'a destroyed frame'}`).toEqual({
            ok: false,
            error: { code: 'forbidden', message: 'Calls are accepted only from the StreamDesk window' },
          });
        }
      }
      expect(ran).toEqual([]);
      expect(warnings.length).toBe(CALL_NAMES.length * senders.length);

      const fromUs = await handlers.get('app:info')!({ senderFrame: { url: `${OWN_URL}#/overview`, parent: null } }, {});
      expect(fromUs).toEqual({ ok: true, result: {} });
      expect(ran).toEqual(['app:info']);
    } finally {
      dispose();
    }
    expect(handlers.size).toBe(0);
  });
});
