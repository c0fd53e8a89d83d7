import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'out', 'main', 'index.js');

function electronBinary(): string | null {
  try {
    // The electron package's main export is the path of its binary (or throws when it is absent).
    const binary = createRequire(__filename)(path.join(ROOT, 'node_modules', 'electron')) as unknown as string;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const reason = !binary
  ? 'the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same UI is tested in Chromium against `streamdesk serve`'
  : !existsSync(MAIN)
    ? 'the app is not built (run `npm run build`)'
    : null;
if (reason) console.warn(`[electron-smoke] SKIPPED: ${reason}`);

describe('Electron desktop window', () => {
  it.skipIf(reason !== null)('opens with a sandboxed renderer that sees only window.streamdesk', async () => {
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: binary!, args: [MAIN, '--no-sandbox'], cwd: ROOT });
    try {
      const window = await app.firstWindow();
      await window.waitForSelector('.sidebar');
      expect(await window.title()).toBe('StreamDesk');
      const surface = await window.evaluate(() => ({
        bridge: Object.keys((window as unknown as { streamdesk: object }).streamdesk).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(surface).toEqual({ bridge: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0].webContents;
        return (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      });
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    } finally {
      await app.close();
    }
  });
});
